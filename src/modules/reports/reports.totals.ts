import { isInUse, type TaxonomyEntry } from '../taxonomy/taxonomy.service.js';
import { monthsAsKnown, type RuleInForce, type YearTally } from './reports.counting.js';
import type { ManualFigures } from './reports.figures.service.js';
import { REQUESTS_TOTAL_KEY } from './reports.figures.service.js';
import type { ActivityReport, KindCount, SourcedValue } from './reports.model.js';

/** Records win over a manual figure for the same year. */
export function sourced(fromRecords: number | null, manual: { value: number; note: string } | undefined): SourcedValue {
  if (fromRecords !== null) return { value: fromRecords, source: 'records' };
  if (manual)
    return manual.note
      ? { value: manual.value, source: 'manual', note: manual.note }
      : { value: manual.value, source: 'manual' };
  return { value: null, source: null };
}

/** The total from the register: the kinds that count in the total *that year*; null when the register knows nothing of it. */
function recordsTotal(t: YearTally | undefined, kindsOfYear: readonly TaxonomyEntry[]): number | null {
  if (!t?.known) return null;
  let total = 0;
  for (const k of kindsOfYear) if (k.countsInTotal) total += t.byKind.get(k.id) ?? 0;
  return total;
}

function sumOutside(t: YearTally | undefined, kindsOfYear: readonly TaxonomyEntry[]): number {
  let n = 0;
  for (const k of kindsOfYear) if (!k.countsInTotal) n += t?.byKind.get(k.id) ?? 0;
  return n;
}

function sumCarriedIn(t: YearTally | undefined, kindsOfYear: readonly TaxonomyEntry[]): number {
  let n = 0;
  for (const k of kindsOfYear) if (k.countsInTotal) n += t?.carriedIn.get(k.id) ?? 0;
  return n;
}

/**
 * The `requests` part of the report: per-kind counts, totals with their
 * source, the previous year, the change, the months, and what the rule left out.
 * `tallies` holds the report's years and the year before.
 */
export function requestFigures(input: {
  years: readonly number[];
  tallies: Map<number, YearTally>;
  kindsOf: (year: number) => readonly TaxonomyEntry[];
  kindsLast: readonly TaxonomyEntry[];
  ruleOf: (year: number) => RuleInForce;
  manual: ManualFigures;
  current: { year: number; month: number };
}): ActivityReport['requests'] {
  const { years, tallies, kindsOf, manual } = input;
  const kinds: KindCount[] = input.kindsLast
    .filter((k) => years.some((y) => isInUse(k, y) || (tallies.get(y)?.byKind.get(k.id) ?? 0) > 0))
    .map((k) => ({
      code: k.code,
      label: k.label,
      countsInTotal: k.countsInTotal,
      byYear: Object.fromEntries(years.map((y) => [String(y), tallies.get(y)?.byKind.get(k.id) ?? 0])),
    }));
  const out: ActivityReport['requests'] = {
    kinds,
    byKind: Object.fromEntries(kinds.map((k) => [k.code, k.byYear])),
    total: {},
    totalSource: {},
    previousYearTotal: {},
    previousYearTotalSource: {},
    change: {},
    hasRecords: {},
    byMonth: {},
    months: {},
    monthInProgress: input.current,
    countingRule: {},
    notCounted: {},
    carriedIn: {},
    carriedOut: {},
    outsideTotal: {},
  };
  const totalOf = (y: number) => sourced(recordsTotal(tallies.get(y), kindsOf(y)), manual[y]?.[REQUESTS_TOTAL_KEY]);
  for (const y of years) {
    const key = String(y);
    const t = tallies.get(y);
    const current = totalOf(y);
    const previous = totalOf(y - 1);
    out.total[key] = current.value ?? 0;
    out.totalSource[key] = current.source;
    out.previousYearTotal[key] = previous.value;
    out.previousYearTotalSource[key] = previous.source;
    out.change[key] = current.value !== null && previous.value !== null ? current.value - previous.value : null;
    (out.hasRecords ??= {})[key] = t?.known ?? false;
    out.byMonth[key] = t?.allMonths ?? Array.from({ length: 12 }, () => 0);
    out.months[key] = monthsAsKnown(t?.months ?? Array.from({ length: 12 }, () => 0), y, input.current);
    out.countingRule[key] = input.ruleOf(y);
    out.notCounted[key] = t?.notCounted ?? 0;
    out.carriedIn[key] = sumCarriedIn(t, kindsOf(y));
    out.carriedOut[key] = t?.carriedOut ?? 0;
    out.outsideTotal[key] = sumOutside(t, kindsOf(y));
  }
  return out;
}
