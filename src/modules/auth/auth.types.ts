export const ROLES = ['admin', 'board'] as const;
export type Role = (typeof ROLES)[number];

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
