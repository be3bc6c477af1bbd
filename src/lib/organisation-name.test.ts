import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { organisationOf } from './organisation-name.js';

describe('the organisation’s name with its article', () => {
  it('never splices « de » before a name that takes an article (« du Comité », not « de Comité »)', () => {
    assert.equal(organisationOf('Comité de test'), 'du Comité de test');
    assert.equal(organisationOf('Fédération des CPAS'), 'de la Fédération des CPAS');
    assert.equal(organisationOf('Association des AS'), 'de l’Association des AS');
    assert.equal(organisationOf('Vigie asbl'), 'de Vigie asbl');
  });
});
