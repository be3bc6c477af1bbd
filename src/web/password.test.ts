import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { password } from './validation.js';

/** Issue 9: `aaaaaaaaaa` was accepted. NIST SP 800-63B: length, and no common password. */
describe('password policy', () => {
  const check = (value: string) => password().safeParse(value);
  it('refuses short, repeated and common passwords with a French message', () => {
    for (const weak of ['aaaaaaaaaa', 'aaaaaaaaaaaa', 'court', 'password1234', '123456789012']) {
      const result = check(weak);
      assert.equal(result.success, false, weak);
      assert.match(result.error?.issues[0]?.message ?? '', /au moins 12 caractères|plus courants/);
    }
  });
  it('accepts a long passphrase without any composition rule', () => {
    assert.equal(check('la permanence du mardi soir').success, true);
    assert.equal(check('un mot de passe de test').success, true);
  });
});
