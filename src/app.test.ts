import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loginAs } from '../tests/factories/index.js';
import { createTestApp, type TestContext } from '../tests/setup/app.js';
import { testEngine } from '../tests/setup/databases.js';
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

describe(`log lines of requests (${testEngine()})`, () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await createTestApp();
  });
  after(() => ctx.close());

  it('writes one line per request: method, route pattern, status, duration and request id, never the query or the values', async () => {
    const { agent } = await loginAs(ctx);
    ctx.logs.length = 0;
    const res = await agent.get('/demandes/424242?q=Madame+Tartempion&jeton=abc123');
    assert.equal(res.statusCode, 404);
    const lines = ctx.logs.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === 'request');
    assert.equal(lines.length, 1, ctx.logs.join(''));
    const [line] = lines;
    assert.equal(line?.method, 'GET');
    assert.equal(line?.route, '/demandes/:id');
    assert.equal(line?.status, 404);
    assert.equal(typeof line?.ms, 'number');
    assert.match(String(line?.reqId), /\S/);
    const all = ctx.logs.join('');
    for (const leak of ['Tartempion', 'abc123', '424242', '?q=']) assert.ok(!all.includes(leak), `${leak} logged`);
    assert.equal(
      ctx.logs.filter((l) => /incoming request|request completed/.test(l)).length,
      0,
      'no Fastify default lines',
    );
  });
});
