import type { Db } from '../../db/index.js';
import { addDays } from '../../lib/belgian-calendar.js';
import { nowIso, todayInBrussels } from '../../lib/time.js';
import { activeBoardMembers } from '../auth/auth.board.service.js';
import { queueMail } from '../mail/mail.service.js';
import { reminderMail, vacancyAlertMail, type RotaMailContext } from './rota.mail.js';
import { listShifts } from './rota.queries.js';

/** How far ahead an empty shift alerts the board. */
const ALERT_DAYS = 14;

/**
 * The day-before reminder to whoever holds a shift. Runs daily; also covers
 * today's shifts whose reminder was never sent (a missed run), never a past
 * one. Each reminder is queued and marked sent in one transaction: a run
 * taken over after a crash never sends it twice.
 */
export async function sendShiftReminders(db: Db, now: Date, mail: RotaMailContext): Promise<number> {
  const today = todayInBrussels(now);
  const due = await db
    .selectFrom('helpline_shifts')
    .select('id')
    .where('held_on', '>=', today)
    .where('held_on', '<=', addDays(today, 1))
    .where('user_id', 'is not', null)
    .where('reminder_sent_at', 'is', null)
    .execute();
  let sent = 0;
  for (const { id } of due) {
    sent += await db.transaction().execute(async (trx) => {
      const marked = await trx
        .updateTable('helpline_shifts')
        .set({ reminder_sent_at: nowIso(now) })
        .where('id', '=', id)
        .where('reminder_sent_at', 'is', null)
        .executeTakeFirst();
      if (Number(marked.numUpdatedRows) === 0) return 0;
      const [shift] = (await listShifts(trx, today, addDays(today, 1))).filter((s) => s.id === id);
      if (!shift?.email) return 0;
      await queueMail(trx, { to: shift.email, ...reminderMail(mail, shift) }, now);
      return 1;
    });
  }
  return sent;
}

/**
 * One e-mail to every board member listing the shifts of the next two weeks
 * that nobody holds and that no alert mentioned yet; they are marked in the
 * same transaction (giving a shift back clears the mark).
 */
export async function alertEmptyShifts(db: Db, now: Date, mail: RotaMailContext): Promise<number> {
  const today = todayInBrussels(now);
  return db.transaction().execute(async (trx) => {
    const empty = (await listShifts(trx, today, addDays(today, ALERT_DAYS))).filter((s) => s.userId === null);
    const ids = (
      await trx
        .selectFrom('helpline_shifts')
        .select('id')
        .where('alert_sent_at', 'is', null)
        .where('user_id', 'is', null)
        .execute()
    ).map((r) => r.id);
    const fresh = empty.filter((s) => ids.includes(s.id));
    if (fresh.length === 0) return 0;
    await trx
      .updateTable('helpline_shifts')
      .set({ alert_sent_at: nowIso(now) })
      .where(
        'id',
        'in',
        fresh.map((s) => s.id),
      )
      .execute();
    const message = vacancyAlertMail(mail, fresh);
    for (const member of await activeBoardMembers(trx)) await queueMail(trx, { to: member.email, ...message }, now);
    return fresh.length;
  });
}
