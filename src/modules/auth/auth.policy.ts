import type { Access, CurrentUser, Role } from './auth.types.js';

export function hasRole(user: CurrentUser | null, role: Role): boolean {
  return Boolean(user?.roles.includes(role));
}

/** The single authorisation rule for routes, checked server-side on every request. */
export function canAccess(user: CurrentUser | null, access: Access): boolean {
  if (access === 'public') return true;
  if (!user) return false;
  if (access === 'authenticated') return true;
  return hasRole(user, access);
}

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

/** An admin may require a second factor for a role: anyone holding one of those roles must use one. */
export function isSecondFactorRequired(roles: Role[], required: Role[]): boolean {
  return roles.some((r) => required.includes(r));
}
