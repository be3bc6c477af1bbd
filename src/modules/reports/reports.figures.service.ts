import type { DbOrTrx } from '../../db/index.js';
import { formatNumberFr } from '../../lib/typography.js';
import { FIGURE_KEYS, figureLabel } from '../figures/figures.keys.js';
import type { ManualFigures } from '../figures/figures.service.js';
import { manifestoFigures } from '../manifesto/manifesto.service.js';
import { firstMeetingYear, meetingFigures } from '../meetings/meetings.figures.queries.js';
import { membersFigures } from '../members/members.service.js';
import { newsletterFigures } from '../newsletter/newsletter.service.js';
import { firstRotaYear, rotaFigures } from '../rota/rota.figures.queries.js';
import { visitsFigures } from '../stats/stats.figures.js';

export { manualFigures, type ManualFigures } from '../figures/figures.service.js';

/** Years that have at least one manual figure (offered in the report's year picker). */
export async function manualFigureYears(db: DbOrTrx): Promise<number[]> {
  const rows = await db
    .selectFrom('yearly_figures')
    .select('yearly_figures.year')
    .distinct()
    .orderBy('yearly_figures.year')
    .execute();
  return rows.map((r) => Number(r.year));
}

/** The manual figure that the register replaces when it holds requests for the year. */
export const REQUESTS_TOTAL_KEY = 'requests.total';

/**
 * The key figures in the report's order: the figures module's order, then any
 * other key found in the table (sorted), under its label or its key.
 */
export function orderedFigureKeys(present: Iterable<string>): Array<{ key: string; label: string }> {
  const set = new Set(present);
  const known = FIGURE_KEYS.filter((k) => set.has(k.key)).map((k) => ({ key: k.key, label: k.label }));
  const others = [...set]
    .filter((key) => !FIGURE_KEYS.some((k) => k.key === key))
    .sort()
    .map((key) => ({ key, label: figureLabel(key) }));
  return [...known, ...others];
}

/**
 * Figures Vigie computes from its own records (signatures, newsletter,
 * members, visits). A module's figures are used from the first year it holds
 * records on; before that, the figures typed by hand stay in use. Totals that
 * started before Vigie (Manifesto signatures) add the last hand-typed total
 * before that first year, and say so in the note.
 */
interface ComputedSource {
  /** First year the module holds records for, or null. */
  firstYear(db: DbOrTrx): Promise<number | null>;
  compute(db: DbOrTrx, year: number): Promise<Record<string, number>>;
  /** Keys that are running totals continuing a count kept by hand before Vigie. */
  continuingTotals?: string[];
}

function yearOf(value: string | null | undefined): number | null {
  return value ? Number(value.slice(0, 4)) : null;
}

const SOURCES: ComputedSource[] = [
  {
    firstYear: async (db) =>
      yearOf(
        (
          await db
            .selectFrom('signatures')
            .select((eb) => eb.fn.min('confirmed_at').as('first'))
            .where('status', '=', 'confirmed')
            .executeTakeFirst()
        )?.first,
      ),
    compute: async (db, year) => ({ ...(await manifestoFigures(db, year)) }),
    continuingTotals: ['manifesto.signatures.individuals.total', 'manifesto.signatures.organisations.total'],
  },
  {
    firstYear: async (db) =>
      yearOf(
        (
          await db
            .selectFrom('newsletter_subscribers')
            .select((eb) => eb.fn.min('confirmed_at').as('first'))
            .executeTakeFirst()
        )?.first,
      ),
    compute: async (db, year) => ({ ...(await newsletterFigures(db, year)) }),
  },
  {
    firstYear: async (db) =>
      yearOf(
        (
          await db
            .selectFrom('members')
            .select((eb) => eb.fn.min('joined_on').as('first'))
            .executeTakeFirst()
        )?.first,
      ),
    compute: (db, year) => membersFigures(db, year),
  },
  {
    firstYear: async (db) =>
      yearOf(
        (
          await db
            .selectFrom('page_views_daily')
            .select((eb) => eb.fn.min('day').as('first'))
            .executeTakeFirst()
        )?.first,
      ),
    compute: (db, year) => visitsFigures(db, year),
  },
  // Board meetings and helpline shifts: from the org modules' records (meetings, rota).
  { firstYear: firstMeetingYear, compute: (db, year) => meetingFigures(db, year) },
  { firstYear: firstRotaYear, compute: (db, year) => rotaFigures(db, year) },
];

export type ComputedFigures = Record<number, Record<string, { value: number; note?: string }>>;

export async function computedFigures(
  db: DbOrTrx,
  years: readonly number[],
  manual: ManualFigures,
): Promise<ComputedFigures> {
  const out: ComputedFigures = {};
  for (const source of SOURCES) {
    const first = await source.firstYear(db);
    if (first === null) continue;
    for (const year of years) {
      if (year < first) continue;
      const values = await source.compute(db, year);
      for (const [key, value] of Object.entries(values)) {
        const baseline = source.continuingTotals?.includes(key) ? manual[first - 1]?.[key]?.value : undefined;
        (out[year] ??= {})[key] =
          baseline === undefined
            ? { value }
            : {
                value: value + baseline,
                note: `dont ${formatNumberFr(baseline)} comptées avant Vigie (${first - 1})`,
              };
      }
    }
  }
  return out;
}
