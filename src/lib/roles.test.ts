import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { listsWith, parseRoles, roleNames, ROLES, serialiseRoles, type Role } from './roles.js';

/** Every set of roles, from none to all. */
function subsets(): Role[][] {
  return ROLES.reduce<Role[][]>((acc, role) => [...acc, ...acc.map((s) => [...s, role])], [[]]);
}

describe('roles as stored in users.role', () => {
  it('stores every set of roles sorted, each once, and reads it back', () => {
    for (const roles of subsets()) {
      const stored = serialiseRoles([...roles].reverse().concat(roles));
      assert.equal(stored, [...roles].sort().join(','), `stored form of ${roles.join('+') || 'no role'}`);
      assert.deepEqual(parseRoles(stored), [...roles].sort());
    }
  });

  it('reads a setting or a form value, dropping blanks and unknown words', () => {
    assert.deepEqual(parseRoles(' board , chef,admin,'), ['board', 'admin']);
    assert.deepEqual(parseRoles(''), []);
  });

  it('lists every stored value that includes a role, for a query', () => {
    assert.deepEqual(listsWith('board'), ['board', 'admin,board']);
    assert.deepEqual(listsWith('admin'), ['admin', 'admin,board']);
  });

  it('names the roles in words for the journal, never as stored', () => {
    assert.equal(roleNames(['board', 'admin']), 'administration + bureau');
    assert.equal(roleNames(['board']), 'bureau');
    assert.equal(roleNames([]), 'aucun');
  });
});
