import { formatNumberFr, monthNameFr } from '../../lib/typography.js';
import { LATER_YEAR_TEXT } from './reports.counting.js';
import type { ActivityReport, FigureSource, KindReview, ReviewItem, SourcedValue } from './reports.model.js';
import { THEMED_KINDS } from './reports.service.js';

/**
 * What the page and the Markdown print the same way: numbers, changes,
 * sources, the review's columns and headings. Both renderers use these
 * helpers, so they cannot disagree on a figure.
 */
export function formatNumber(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : formatNumberFr(value);
}

/** « 2019-2020 » → « 2019–2020 » (a period as printed); one year stays as it is. */
export function periodLabel(span: string): string {
  const [a, b] = span.split('-');
  return !b || a === b ? (a ?? span) : `${a}–${b}`;
}

export function formatChange(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return value > 0 ? `+${formatNumber(value)}` : value < 0 ? `−${formatNumber(-value)}` : '0';
}

export function yearsLabel(years: readonly number[]): string {
  return years.length === 1 ? String(years[0]) : `${years[0]}-${years[years.length - 1]}`;
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

/** The total row's cells: « — » for a year with no record and no manual figure. */
export function totalCell(report: ActivityReport, year: number): string {
  const key = String(year);
  return report.requests.totalSource[key] ? formatNumber(report.requests.total[key]) : '—';
}

/** A kind's count for a year, « — » when the register holds nothing for that year (the total may still be known by hand). */
export function kindCell(report: ActivityReport, code: string, year: number): string {
  const key = String(year);
  if (report.requests.hasRecords && !report.requests.hasRecords[key]) return '—';
  return formatNumber(report.requests.byKind[code]?.[key] ?? 0);
}

export type ReviewColumn = 'done' | 'declinedOrCancelled' | 'later' | 'other';

export const REVIEW_COLUMNS: ReadonlyArray<readonly [ReviewColumn, string]> = [
  ['done', 'Réalisées'],
  ['declinedOrCancelled', 'Annulées ou déclinées (raison)'],
  ['later', 'Prévues une année ultérieure'],
  ['other', 'Autres suites (réorientées, sans suite, en cours…)'],
];

/** Per-kind review sections: every kind except the ones grouped by theme. */
export function kindReviews(report: ActivityReport): KindReview[] {
  return report.review.kinds.filter((k) => !THEMED_KINDS.includes(k.code));
}

/** The columns that hold at least one item for this kind (empty ones are not printed). */
export function usedColumns(review: KindReview): Array<readonly [ReviewColumn, string]> {
  return REVIEW_COLUMNS.filter(([col]) => review[col].length > 0);
}

export function itemsOfYear(items: ReviewItem[], year: number): ReviewItem[] {
  return items.filter((i) => i.year === year);
}

/** The line printed for an item: its subject, then what became of it where that adds something. */
export function itemText(item: ReviewItem, column: ReviewColumn | 'theme'): string {
  if (column === 'done') return item.subject;
  return `${item.subject} — ${item.outcome}`;
}

/** Theme lists add the year when the report covers several. */
export function themedItemText(item: ReviewItem, years: readonly number[]): string {
  return years.length > 1 ? `${item.subject} (${item.year} ; ${item.outcome})` : `${item.subject} (${item.outcome})`;
}

export const SECTION_TITLES = {
  introduction: 'Introduction',
  keyFigures: (years: readonly number[]) => `${yearsLabel(years)} en quelques chiffres`,
  review: 'Bilan moral',
  themed: 'Les avis et rencontres en bureau',
  analysis: 'Analyse transversale',
} as const;

export const MISSING_TEXT = 'Pas encore rédigé.';

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
      `Reportées à une année ultérieure et comptées dans celle-là : ${later.map((y) => `${formatNumberFr(r.requests.carriedOut[String(y)] ?? 0)} reçue(s) en ${y}`).join(', ')}.`,
    );
  return parts.join(' ');
}
