import type { Db } from '../../db/index.js';
import { plural } from '../../lib/plural.js';
import { listEntries } from '../taxonomy/taxonomy.service.js';
import { manualFigureYears } from './reports.figures.service.js';
import { loadLogo } from './reports.logo.service.js';
import type { ActivityReport } from './reports.model.js';
import { buildReport } from './reports.service.js';
import { savePlan } from './reports.plan-settings.service.js';
import type { ReportPlanChoices } from './reports.model.js';
import { yearsLabel } from './reports.present.js';
import type { CountingRule } from './reports.counting.js';
import {
  recordedYears,
  recordReportAudit,
  saveReportTexts,
  setCountingRule,
  type ReportTexts,
} from './reports.queries.js';

/**
 * The board's work on a report: building it with the organisation's logo, the years it may choose,
 * its texts and its plan (each saved with its audit entry in one transaction), an export despite
 * warnings (audited).
 */

/** The report of these years as the board sees and exports it: the organisation's name and logo on its cover. */
export async function buildBoardReport(
  db: Db,
  years: readonly number[],
  organisationName: string,
  onProgress?: (step: string, fraction: number) => void,
): Promise<ActivityReport> {
  const logo = await loadLogo(db);
  return buildReport(db, years, {
    organisationName,
    ...(onProgress ? { onProgress } : {}),
    ...(logo ? { logo } : {}),
  });
}

/** The years the picker offers (from the oldest request or manual figure to this year) and the last complete one. */
export async function pickerYears(db: Db, current: number): Promise<{ years: number[]; lastComplete: number }> {
  const recorded = await recordedYears(db);
  const known = [...recorded, ...(await manualFigureYears(db)), current];
  const min = Math.min(...known);
  const years = Array.from({ length: current - min + 1 }, (_, i) => min + i);
  const lastComplete = [...recorded].reverse().find((y) => y < current) ?? current;
  return { years, lastComplete };
}

/** The kinds of request of the report's last year, as the plan's form lists them. */
export async function reportKinds(db: Db, years: readonly number[]): Promise<Array<{ code: string; label: string }>> {
  const entries = await listEntries(db, 'kind', years[years.length - 1] as number);
  return entries.map((k) => ({ code: k.code, label: k.label }));
}

/** Saves the introduction and the analysis of a report; the audit entry names what changed since `previous`. */
export async function updateReportTexts(
  db: Db,
  years: readonly number[],
  texts: { introduction: string; analysis: string },
  previous: ReportTexts,
  actorId: number,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await saveReportTexts(trx, years[0] as number, years[years.length - 1] as number, texts, actorId);
    const changed = [
      texts.introduction !== previous.introduction ? 'introduction' : '',
      texts.analysis !== previous.analysis ? 'analyse' : '',
    ].filter(Boolean);
    await recordReportAudit(
      trx,
      actorId,
      'report.texts.update',
      `rapport ${yearsLabel(years)} : ${changed.length ? changed.join(', ') : 'aucun changement'}`,
    );
  });
}

/** Saves the plan of a report (sections, chapters, texts), with its audit entry. */
export async function updateReportPlan(
  db: Db,
  years: readonly number[],
  plan: ReportPlanChoices,
  actorId: number,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await savePlan(trx, years[0] as number, years[years.length - 1] as number, plan, actorId);
    await recordReportAudit(
      trx,
      actorId,
      'report.plan.update',
      `rapport ${yearsLabel(years)} : ${plural(plan.sections.length, { one: 'section', other: 'sections' })}`,
    );
  });
}

/** An export the board confirmed although subjects look identifying: in the audit trail. */
export async function auditExportDespiteWarnings(
  db: Db,
  actorId: number,
  what: { format: string; span: string; warnings: number },
): Promise<void> {
  await recordReportAudit(
    db,
    actorId,
    'report.export',
    `${what.format} ${what.span} malgré ${plural(what.warnings, { one: 'sujet signalé', other: 'sujets signalés' })}`,
  );
}

/** The counting rule in force from `fromYear` on, with its audit entry, in one transaction. */
export async function saveCountingRule(db: Db, fromYear: number, rule: CountingRule, actorId: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await setCountingRule(trx, fromYear, rule, actorId);
    await recordReportAudit(trx, actorId, 'report.counting_rule', `à partir de ${fromYear} : ${rule}`);
  });
}
