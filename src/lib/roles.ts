/**
 * The roles and how a person's roles are stored. `users.role` holds them sorted and
 * comma-separated; `RoleList` is every value that column may hold, so the compiler refuses any
 * other, and `parseRoles` / `serialiseRoles` are the only places that go from one to the other.
 * Why a typed column and not a `user_roles` table: src/modules/auth/README.md.
 */
export const ROLES = ['admin', 'board'] as const;
export type Role = (typeof ROLES)[number];

/** The roles in plain words, for an audit entry: « administration + bureau », « aucun ». */
export function roleNames(roles: readonly Role[]): string {
  const names: Record<Role, string> = { admin: 'administration', board: 'bureau' };
  return (
    ROLES.filter((r) => roles.includes(r))
      .map((r) => names[r])
      .join(' + ') || 'aucun'
  );
}

/** What `users.role` holds: the roles sorted and joined by a comma, or nothing. */
export type RoleList = '' | 'admin' | 'board' | 'admin,board';

function isRole(value: string): value is Role {
  return ROLES.some((role) => role === value);
}

/** The roles in a stored list, a setting or a form value (`admin,board`); unknown words are dropped. */
export function parseRoles(value: string): Role[] {
  return value
    .split(',')
    .map((r) => r.trim())
    .filter(isRole);
}

/** The stored form of a set of roles: sorted, each once. */
export function serialiseRoles(roles: readonly Role[]): RoleList {
  const admin = roles.includes('admin');
  const board = roles.includes('board');
  if (admin && board) return 'admin,board';
  if (admin) return 'admin';
  return board ? 'board' : '';
}

/** Every stored list that includes a role, for a query (`where('role', 'in', listsWith('board'))`). */
export function listsWith(role: Role): RoleList[] {
  const all: RoleList[] = ['', 'admin', 'board', 'admin,board'];
  return all.filter((list) => parseRoles(list).includes(role));
}
