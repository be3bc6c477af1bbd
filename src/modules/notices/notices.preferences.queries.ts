import type { DbOrTrx } from '../../db/index.js';
import { NotFoundError } from '../../errors.js';

/** Which notices a person wants by e-mail (each on by default). */
export interface NoticePreferences {
  assigned: boolean;
  flagged: boolean;
}

export async function loadNoticePreferences(db: DbOrTrx, userId: number): Promise<NoticePreferences> {
  const row = await db
    .selectFrom('users')
    .select(['notify_assigned', 'notify_flagged'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!row) throw new NotFoundError('Ce compte n’existe pas.');
  return { assigned: row.notify_assigned === 1, flagged: row.notify_flagged === 1 };
}

export async function updateNoticePreferences(db: DbOrTrx, userId: number, prefs: NoticePreferences): Promise<void> {
  await db
    .updateTable('users')
    .set({ notify_assigned: prefs.assigned ? 1 : 0, notify_flagged: prefs.flagged ? 1 : 0 })
    .where('id', '=', userId)
    .execute();
}
