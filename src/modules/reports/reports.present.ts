import type { ActivityReport, FigureSource, KindReview, ReviewItem, SourcedValue } from './reports.model.js';
import { THEMED_KINDS } from './reports.service.js';

/**
 * What the page and the Markdown print the same way: numbers, changes,
 * sources, the review's columns and headings. Both renderers use these
 * helpers, so they cannot disagree on a figure.
 */
const numberFormat = new Intl.NumberFormat('fr-BE', { maximumFractionDigits: 1 });

export function formatNumber(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : numberFormat.format(value).replace(/\u202f|\u00a0/g, ' ');
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
