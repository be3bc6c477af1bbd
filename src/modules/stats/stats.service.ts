import type { DbOrTrx } from '../../db/index.js';
import {
  busiestDay,
  monthlyTotals,
  sectionTotals,
  topPages,
  totalsUpTo,
  yearsWithVisits,
  type MonthTotal,
} from './stats.queries.js';
import type { YearStats } from './stats.views.js';

/** A year's visits as the statistics page shows them: visitors per month (twelve, zeros included), sections, pages. */
export async function yearStats(db: DbOrTrx, year: number): Promise<YearStats> {
  const [monthRows, busiest, total, sections, pages, years] = await Promise.all([
    monthlyTotals(db, year),
    busiestDay(db, year),
    totalsUpTo(db),
    sectionTotals(db, year),
    topPages(db, year),
    yearsWithVisits(db),
  ]);
  const months = Array.from(
    { length: 12 },
    (_, i) => monthRows.find((m: MonthTotal) => Number(m.month.slice(5, 7)) === i + 1)?.visitors ?? 0,
  );
  return {
    year,
    years: years.includes(year) ? years : [...years, year].sort((a, b) => a - b),
    months,
    busiest,
    total,
    sections,
    pages,
  };
}
