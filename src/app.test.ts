import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FastifyError } from 'fastify';
import { errorLogFields } from './app.js';

describe('log lines of errors', () => {
  it('keep the message and code of a database error, never the values in its detail', () => {
    const error = Object.assign(new Error('duplicate key value violates unique constraint "signatures_email_key"'), {
      code: '23505',
      detail: 'Key (email)=(gwendoline.tartempion@exemple.be) already exists.',
      where: 'SQL statement',
    }) as unknown as FastifyError;
    const logged = JSON.stringify(errorLogFields(error));
    assert.match(logged, /signatures_email_key/);
    assert.match(logged, /23505/);
    assert.doesNotMatch(logged, /tartempion/);
  });
});
