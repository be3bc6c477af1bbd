import type { DbOrTrx } from '../../db/index.js';
import { todayInBrussels } from '../../lib/time.js';

/** First year with a shift someone held, or null: the report's figures come from the rota from then on. */
export async function firstRotaYear(db: DbOrTrx): Promise<number | null> {
  const row = await db
    .selectFrom('helpline_shifts')
    .select((eb) => eb.fn.min('held_on').as('first'))
    .where('user_id', 'is not', null)
    .executeTakeFirst();
  return row?.first ? Number(String(row.first).slice(0, 4)) : null;
}

/** For the yearly report: the shifts actually held that year (someone held it, and its day has come). */
export async function rotaFigures(db: DbOrTrx, year: number, now: Date = new Date()): Promise<Record<string, number>> {
  const today = todayInBrussels(now);
  const row = await db
    .selectFrom('helpline_shifts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', 'is not', null)
    .where('held_on', '>=', `${year}-01-01`)
    .where('held_on', '<=', `${year}-12-31`)
    .where('held_on', '<=', today)
    .executeTakeFirst();
  return { 'helpline.shifts': Number(row?.n ?? 0) };
}
