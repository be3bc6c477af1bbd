import type { DbOrTrx } from '../../db/index.js';
import { busiestDay, monthlyTotals, totalsUpTo } from './stats.queries.js';

/**
 * Key figures of the yearly report from the visit counts. A « visit » is a
 * distinct visitor on a day (the seed report's « visites »). The average, the
 * minimum and the maximum are over the months that have counts (a year that
 * started counting in June is not averaged over twelve). Nothing is returned
 * for a year without counts, so figures typed by hand stay in use.
 */
export async function visitsFigures(db: DbOrTrx, year: number): Promise<Record<string, number>> {
  const months = (await monthlyTotals(db, year)).map((m) => m.visitors);
  if (months.length === 0) return {};
  const [day, total] = await Promise.all([busiestDay(db, year), totalsUpTo(db, `${year}-12-31`)]);
  return {
    'website.visits.monthly_average': Math.round(months.reduce((a, b) => a + b, 0) / months.length),
    'website.visits.monthly_min': Math.min(...months),
    'website.visits.monthly_max': Math.max(...months),
    'website.visits.daily_max': day?.visitors ?? 0,
    'website.visits.since_start': total.visitors,
  };
}
