import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NOUNS, plural, pluralForm } from './plural.js';

describe('plurals from Intl.PluralRules', () => {
  it('treats 0 and 1 as singular in French, and groups thousands', () => {
    assert.equal(plural(0, NOUNS.request), '0 demande');
    assert.equal(plural(1, NOUNS.request), '1 demande');
    assert.equal(plural(2, NOUNS.request), '2 demandes');
    assert.equal(plural(1234, NOUNS.subscriber).replace(/\s/u, ' '), '1 234 abonné·e·s');
  });

  it('follows the language given: 0 is plural in Dutch and English', () => {
    assert.equal(pluralForm(0, { one: 'aanvraag', other: 'aanvragen' }, 'nl-BE'), 'aanvragen');
    assert.equal(pluralForm(1, { one: 'request', other: 'requests' }, 'en'), 'request');
  });
});
