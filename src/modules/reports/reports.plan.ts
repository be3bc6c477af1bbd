import { formatDateFr, formatYears, frenchTypography as typo, sectionNumber } from '../../lib/typography.js';
import type { ActivityReport, Chapter, PlanSection } from './reports.model.js';
import { figuresBlocks } from './reports.plan.figures.js';
import { markdownBlocks } from './reports.plan.markdown.js';
import { sectionBlocks } from './reports.plan.review.js';
import type { Block, DocumentPlan } from './reports.plan.types.js';
import { resolvePlan } from './reports.plan-settings.service.js';

export type * from './reports.plan.types.js';
export { headingText } from './reports.plan.types.js';

/**
 * The report, in order, as one plan every format draws: the introduction; « 1.
 * 2019–2020 en quelques chiffres »; « 2. Bilan moral » with the board's
 * sections; « 3. Analyse transversale »; each chapter opening with the board's
 * text and holding the sections the board placed in it.
 */
const EMPTY_REVIEW_TEXT = 'Aucune demande enregistrée pour ces années.';

function sectionsOf(r: ActivityReport, chapter: Chapter): PlanSection[] {
  return (r.plan?.sections ?? []).filter((s) => s.chapter === chapter);
}

/** Whether a section has anything to print (its requests, its text or its notes). */
function hasContent(r: ActivityReport, s: PlanSection): boolean {
  if (s.text.trim() || s.notes.some((n) => n.trim())) return true;
  return s.kinds.some((code) => {
    const k = r.review.kinds.find((x) => x.code === code);
    return k !== undefined && k.done.length + k.declinedOrCancelled.length + k.later.length + k.other.length > 0;
  });
}

function chapterSections(r: ActivityReport, chapter: Chapter, prefix: string, from: number): Block[] {
  const blocks: Block[] = [];
  let n = from;
  for (const s of sectionsOf(r, chapter).filter((x) => hasContent(r, x)))
    blocks.push(...sectionBlocks(r, s, sectionNumber([Number(prefix), ++n])));
  return blocks;
}

/**
 * Fills what a model made elsewhere may lack (an older JSON export, a test
 * fixture): the default plan, the theme tree and each item's theme and column,
 * taken from the advice grouping the model carries.
 */
function normaliseReport(r: ActivityReport): ActivityReport {
  const themeOfRef = new Map<string, string>();
  for (const g of r.review.adviceByTheme) {
    for (const i of g.items) themeOfRef.set(i.reference, g.code);
    for (const c of g.children) for (const i of c.items) themeOfRef.set(i.reference, c.code);
  }
  const themes =
    r.review.themes ??
    r.review.adviceByTheme.flatMap((g) => [
      { code: g.code, label: g.label, parent: null },
      ...g.children.map((c) => ({ code: c.code, label: c.label, parent: g.code })),
    ]);
  const columns = ['done', 'declinedOrCancelled', 'later', 'other'] as const;
  const kinds = r.review.kinds.map((k) => {
    const withColumn = Object.fromEntries(
      columns.map((c) => [
        c,
        k[c].map((i) => ({ ...i, column: i.column ?? c, theme: i.theme ?? themeOfRef.get(i.reference) ?? null })),
      ]),
    ) as Pick<typeof k, (typeof columns)[number]>;
    return { ...k, ...withColumn };
  });
  return {
    ...r,
    review: { ...r.review, kinds, themes },
    plan: r.plan ?? resolvePlan(null, kinds, new Set(kinds.map((k) => k.code))),
  };
}

export function buildDocumentPlan(report: ActivityReport): DocumentPlan {
  const r = normaliseReport(report);
  const years = formatYears(r.years[0] ?? 0, r.years.at(-1));
  const blocks: Block[] = [];
  if (r.introduction.trim())
    blocks.push(
      { type: 'heading', level: 1, number: null, text: 'Introduction', id: 'introduction', toc: true },
      ...markdownBlocks(r.introduction, 'introduction'),
    );

  let chapter = 0;
  const figures = String(++chapter);
  blocks.push(
    {
      type: 'heading',
      level: 1,
      number: sectionNumber([chapter]),
      text: `${years} en quelques chiffres`,
      id: 'chiffres',
      toc: true,
    },
    ...markdownBlocks(r.plan?.chapterTexts.figures ?? '', 'chiffres-texte', 3),
  );
  const figureBlocks = figuresBlocks(r, sectionNumber([chapter]));
  blocks.push(...figureBlocks);
  const figureSections = figureBlocks.filter((b) => b.type === 'heading' && b.level === 2).length;
  blocks.push(...chapterSections(r, 'figures', figures, figureSections));

  const review = String(++chapter);
  blocks.push(
    { type: 'heading', level: 1, number: sectionNumber([chapter]), text: 'Bilan moral', id: 'bilan', toc: true },
    ...markdownBlocks(r.plan?.chapterTexts.review ?? '', 'bilan-texte', 3),
  );
  const reviewSections = chapterSections(r, 'review', review, 0);
  blocks.push(...reviewSections);
  if (!reviewSections.length) blocks.push({ type: 'paragraph', runs: [{ text: EMPTY_REVIEW_TEXT, italic: true }] });

  const analysisSections = sectionsOf(r, 'analysis').filter((s) => hasContent(r, s));
  if (r.analysis.trim() || analysisSections.length) {
    const analysis = String(++chapter);
    blocks.push(
      {
        type: 'heading',
        level: 1,
        number: sectionNumber([chapter]),
        text: 'Analyse transversale',
        id: 'analyse',
        toc: true,
      },
      ...markdownBlocks(r.analysis, 'analyse'),
      ...chapterSections(r, 'analysis', analysis, 0),
    );
  }
  blocks.push({
    type: 'paragraph',
    style: 'note',
    runs: [
      {
        text: typo(
          `Rapport produit par Vigie le ${formatDateFr(r.generatedAt)}. Aucune identité de demandeur n'y figure.`,
        ),
        muted: true,
      },
    ],
  });
  return {
    title: typo("Rapport d'activités"),
    yearsLabel: years,
    organisation: typo(r.organisationName),
    dateLabel: formatDateFr(r.generatedAt),
    lang: 'fr-BE',
    ...(r.logo ? { logo: r.logo } : {}),
    blocks,
  };
}
