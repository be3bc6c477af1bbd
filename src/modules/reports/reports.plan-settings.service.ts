import { z } from 'zod';
import type { DbOrTrx } from '../../db/index.js';
import { nowIso } from '../../lib/time.js';
import type { Chapter, PlanSection, ReportPlanChoices, SectionLayout } from './reports.model.js';

/**
 * The board's plan of a report (one per span of years, table `report_plans`):
 * sections in order, each with its kinds, its layout, its text and its notes;
 * a text per chapter and per kind. Without a saved plan, the default follows
 * the committee's 2019–2020 report: one section per kind in the taxonomy's
 * order, advice requests and board hearings together, grouped by theme.
 */
export const CHAPTERS: readonly Chapter[] = ['figures', 'review', 'analysis'];
export const LAYOUTS: readonly SectionLayout[] = ['table', 'themes', 'list'];

export const CHAPTER_LABELS: Record<Chapter, string> = {
  figures: '« En quelques chiffres »',
  review: 'Bilan moral',
  analysis: 'Analyse transversale',
};
export const LAYOUT_LABELS: Record<SectionLayout, string> = {
  table: 'Tableau : une ligne par année, réalisées / annulées ou déclinées',
  themes: 'Par thème et sous-thème',
  list: 'Liste',
};

/** Kinds grouped by theme and shown together by default (« Les avis et rencontres en bureau »). */
const DEFAULT_THEMED_KINDS: readonly string[] = ['advice', 'hearing'];
const DEFAULT_THEMED_TITLE = 'Les avis et rencontres en bureau';
export const MAX_SECTIONS = 40;

const sectionSchema = z.object({
  id: z.string().min(1).max(80),
  chapter: z.enum(['figures', 'review', 'analysis']),
  title: z.string().max(200),
  kinds: z.array(z.string().max(64)).max(50),
  layout: z.enum(['table', 'themes', 'list']),
  text: z.string().max(50_000),
  notes: z.array(z.string().max(2000)).max(20),
});

const planSchema = z.object({
  chapterTexts: z.object({ figures: z.string().max(50_000), review: z.string().max(50_000) }),
  sections: z.array(sectionSchema).max(MAX_SECTIONS),
  kindTexts: z.record(z.string(), z.string().max(50_000)),
});

const EMPTY_PLAN: ReportPlanChoices = { chapterTexts: { figures: '', review: '' }, sections: [], kindTexts: {} };

/** The default sections for the kinds that have requests, in the taxonomy's order. */
function defaultSections(kinds: ReadonlyArray<{ code: string; label: string }>): PlanSection[] {
  const out: PlanSection[] = [];
  for (const k of kinds) {
    if (DEFAULT_THEMED_KINDS.includes(k.code)) {
      const themed = out.find((s) => s.id === 'avis');
      if (themed) themed.kinds.push(k.code);
      else
        out.push({
          id: 'avis',
          chapter: 'review',
          title: DEFAULT_THEMED_TITLE,
          kinds: [k.code],
          layout: 'themes',
          text: '',
          notes: [],
        });
      continue;
    }
    out.push({
      id: `type-${k.code}`,
      chapter: 'review',
      title: k.label,
      kinds: [k.code],
      layout: 'table',
      text: '',
      notes: [],
    });
  }
  return out;
}

/**
 * The plan in force: the saved one, with a section added for every kind that
 * has requests and appears in none (nothing the register holds is left out);
 * kinds that no longer exist are dropped from the sections.
 */
export function resolvePlan(
  saved: ReportPlanChoices | null,
  kinds: ReadonlyArray<{ code: string; label: string }>,
  allKindCodes: ReadonlySet<string>,
): ReportPlanChoices {
  if (!saved) return { ...EMPTY_PLAN, sections: defaultSections(kinds) };
  const sections = saved.sections.map((s) => ({ ...s, kinds: s.kinds.filter((k) => allKindCodes.has(k)) }));
  const covered = new Set(sections.flatMap((s) => s.kinds));
  const missing = kinds.filter((k) => !covered.has(k.code));
  return {
    ...saved,
    sections: [...sections, ...defaultSections(missing).map((s) => ({ ...s, id: `${s.id}-ajoute` }))],
  };
}

export async function findPlan(db: DbOrTrx, firstYear: number, lastYear: number): Promise<ReportPlanChoices | null> {
  const row = await db
    .selectFrom('report_plans')
    .select('body')
    .where('first_year', '=', firstYear)
    .where('last_year', '=', lastYear)
    .executeTakeFirst();
  if (!row) return null;
  const parsed = planSchema.safeParse(JSON.parse(row.body) as unknown);
  // A plan the app cannot read (written by a newer version) falls back on the default.
  return parsed.success ? parsed.data : null;
}

export async function savePlan(
  db: DbOrTrx,
  firstYear: number,
  lastYear: number,
  plan: ReportPlanChoices,
  actorId: number | null,
): Promise<void> {
  const body = JSON.stringify(planSchema.parse(plan));
  const values = { body, updated_by: actorId, updated_at: nowIso() };
  const existing = await db
    .selectFrom('report_plans')
    .select('id')
    .where('first_year', '=', firstYear)
    .where('last_year', '=', lastYear)
    .executeTakeFirst();
  if (existing) await db.updateTable('report_plans').set(values).where('id', '=', existing.id).execute();
  else
    await db
      .insertInto('report_plans')
      .values({ first_year: firstYear, last_year: lastYear, ...values })
      .execute();
}
