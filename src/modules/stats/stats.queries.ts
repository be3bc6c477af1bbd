import { sql } from 'kysely';
import type { DbOrTrx } from '../../db/index.js';

/** The whole site's row of each day (see stats.counter.service.ts). */
const SITE_KEY = '*';

const month = sql<string>`substr(day, 1, 7)`;

export interface MonthTotal {
  month: string;
  views: number;
  visitors: number;
}

export async function monthlyTotals(db: DbOrTrx, year: number): Promise<MonthTotal[]> {
  const rows = await db
    .selectFrom('page_views_daily')
    .select([
      month.as('month'),
      (eb) => eb.fn.sum<number>('views').as('views'),
      (eb) => eb.fn.sum<number>('visitors').as('visitors'),
    ])
    .where('path_key', '=', SITE_KEY)
    .where('day', '>=', `${year}-01-01`)
    .where('day', '<=', `${year}-12-31`)
    .groupBy(month)
    .orderBy(month)
    .execute();
  return rows.map((r) => ({ month: r.month, views: Number(r.views), visitors: Number(r.visitors) }));
}

export async function busiestDay(
  db: DbOrTrx,
  year?: number,
): Promise<{ day: string; visitors: number; views: number } | null> {
  let q = db.selectFrom('page_views_daily').select(['day', 'visitors', 'views']).where('path_key', '=', SITE_KEY);
  if (year) q = q.where('day', '>=', `${year}-01-01`).where('day', '<=', `${year}-12-31`);
  const row = await q
    .orderBy('visitors', 'desc')
    .orderBy('views', 'desc')
    .orderBy('day', 'asc')
    .limit(1)
    .executeTakeFirst();
  return row ? { day: row.day, visitors: Number(row.visitors), views: Number(row.views) } : null;
}

export async function totalsUpTo(
  db: DbOrTrx,
  lastDay?: string,
): Promise<{ visitors: number; views: number; firstDay: string | null }> {
  let q = db
    .selectFrom('page_views_daily')
    .select([
      (eb) => eb.fn.sum<number>('visitors').as('visitors'),
      (eb) => eb.fn.sum<number>('views').as('views'),
      (eb) => eb.fn.min<string>('day').as('first'),
    ])
    .where('path_key', '=', SITE_KEY);
  if (lastDay) q = q.where('day', '<=', lastDay);
  const row = await q.executeTakeFirst();
  return { visitors: Number(row?.visitors ?? 0), views: Number(row?.views ?? 0), firstDay: row?.first ?? null };
}

export interface SectionTotal {
  section: string;
  views: number;
  visitors: number;
}

/** Per section: views, and visitors summed over its pages and days (a visit to two pages of a section counts twice). */
export async function sectionTotals(db: DbOrTrx, year: number): Promise<SectionTotal[]> {
  const rows = await db
    .selectFrom('page_views_daily')
    .select([
      'section',
      (eb) => eb.fn.sum<number>('views').as('views'),
      (eb) => eb.fn.sum<number>('visitors').as('visitors'),
    ])
    .where('path_key', '<>', SITE_KEY)
    .where('day', '>=', `${year}-01-01`)
    .where('day', '<=', `${year}-12-31`)
    .groupBy('section')
    .execute();
  return rows
    .map((r) => ({ section: r.section, views: Number(r.views), visitors: Number(r.visitors) }))
    .sort((a, b) => b.views - a.views || a.section.localeCompare(b.section));
}

export async function topPages(
  db: DbOrTrx,
  year: number,
  limit = 10,
): Promise<Array<{ pathKey: string; views: number; visitors: number }>> {
  const rows = await db
    .selectFrom('page_views_daily')
    .select([
      'path_key',
      (eb) => eb.fn.sum<number>('views').as('views'),
      (eb) => eb.fn.sum<number>('visitors').as('visitors'),
    ])
    .where('path_key', '<>', SITE_KEY)
    .where('day', '>=', `${year}-01-01`)
    .where('day', '<=', `${year}-12-31`)
    .groupBy('path_key')
    .execute();
  return rows
    .map((r) => ({ pathKey: r.path_key, views: Number(r.views), visitors: Number(r.visitors) }))
    .sort((a, b) => b.views - a.views || a.pathKey.localeCompare(b.pathKey))
    .slice(0, limit);
}

export async function yearsWithVisits(db: DbOrTrx): Promise<number[]> {
  const rows = await db
    .selectFrom('page_views_daily')
    .select(sql<string>`substr(day, 1, 4)`.as('y'))
    .where('path_key', '=', SITE_KEY)
    .groupBy(sql`substr(day, 1, 4)`)
    .execute();
  return rows.map((r) => Number(r.y)).sort((a, b) => a - b);
}
