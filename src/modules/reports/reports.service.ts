import type { DbOrTrx } from '../../db/index.js';
import { AppError } from '../../errors.js';
import { nowIso } from '../../lib/time.js';
import { OUTCOMES, STATUSES, type Outcome, type Status } from '../requests/requests.constants.js';
import { findIdentifyingText, HINT_LABELS } from '../requests/requests.identifying.js';
import { isInUse, listEntries, type TaxonomyEntry } from '../taxonomy/taxonomy.service.js';
import {
  computedFigures,
  manualFigures,
  orderedFigureKeys,
  REQUESTS_TOTAL_KEY,
  type ComputedFigures,
  type ManualFigures,
} from './reports.figures.js';
import type {
  ActivityReport,
  FigureSource,
  IdentifyingWarningItem,
  KeyFigure,
  KindCount,
  KindReview,
  ReviewItem,
  SourcedValue,
  ThemeGroup,
} from './reports.model.js';
import {
  countRequests,
  findReportTexts,
  reviewRows,
  themeLinks,
  type CountRow,
  type ReviewRow,
} from './reports.queries.js';

/** Longest span one report may cover (the committee did two years; ten is the benchmark). */
export const MAX_REPORT_YEARS = 30;
const MIN_YEAR = 1900;
const MAX_YEAR = 2200;

/** Kinds whose review is grouped by theme: the seed reports « avis et rencontres en bureau » together. */
export const THEMED_KINDS: readonly string[] = ['advice', 'hearing'];

/** Which outcomes go in which column of the review (the seed's « réalisées » / « annulées ou déclinées » / « prévues »). */
const DONE: readonly Outcome[] = ['done', 'answered', 'hearing_held'];
const DECLINED_OR_CANCELLED: readonly Outcome[] = ['declined', 'cancelled', 'withdrawn'];
const LATER: readonly Outcome[] = ['later_year'];

export class ReportYearsError extends AppError {
  constructor(message: string) {
    super('REPORT_YEARS_INVALID', message, 400);
  }
}

/** Sorted, consecutive years, or a French error saying what is wrong. */
export function validateYears(years: readonly number[]): number[] {
  if (years.length === 0)
    throw new ReportYearsError('Indiquez au moins une année (par exemple 2020, ou 2019 et 2020).');
  for (const y of years) {
    if (!Number.isInteger(y) || y < MIN_YEAR || y > MAX_YEAR)
      throw new ReportYearsError(`Année invalide : « ${String(y)} ». Indiquez une année sur quatre chiffres.`);
  }
  const sorted = [...years].sort((a, b) => a - b);
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1] as number;
    const cur = sorted[i] as number;
    if (cur === prev) throw new ReportYearsError(`L'année ${cur} est indiquée deux fois.`);
    if (cur !== prev + 1)
      throw new ReportYearsError(
        `Les années d'un rapport doivent se suivre : il manque ${prev + 1} entre ${prev} et ${cur}.`,
      );
  }
  if (sorted.length > MAX_REPORT_YEARS)
    throw new ReportYearsError(`Un rapport couvre au plus ${MAX_REPORT_YEARS} années.`);
  return sorted;
}

/** First and last year → the full list, validated. */
export function yearSpan(first: number, last: number): number[] {
  if (!Number.isInteger(first) || !Number.isInteger(last)) throw new ReportYearsError('Années invalides.');
  if (last < first) throw new ReportYearsError(`La dernière année (${last}) précède la première (${first}).`);
  if (last - first + 1 > MAX_REPORT_YEARS)
    throw new ReportYearsError(`Un rapport couvre au plus ${MAX_REPORT_YEARS} années.`);
  return validateYears(Array.from({ length: last - first + 1 }, (_, i) => first + i));
}

export interface BuildReportOptions {
  organisationName: string;
  now?: Date;
  /** Called between steps: a French label and the fraction done (0–1). */
  onProgress?: (step: string, fraction: number) => void;
}

type Counts = Map<number, Map<number, number>>; // year → kind id → count

function tally(rows: CountRow[]): { byKind: Counts; byMonth: Map<number, number[]> } {
  const byKind: Counts = new Map();
  const byMonth = new Map<number, number[]>();
  for (const r of rows) {
    const kinds = byKind.get(r.year) ?? new Map<number, number>();
    kinds.set(r.kind_id, (kinds.get(r.kind_id) ?? 0) + r.n);
    byKind.set(r.year, kinds);
    const months = byMonth.get(r.year) ?? Array.from({ length: 12 }, () => 0);
    const m = Number(r.month) - 1;
    if (m >= 0 && m < 12) months[m] = (months[m] ?? 0) + r.n;
    byMonth.set(r.year, months);
  }
  return { byKind, byMonth };
}

/**
 * The yearly total: requests of the kinds that count in the total *that year*
 * (the rule is dated like the labels). A request received is a request: no
 * status or outcome is excluded — a declined training was still asked for.
 */
function recordsTotal(counts: Counts, kindsOfYear: TaxonomyEntry[], year: number): number | null {
  const kinds = counts.get(year);
  if (!kinds || kinds.size === 0) return null;
  let total = 0;
  for (const k of kindsOfYear) if (k.countsInTotal) total += kinds.get(k.id) ?? 0;
  return total;
}

/** Records win over a manual figure for the same year. */
function sourced(fromRecords: number | null, manual: { value: number; note: string } | undefined): SourcedValue {
  if (fromRecords !== null) return { value: fromRecords, source: 'records' };
  if (manual)
    return manual.note
      ? { value: manual.value, source: 'manual', note: manual.note }
      : { value: manual.value, source: 'manual' };
  return { value: null, source: null };
}

function keyFigures(manual: ManualFigures, computed: ComputedFigures, years: number[]): KeyFigure[] {
  const present = new Set<string>();
  for (const y of years)
    for (const key of [...Object.keys(manual[y] ?? {}), ...Object.keys(computed[y] ?? {})]) present.add(key);
  present.delete(REQUESTS_TOTAL_KEY);
  return orderedFigureKeys(present).map(({ key, label }) => ({
    key,
    label,
    byYear: Object.fromEntries(
      years.map((y) => {
        const c = computed[y]?.[key];
        const value = sourced(c?.value ?? null, manual[y]?.[key]);
        return [String(y), c?.note ? { ...value, note: c.note } : value];
      }),
    ),
  }));
}

function outcomeText(row: ReviewRow, reasons: TaxonomyEntry[]): string {
  if (row.status !== 'closed' || !row.outcome)
    return `${STATUSES.labels[row.status as Status] ?? row.status} (pas encore clôturée)`;
  const label =
    row.outcome === 'later_year' && row.planned_year
      ? `Prévue en ${row.planned_year}`
      : (OUTCOMES.labels[row.outcome as Outcome] ?? row.outcome);
  const reason =
    row.outcome_reason_id === null ? '' : (reasons.find((r) => r.id === row.outcome_reason_id)?.label ?? '');
  return [label, reason, row.outcome_detail ?? ''].filter(Boolean).join(' — ');
}

function toItem(row: ReviewRow, reasons: TaxonomyEntry[]): ReviewItem {
  return {
    reference: row.reference,
    year: row.year,
    subject: row.subject,
    outcome: outcomeText(row, reasons),
    eventOn: row.event_on,
    plannedYear: row.planned_year,
  };
}

function column(row: ReviewRow): keyof Omit<KindReview, 'code' | 'label'> {
  const outcome = row.status === 'closed' ? (row.outcome as Outcome | null) : null;
  if (outcome && DONE.includes(outcome)) return 'done';
  if (outcome && DECLINED_OR_CANCELLED.includes(outcome)) return 'declinedOrCancelled';
  if (outcome && LATER.includes(outcome)) return 'later';
  return 'other';
}

/** One place per request: its most specific theme (a sub-theme before its parent), first in the taxonomy's order. */
function themeOf(themeIds: number[], themes: TaxonomyEntry[]): TaxonomyEntry | undefined {
  const linked = themes.filter((t) => themeIds.includes(t.id));
  return linked.find((t) => t.parentId !== null) ?? linked[0];
}

function groupByTheme(
  rows: ReviewRow[],
  links: Map<number, number[]>,
  themes: TaxonomyEntry[],
  reasons: TaxonomyEntry[],
): { groups: ThemeGroup[]; without: ReviewItem[] } {
  const byTheme = new Map<number, ReviewItem[]>();
  const without: ReviewItem[] = [];
  for (const row of rows) {
    const theme = themeOf(links.get(row.id) ?? [], themes);
    if (!theme) without.push(toItem(row, reasons));
    else {
      const list = byTheme.get(theme.id) ?? [];
      list.push(toItem(row, reasons));
      byTheme.set(theme.id, list);
    }
  }
  const groups: ThemeGroup[] = [];
  for (const root of themes.filter((t) => t.parentId === null)) {
    const children = themes
      .filter((t) => t.parentId === root.id && byTheme.has(t.id))
      .map((t) => ({ code: t.code, label: t.label, items: byTheme.get(t.id) ?? [] }));
    const items = byTheme.get(root.id) ?? [];
    if (items.length || children.length) groups.push({ code: root.code, label: root.label, items, children });
  }
  return { groups, without };
}

function warningsOf(rows: ReviewRow[]): IdentifyingWarningItem[] {
  const out: IdentifyingWarningItem[] = [];
  for (const row of rows) {
    const hints = [
      ...findIdentifyingText(row.subject).map((h) => `${HINT_LABELS[h.kind]} : « ${h.excerpt} »`),
      ...findIdentifyingText(row.outcome_detail ?? '').map(
        (h) => `${HINT_LABELS[h.kind]} dans la précision de l'issue : « ${h.excerpt} »`,
      ),
    ];
    if (hints.length) out.push({ requestId: row.id, reference: row.reference, subject: row.subject, hints });
  }
  return out;
}

export async function buildReport(
  db: DbOrTrx,
  yearsInput: readonly number[],
  options: BuildReportOptions,
): Promise<ActivityReport> {
  const progress = options.onProgress ?? (() => undefined);
  const years = validateYears(yearsInput);
  const first = years[0] as number;
  const last = years[years.length - 1] as number;
  const withPrevious = [first - 1, ...years];

  progress('Lecture des catégories', 0.05);
  const kindsByYear = new Map<number, TaxonomyEntry[]>();
  for (const y of withPrevious) kindsByYear.set(y, await listEntries(db, 'kind', y));
  const kindsLast = kindsByYear.get(last) ?? [];
  const [themes, reasons] = await Promise.all([
    listEntries(db, 'theme', last),
    listEntries(db, 'outcome_reason', last),
  ]);

  progress('Comptage des demandes', 0.2);
  const [countRows, manual, texts] = await Promise.all([
    countRequests(db, first - 1, last),
    manualFigures(db, withPrevious),
    findReportTexts(db, first, last),
  ]);
  const { byKind: counts, byMonth: months } = tally(countRows);

  const kinds: KindCount[] = kindsLast
    .filter((k) => years.some((y) => isInUse(k, y) || (counts.get(y)?.get(k.id) ?? 0) > 0))
    .map((k) => ({
      code: k.code,
      label: k.label,
      countsInTotal: k.countsInTotal,
      byYear: Object.fromEntries(years.map((y) => [String(y), counts.get(y)?.get(k.id) ?? 0])),
    }));

  const total: Record<string, number> = {};
  const totalSource: Record<string, FigureSource | null> = {};
  const previousYearTotal: Record<string, number | null> = {};
  const previousYearTotalSource: Record<string, FigureSource | null> = {};
  const change: Record<string, number | null> = {};
  const hasRecords: Record<string, boolean> = {};
  const byMonth: Record<string, number[]> = {};
  const totalOf = (y: number) =>
    sourced(recordsTotal(counts, kindsByYear.get(y) ?? [], y), manual[y]?.[REQUESTS_TOTAL_KEY]);
  for (const y of years) {
    const key = String(y);
    const current = totalOf(y);
    const previous = totalOf(y - 1);
    total[key] = current.value ?? 0;
    totalSource[key] = current.source;
    previousYearTotal[key] = previous.value;
    previousYearTotalSource[key] = previous.source;
    change[key] = current.value !== null && previous.value !== null ? current.value - previous.value : null;
    hasRecords[key] = (counts.get(y)?.size ?? 0) > 0;
    byMonth[key] = months.get(y) ?? Array.from({ length: 12 }, () => 0);
  }

  progress('Bilan des demandes', 0.45);
  const [rows, linkRows] = await Promise.all([reviewRows(db, first, last), themeLinks(db, first, last)]);
  const links = new Map<number, number[]>();
  for (const l of linkRows) {
    const list = links.get(l.request_id) ?? [];
    list.push(l.theme_id);
    links.set(l.request_id, list);
  }
  const kindById = new Map(kindsLast.map((k) => [k.id, k]));
  const reviews = new Map<number, KindReview>();
  const themedRows: ReviewRow[] = [];
  for (const row of rows) {
    const kind = kindById.get(row.kind_id);
    if (!kind) continue;
    const review = reviews.get(kind.id) ?? {
      code: kind.code,
      label: kind.label,
      done: [],
      declinedOrCancelled: [],
      later: [],
      other: [],
    };
    review[column(row)].push(toItem(row, reasons));
    reviews.set(kind.id, review);
    if (THEMED_KINDS.includes(kind.code)) themedRows.push(row);
  }
  const themed = groupByTheme(themedRows, links, themes, reasons);

  progress('Recherche de sujets identifiants', 0.75);
  const warnings = warningsOf(rows);
  progress('Rapport prêt', 1);

  return {
    years,
    organisationName: options.organisationName,
    title: years.length === 1 ? `Rapport d'activités ${first}` : `Rapport d'activités ${first}-${last}`,
    generatedAt: nowIso(options.now),
    introduction: texts.introduction,
    analysis: texts.analysis,
    requests: {
      kinds,
      byKind: Object.fromEntries(kinds.map((k) => [k.code, k.byYear])),
      total,
      totalSource,
      previousYearTotal,
      previousYearTotalSource,
      change,
      hasRecords,
      byMonth,
    },
    keyFigures: keyFigures(manual, await computedFigures(db, years, manual), years),
    review: {
      kinds: kindsLast.map((k) => reviews.get(k.id)).filter((r): r is KindReview => r !== undefined),
      adviceByTheme: themed.groups,
      adviceWithoutTheme: themed.without,
    },
    warnings,
  };
}

/** The JSON export: the model itself (it already carries the contract fields `years` and `requests.{byKind,total,previousYearTotal}`). */
export function reportJson(report: ActivityReport): string {
  return `${JSON.stringify({ format: 'vigie-activity-report', formatVersion: 1, ...report }, null, 2)}\n`;
}

export const SOURCE_LABELS: Record<FigureSource, string> = {
  records: 'registre de Vigie',
  manual: 'chiffre encodé à la main',
};
