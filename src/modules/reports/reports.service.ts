import type { DbOrTrx } from '../../db/index.js';
import { AppError } from '../../errors.js';
import { nowIso } from '../../lib/time.js';
import { formatYears } from '../../lib/typography.js';
import { listEntries, type TaxonomyEntry } from '../taxonomy/taxonomy.service.js';
import { monthInProgress, ruleFor, tallyYears } from './reports.counting.js';
import {
  computedFigures,
  manualFigures,
  orderedFigureKeys,
  REQUESTS_TOTAL_KEY,
  type ComputedFigures,
  type ManualFigures,
} from './reports.figures.service.js';
import type { ActivityReport, KeyFigure, KindReview, ReviewItem } from './reports.model.js';
import { findPlan, resolvePlan } from './reports.plan-settings.service.js';
import { listQuotedFigures } from '../figures/figures.quoted.service.js';
import { countRequests, findReportTexts, listCountingRules, reviewRows, themeLinks } from './reports.queries.js';
import { column, groupByTheme, themeOf, toItem, warningsOf } from './reports.review.js';
import { requestFigures, sourced } from './reports.totals.js';

/** Longest span one report may cover (the committee did two years; ten is the benchmark). */
const MAX_REPORT_YEARS = 30;
const MIN_YEAR = 1900;
const MAX_YEAR = 2200;

/** Kinds whose review is grouped by theme: the seed reports « avis et rencontres en bureau » together. */
const THEMED_KINDS: readonly string[] = ['advice', 'hearing'];

export class ReportYearsError extends AppError {
  constructor(message: string) {
    super('REPORT_YEARS_INVALID', message);
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
  /** The organisation's logo for the cover. */
  logo?: ActivityReport['logo'];
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
  const [countRows, manual, texts, rules] = await Promise.all([
    countRequests(db, first - 1, last),
    manualFigures(db, withPrevious),
    findReportTexts(db, first, last),
    listCountingRules(db),
  ]);
  const ruleOf = (y: number) => ruleFor(rules, y);
  const kindsOf = (y: number) => kindsByYear.get(y) ?? [];
  const requests = requestFigures({
    years,
    tallies: tallyYears(countRows, withPrevious, ruleOf, kindsOf),
    kindsOf,
    kindsLast,
    ruleOf,
    manual,
    current: monthInProgress(options.now),
  });

  progress('Bilan des demandes', 0.45);
  const [rows, linkRows, savedPlan, quoted] = await Promise.all([
    reviewRows(db, first, last),
    themeLinks(db, first, last),
    findPlan(db, first, last),
    listQuotedFigures(db, first, last),
  ]);
  const links = new Map<number, number[]>();
  for (const l of linkRows) links.set(l.request_id, [...(links.get(l.request_id) ?? []), l.theme_id]);
  const kindById = new Map(kindsLast.map((k) => [k.id, k]));
  const reviews = new Map<number, KindReview>();
  const themedItems: ReviewItem[] = [];
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
    const item = toItem(row, reasons, themeOf(links.get(row.id) ?? [], themes));
    review[column(row)].push(item);
    reviews.set(kind.id, review);
    if (THEMED_KINDS.includes(kind.code)) themedItems.push(item);
  }
  const themeTree = themes.map((t) => ({
    code: t.code,
    label: t.label,
    parent: t.parentId === null ? null : (themes.find((p) => p.id === t.parentId)?.code ?? null),
  }));
  const themed = groupByTheme(themedItems, themeTree);
  const reviewKinds = kindsLast.map((k) => reviews.get(k.id)).filter((r): r is KindReview => r !== undefined);

  progress('Recherche de sujets identifiants', 0.75);
  const warnings = warningsOf(rows);
  progress('Rapport prêt', 1);

  return {
    years,
    organisationName: options.organisationName,
    title: `Rapport d'activités ${formatYears(first, last)}`,
    generatedAt: nowIso(options.now),
    introduction: texts.introduction,
    analysis: texts.analysis,
    requests,
    keyFigures: keyFigures(manual, await computedFigures(db, years, manual), years),
    review: {
      kinds: reviewKinds,
      adviceByTheme: themed.groups,
      adviceWithoutTheme: themed.without,
      themes: themeTree,
    },
    plan: resolvePlan(savedPlan, reviewKinds, new Set(kindsLast.map((k) => k.code))),
    quotedFigures: quoted,
    ...(options.logo ? { logo: options.logo } : {}),
    warnings,
  };
}

/**
 * The JSON export: the model itself (it already carries the contract fields
 * `years` and `requests.{byKind,total,previousYearTotal}`), without the logo.
 */
export function reportJson(report: ActivityReport): string {
  const { logo: _logo, ...rest } = report;
  return `${JSON.stringify({ format: 'vigie-activity-report', formatVersion: 1, ...rest }, null, 2)}\n`;
}
