import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { AppError, ERROR_STATUS, FieldValidationError, NotFoundError, type ErrorCode } from './errors.js';

describe('the error model', () => {
  it('docs/errors.md lists exactly the codes of src/errors.ts, with the same status', () => {
    const doc = readFileSync(new URL('../docs/errors.md', import.meta.url), 'utf8');
    const documented = Object.fromEntries(
      [...doc.matchAll(/^\| `([A-Z_]+)` \| (\d{3}) \|/gm)].map((m) => [m[1], Number(m[2])]),
    );
    assert.deepEqual(documented, { ...ERROR_STATUS });
  });

  it('an error takes its status from its code', () => {
    for (const code of Object.keys(ERROR_STATUS) as ErrorCode[])
      assert.equal(new AppError(code, 'message').statusCode, ERROR_STATUS[code]);
    assert.equal(new NotFoundError().statusCode, 404);
  });

  it('one FieldValidationError carries every field message', () => {
    const error = new FieldValidationError({
      year: 'Année : invalide.',
      value: 'Valeur : obligatoire.',
      note: undefined,
    });
    assert.ok(error instanceof AppError);
    assert.equal(error.code, 'VALIDATION_FAILED');
    assert.equal(error.statusCode, 422);
    assert.deepEqual(error.errors, { year: 'Année : invalide.', value: 'Valeur : obligatoire.', note: undefined });
    assert.equal(error.message, 'Année : invalide.\nValeur : obligatoire.');
  });
});
