import type { DbOrTrx } from '../../db/index.js';

export interface BoardMember {
  id: number;
  name: string;
  email: string;
}

/**
 * The active board members (accounts with the board role): who attends
 * meetings, holds helpline shifts and receives the board's reminders.
 */
export async function activeBoardMembers(db: DbOrTrx): Promise<BoardMember[]> {
  const rows = await db
    .selectFrom('users')
    .select(['id', 'display_name', 'email', 'role'])
    .where('active', '=', 1)
    .orderBy('display_name')
    .execute();
  return rows
    .filter((r) => r.role.split(',').some((role) => role.trim() === 'board'))
    .map((r) => ({ id: r.id, name: r.display_name, email: r.email }));
}
