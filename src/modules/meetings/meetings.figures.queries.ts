import type { DbOrTrx } from '../../db/index.js';
import { todayInBrussels } from '../../lib/time.js';

/** First year with a board meeting recorded (not cancelled), or null. */
export async function firstMeetingYear(db: DbOrTrx): Promise<number | null> {
  const row = await db
    .selectFrom('board_meetings')
    .select((eb) => eb.fn.min('held_on').as('first'))
    .where('cancelled_at', 'is', null)
    .executeTakeFirst();
  return row?.first ? Number(String(row.first).slice(0, 4)) : null;
}

/** For the yearly report: board meetings and retreats held that year (not cancelled, day come). */
export async function meetingFigures(
  db: DbOrTrx,
  year: number,
  now: Date = new Date(),
): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('board_meetings')
    .select(['kind'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('cancelled_at', 'is', null)
    .where('held_on', '>=', `${year}-01-01`)
    .where('held_on', '<=', `${year}-12-31`)
    .where('held_on', '<=', todayInBrussels(now))
    .groupBy('kind')
    .execute();
  const count = (kind: string) => Number(rows.find((r) => r.kind === kind)?.n ?? 0);
  return { 'board.meetings': count('meeting'), 'board.retreats': count('retreat') };
}
