import type { DbOrTrx } from '../../db/index.js';
import { listsWith } from '../../lib/roles.js';

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
    .select(['id', 'display_name', 'email'])
    .where('active', '=', 1)
    .where('role', 'in', listsWith('board'))
    .orderBy('display_name')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.display_name, email: r.email }));
}
