import { pluralForm } from '../../lib/plural.js';
import { formatNumberFr, formatYears, monthNameFr } from '../../lib/typography.js';
import { LATER_YEAR_TEXT } from './reports.counting.js';
import type { ActivityReport, FigureSource, SourcedValue } from './reports.model.js';

/**
 * Small phrases the plan prints the same way everywhere: numbers, periods,
 * sources, the counting rule, the months table.
 */
/** « 2019-2020 » (a period's key) → « 2019–2020 » (as printed); one year stays as it is. */
export function periodLabel(span: string): string {
  const [a, b] = span.split('-').map(Number);
  return a === undefined || Number.isNaN(a) ? span : formatYears(a, b ?? a);
}

/** The years of a report as printed: « 2019–2020 ». */
export function yearsLabel(years: readonly number[]): string {
  return formatYears(years[0] ?? 0, years.at(-1));
}

export function sourceLabel(source: FigureSource | null | undefined): string {
  if (source === 'records') return 'registre de Vigie';
  if (source === 'manual') return 'encodé à la main';
  return 'non disponible';
}

/** « 2019 : registre de Vigie ; 2020 : encodé à la main (moyenne) » — or one phrase when all years agree. */
export function sourcesSummary(
  years: readonly number[],
  byYear: Record<string, Pick<SourcedValue, 'source' | 'note'>>,
): string {
  const parts = years.map((y) => {
    const v = byYear[String(y)];
    const note = v?.note ? ` (${v.note})` : '';
    return { year: y, text: `${sourceLabel(v?.source)}${note}` };
  });
  const distinct = new Set(parts.map((p) => p.text));
  if (distinct.size === 1) return parts[0]?.text ?? '';
  return parts.map((p) => `${p.year} : ${p.text}`).join(' ; ');
}

/** The counting rule as printed under the tables: one sentence when every year agrees, else year by year. */
export function countingRuleText(r: ActivityReport): string {
  const texts = r.years.map((y) => {
    const rule = r.requests.countingRule[String(y)];
    return { year: y, text: rule ? rule.text : '' };
  });
  const distinct = new Set(texts.map((t) => t.text));
  const rules =
    distinct.size === 1
      ? (texts[0]?.text ?? '')
      : texts.map((t) => `En ${t.year} : ${t.text.charAt(0).toLowerCase()}${t.text.slice(1)}`).join(' ');
  return `Règle de comptage — ${rules} ${LATER_YEAR_TEXT}`;
}

/** What the rule left out, year by year (« En 2019, 5 demandes déclinées, annulées ou retirées ne sont pas comptées. »). */
export function notCountedText(r: ActivityReport): string {
  return r.years
    .filter((y) => (r.requests.notCounted[String(y)] ?? 0) > 0)
    .map((y) => {
      const n = r.requests.notCounted[String(y)] ?? 0;
      return `En ${y}, ${formatNumberFr(n)} demande${n > 1 ? 's' : ''} déclinée${n > 1 ? 's' : ''}, annulée${n > 1 ? 's' : ''} ou retirée${n > 1 ? 's' : ''} ${n > 1 ? 'ne sont pas comptées' : "n'est pas comptée"}.`;
    })
    .join(' ');
}

export interface MonthTableRow {
  label: string;
  cells: string[];
  emphasis?: 'total';
}

/**
 * The months table: requests counted in the total, by month received; a
 * month not begun is « — », the month under way says so; then the activities
 * scheduled from an earlier year, and the total, equal to the yearly total.
 */
export function monthTableRows(r: ActivityReport): MonthTableRow[] {
  const known = (y: number) => r.requests.hasRecords?.[String(y)] !== false;
  const { year: cy, month: cm } = r.requests.monthInProgress;
  const rows: MonthTableRow[] = Array.from({ length: 12 }, (_, i) => ({
    label: monthNameFr(i + 1),
    cells: r.years.map((y) => {
      const v = r.requests.months[String(y)]?.[i];
      if (!known(y) || v === null || v === undefined) return '—';
      return y === cy && i + 1 === cm ? `${formatNumberFr(v)} (mois en cours)` : formatNumberFr(v);
    }),
  }));
  if (r.years.some((y) => (r.requests.carriedIn[String(y)] ?? 0) > 0))
    rows.push({
      label: 'Prévues l’année précédente',
      cells: r.years.map((y) => (known(y) ? formatNumberFr(r.requests.carriedIn[String(y)] ?? 0) : '—')),
    });
  rows.push({
    label: 'Total',
    cells: r.years.map((y) => (known(y) ? formatNumberFr(r.requests.total[String(y)] ?? 0) : '—')),
    emphasis: 'total',
  });
  return rows;
}

/** Says which requests the months table leaves out (kinds outside the total, activities put off). */
export function monthsNote(r: ActivityReport): string {
  const outside = r.requests.kinds.filter((k) => !k.countsInTotal).map((k) => k.label);
  const parts = ['Les demandes comptées dans le total, par mois de réception.'];
  const outsideYears = r.years.filter((y) => (r.requests.outsideTotal[String(y)] ?? 0) > 0);
  if (outside.length && outsideYears.length)
    parts.push(
      `Hors total, donc pas ici : ${outside.join(', ')} (${outsideYears.map((y) => `${formatNumberFr(r.requests.outsideTotal[String(y)] ?? 0)} en ${y}`).join(', ')}).`,
    );
  const later = r.years.filter((y) => (r.requests.carriedOut[String(y)] ?? 0) > 0);
  if (later.length)
    parts.push(
      `Reportées à une année ultérieure et comptées dans celle-là : ${later.map((y) => `${formatNumberFr(r.requests.carriedOut[String(y)] ?? 0)} ${pluralForm(r.requests.carriedOut[String(y)] ?? 0, { one: 'reçue', other: 'reçues' })} en ${y}`).join(', ')}.`,
    );
  return parts.join(' ');
}
