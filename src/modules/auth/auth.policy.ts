import { hasRole, type CurrentUser, type Role } from '../../web/access.js';

export function parseRoles(value: string): Role[] {
  return value
    .split(',')
    .map((r) => r.trim())
    .filter((r): r is Role => r === 'admin' || r === 'board');
}

/** Where a freshly logged-in user lands. */
export function homeFor(user: CurrentUser): string {
  return hasRole(user, 'board') ? '/demandes' : '/admin/utilisateurs';
}
