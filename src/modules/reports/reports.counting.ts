import type { CountingRule } from '../../db/schema.js';
import { todayInBrussels } from '../../lib/time.js';
import type { Outcome } from '../requests/requests.constants.js';
import type { TaxonomyEntry } from '../taxonomy/taxonomy.service.js';

/**
 * What a year's figures count. One place for the rule, so that the totals, the
 * months, the previous year and the text printed under the tables agree.
 *
 * - A request counts in the year it was received, except an activity
 *   scheduled for a later year (« Prévue en 2021 »): it counts in that year.
 * - Which outcomes count is a dated, per-year rule (`report_counting_rules`):
 *   by default every request received counts, as the committee does; a year
 *   may count only what took place (declined, cancelled, withdrawn left out).
 * - The yearly total adds the kinds that count in the total *that year*.
 */
export type { CountingRule };

export const COUNTING_RULES: Record<CountingRule, { label: string; text: string }> = {
  received: {
    label: 'Toute demande reçue compte',
    text: 'Toute demande reçue compte, quelle que soit sa suite (déclinée, annulée ou retirée comprise).',
  },
  took_place: {
    label: 'Seules comptent les demandes suivies d’effet',
    text: 'Les demandes déclinées, annulées ou retirées ne sont pas comptées ; le bilan les cite avec leur raison.',
  },
};
export const DEFAULT_COUNTING_RULE: CountingRule = 'received';
export const LATER_YEAR_TEXT =
  'Une activité reportée compte dans l’année où elle est prévue, pas dans celle où elle a été demandée.';

/** Outcomes left out by the « took place » rule. */
const NOT_TAKEN_PLACE: readonly Outcome[] = ['declined', 'cancelled', 'withdrawn'];

export function isCountingRule(value: string): value is CountingRule {
  return value === 'received' || value === 'took_place';
}

export interface RuleInForce {
  rule: CountingRule;
  /** The year the rule was set from; null for the default. */
  fromYear: number | null;
  /** What the report prints under its tables. */
  text: string;
}

/** The rule in force for `year`: the latest one set from that year or before, else the default. */
export function ruleFor(rules: ReadonlyArray<{ fromYear: number; rule: CountingRule }>, year: number): RuleInForce {
  let found: { fromYear: number; rule: CountingRule } | undefined;
  for (const r of rules) if (r.fromYear <= year && (!found || r.fromYear > found.fromYear)) found = r;
  const rule = found?.rule ?? DEFAULT_COUNTING_RULE;
  return { rule, fromYear: found?.fromYear ?? null, text: COUNTING_RULES[rule].text };
}

export interface CountRow {
  /** Year received. */
  year: number;
  /** Month received, « 01 »–« 12 ». */
  month: string;
  kind_id: number;
  outcome: Outcome | null;
  planned_year: number | null;
  n: number;
}

/** The year a request counts in: its planned year when it was put off, else the year received. */
function countedYear(row: Pick<CountRow, 'year' | 'outcome' | 'planned_year'>): number {
  return row.outcome === 'later_year' && row.planned_year !== null && row.planned_year > row.year
    ? row.planned_year
    : row.year;
}

export interface YearTally {
  /** kind id → requests counted this year (under the year's rule), carried-in ones included. */
  byKind: Map<number, number>;
  /** Counted requests of kinds that count in the total, by month received (received this year). */
  months: number[];
  /** Counted requests of every kind, by month received (the JSON's `byMonth`). */
  allMonths: number[];
  /** kind id → activities received an earlier year and scheduled for this one. */
  carriedIn: Map<number, number>;
  /** Received this year, scheduled for a later year: counted there. */
  carriedOut: number;
  /** Received this year, left out by the rule. */
  notCounted: number;
  /** Anything received this year or scheduled for it: the register knows this year. */
  known: boolean;
}

function emptyTally(): YearTally {
  return {
    byKind: new Map(),
    months: Array.from({ length: 12 }, () => 0),
    allMonths: Array.from({ length: 12 }, () => 0),
    carriedIn: new Map(),
    carriedOut: 0,
    notCounted: 0,
    known: false,
  };
}

const add = (map: Map<number, number>, key: number, n: number) => map.set(key, (map.get(key) ?? 0) + n);

/**
 * Tallies the rows for each year asked. `kindsOf(year)` gives the kinds with
 * that year's « counts in the total » rule; `ruleOf(year)` the counting rule.
 */
export function tallyYears(
  rows: readonly CountRow[],
  years: readonly number[],
  ruleOf: (year: number) => RuleInForce,
  kindsOf: (year: number) => readonly TaxonomyEntry[],
): Map<number, YearTally> {
  const out = new Map<number, YearTally>(years.map((y) => [y, emptyTally()]));
  const inTotal = new Map(
    years.map((y) => [
      y,
      new Set(
        kindsOf(y)
          .filter((k) => k.countsInTotal)
          .map((k) => k.id),
      ),
    ]),
  );
  for (const r of rows) {
    const counted = countedYear(r);
    const received = out.get(r.year);
    if (received) received.known = true;
    if (counted !== r.year && received) received.carriedOut += r.n;
    const t = out.get(counted);
    if (!t) continue;
    t.known = true;
    if (ruleOf(counted).rule === 'took_place' && r.outcome !== null && NOT_TAKEN_PLACE.includes(r.outcome)) {
      if (counted === r.year) t.notCounted += r.n;
      continue;
    }
    add(t.byKind, r.kind_id, r.n);
    if (counted !== r.year) {
      add(t.carriedIn, r.kind_id, r.n);
      continue;
    }
    const m = Number(r.month) - 1;
    if (m < 0 || m > 11) continue;
    t.allMonths[m] = (t.allMonths[m] ?? 0) + r.n;
    if (inTotal.get(counted)?.has(r.kind_id)) t.months[m] = (t.months[m] ?? 0) + r.n;
  }
  return out;
}

/** The month under way (not over yet), from the clock. */
export function monthInProgress(now?: Date): { year: number; month: number } {
  const today = todayInBrussels(now);
  return { year: Number(today.slice(0, 4)), month: Number(today.slice(5, 7)) };
}

/**
 * The months of a year as printed: null for a month that has not begun (never
 * a 0 that was not counted); the month under way keeps its count so far and is
 * flagged by `monthInProgress`, so that charts leave it out.
 */
export function monthsAsKnown(values: readonly number[], year: number, current: { year: number; month: number }) {
  return values.map((v, i) => (year > current.year || (year === current.year && i + 1 > current.month) ? null : v));
}
