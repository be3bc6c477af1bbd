import type { Role } from '../lib/roles.js';

export { ROLES, type Role } from '../lib/roles.js';

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Administration (comptes, catégories, journal)',
  board: 'Bureau (demandes)',
};

export interface CurrentUser {
  id: number;
  email: string;
  displayName: string;
  roles: Role[];
  sessionId: string;
  /** Their role requires a second factor and they have none yet: only enrolment is open to them. */
  mustEnrolSecondFactor?: boolean;
}

/** Who may reach a route. Every route declares one; there is no default. */
export type Access = 'public' | 'authenticated' | Role;

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
