import { hasRole, type CurrentUser, type Role } from '../../web/access.js';

/** Where a freshly logged-in user lands: a board member on « Mon tableau de bord ». */
export function homeFor(user: CurrentUser): string {
  return hasRole(user, 'board') ? '/tableau-de-bord' : '/admin/utilisateurs';
}

/** An admin may require a second factor for a role: anyone holding one of those roles must use one. */
export function isSecondFactorRequired(roles: Role[], required: Role[]): boolean {
  return roles.some((r) => required.includes(r));
}
