import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { password, personalPasswordError } from './validation.js';

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

describe('a password never contains the account’s name or address (NIST SP 800-63B)', () => {
  const who = { email: 'jean-marie.van.damme@exemple.be', name: 'Jean-Marie Van Damme' };
  it('refuses the address’s local part and the name’s words, whatever the case and accents', () => {
    for (const mention of ['jeanmarievandamme', 'Damme et compagnie', 'JÉAN de la lune 12', 'le grand marie'])
      assert.equal(
        personalPasswordError(mention, who),
        'Mot de passe : il ne doit contenir ni votre nom ni votre adresse e-mail.',
        mention,
      );
  });
  it('accepts words shorter than four letters that happen to appear (« van » in « caravane »)', () => {
    assert.equal(personalPasswordError('la caravane passe encore', who), null);
    assert.equal(personalPasswordError('x', { email: 'ab@exemple.be', name: 'Al' }), null);
  });
});
