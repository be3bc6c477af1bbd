import type { DbOrTrx } from '../../db/index.js';
import { NotFoundError } from '../../errors.js';
import { strList } from '../../web/validation.js';

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

/** From the form's boxes (`notices`): an unticked box is absent, anything else is ignored. */
export async function saveNoticePreferences(
  db: DbOrTrx,
  userId: number,
  body: Record<string, unknown>,
): Promise<NoticePreferences> {
  const ticked = strList(body.notices);
  const prefs = { assigned: ticked.includes('assigned'), flagged: ticked.includes('flagged') };
  await db
    .updateTable('users')
    .set({ notify_assigned: prefs.assigned ? 1 : 0, notify_flagged: prefs.flagged ? 1 : 0 })
    .where('id', '=', userId)
    .execute();
  return prefs;
}
