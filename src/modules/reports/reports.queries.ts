import { sql } from 'kysely';
import type { DbOrTrx } from '../../db/index.js';
import { nowIso } from '../../lib/time.js';
import { recordAudit } from '../audit/audit.service.js';
import type { Outcome, Status } from '../requests/requests.constants.js';
import type { CountingRule, CountRow } from './reports.counting.js';

/**
 * The report reads only anonymous columns of the register: never `notes`
 * (free text), never `requester_identities`, never assignees. Every query
 * below lists its columns; none uses selectAll().
 */

/**
 * Requests per year received, month, kind, outcome and planned year: enough to
 * apply each year's counting rule (reports.counting.ts) without reading any
 * text. Activities put off to a year of the span are fetched too, since they
 * count there (same SQL on both engines: substr).
 */
export async function countRequests(db: DbOrTrx, firstYear: number, lastYear: number): Promise<CountRow[]> {
  const month = sql<string>`substr(requests.received_on, 6, 2)`;
  const rows = await db
    .selectFrom('requests')
    .select([
      'requests.year',
      'requests.kind_id',
      'requests.outcome',
      'requests.planned_year',
      month.as('month'),
      (eb) => eb.fn.countAll<number>().as('n'),
    ])
    .where((eb) =>
      eb.or([
        eb.and([eb('requests.year', '>=', firstYear), eb('requests.year', '<=', lastYear)]),
        eb.and([
          eb('requests.outcome', '=', 'later_year'),
          eb('requests.planned_year', '>=', firstYear),
          eb('requests.planned_year', '<=', lastYear),
        ]),
      ]),
    )
    .groupBy(['requests.year', 'requests.kind_id', 'requests.outcome', 'requests.planned_year', month])
    .execute();
  return rows.map((r) => ({
    year: Number(r.year),
    month: r.month,
    kind_id: Number(r.kind_id),
    outcome: r.outcome,
    planned_year: r.planned_year === null ? null : Number(r.planned_year),
    n: Number(r.n),
  }));
}

/** The dated counting rules, oldest first. */
export async function listCountingRules(db: DbOrTrx): Promise<Array<{ fromYear: number; rule: CountingRule }>> {
  const rows = await db
    .selectFrom('report_counting_rules')
    .select(['from_year', 'rule'])
    .orderBy('from_year')
    .execute();
  return rows.map((r) => ({ fromYear: Number(r.from_year), rule: r.rule }));
}

/** Sets the rule in force from `fromYear` on (until a later rule). */
export async function setCountingRule(
  db: DbOrTrx,
  fromYear: number,
  rule: CountingRule,
  actorId: number | null,
): Promise<void> {
  const values = { rule, updated_by: actorId, updated_at: nowIso() };
  const existing = await db
    .selectFrom('report_counting_rules')
    .select('from_year')
    .where('from_year', '=', fromYear)
    .executeTakeFirst();
  if (existing) await db.updateTable('report_counting_rules').set(values).where('from_year', '=', fromYear).execute();
  else
    await db
      .insertInto('report_counting_rules')
      .values({ from_year: fromYear, ...values })
      .execute();
}

export interface ReviewRow {
  id: number;
  reference: string;
  year: number;
  kind_id: number;
  subject: string;
  status: Status;
  outcome: Outcome | null;
  outcome_reason_id: number | null;
  outcome_detail: string | null;
  event_on: string | null;
  planned_year: number | null;
  received_on: string;
  report_text: string | null;
  identifying_checked_hash: string | null;
}

export async function reviewRows(db: DbOrTrx, firstYear: number, lastYear: number): Promise<ReviewRow[]> {
  return db
    .selectFrom('requests')
    .select([
      'requests.id',
      'requests.reference',
      'requests.year',
      'requests.kind_id',
      'requests.subject',
      'requests.status',
      'requests.outcome',
      'requests.outcome_reason_id',
      'requests.outcome_detail',
      'requests.event_on',
      'requests.planned_year',
      'requests.received_on',
      'requests.report_text',
      'requests.identifying_checked_hash',
    ])
    .where('requests.year', '>=', firstYear)
    .where('requests.year', '<=', lastYear)
    .orderBy('requests.year')
    .orderBy('requests.seq')
    .execute();
}

/** Theme links of the report's requests, by date range rather than an id list (no parameter limit at 10,000 requests). */
export async function themeLinks(
  db: DbOrTrx,
  firstYear: number,
  lastYear: number,
): Promise<Array<{ request_id: number; theme_id: number }>> {
  return db
    .selectFrom('request_themes')
    .innerJoin('requests', 'requests.id', 'request_themes.request_id')
    .select(['request_themes.request_id', 'request_themes.theme_id'])
    .where('requests.year', '>=', firstYear)
    .where('requests.year', '<=', lastYear)
    .execute();
}

/** Years with at least one request in the register. */
export async function recordedYears(db: DbOrTrx): Promise<number[]> {
  const rows = await db.selectFrom('requests').select('requests.year').distinct().orderBy('requests.year').execute();
  return rows.map((r) => Number(r.year));
}

export interface ReportTexts {
  introduction: string;
  analysis: string;
  updatedAt: string | null;
}

export async function findReportTexts(db: DbOrTrx, firstYear: number, lastYear: number): Promise<ReportTexts> {
  const row = await db
    .selectFrom('report_texts')
    .select(['introduction', 'analysis', 'updated_at'])
    .where('first_year', '=', firstYear)
    .where('last_year', '=', lastYear)
    .executeTakeFirst();
  return { introduction: row?.introduction ?? '', analysis: row?.analysis ?? '', updatedAt: row?.updated_at ?? null };
}

export async function saveReportTexts(
  db: DbOrTrx,
  firstYear: number,
  lastYear: number,
  texts: { introduction: string; analysis: string },
  actorId: number,
): Promise<void> {
  const values = {
    introduction: texts.introduction,
    analysis: texts.analysis,
    updated_by: actorId,
    updated_at: nowIso(),
  };
  const existing = await db
    .selectFrom('report_texts')
    .select('id')
    .where('first_year', '=', firstYear)
    .where('last_year', '=', lastYear)
    .executeTakeFirst();
  if (existing) await db.updateTable('report_texts').set(values).where('id', '=', existing.id).execute();
  else
    await db
      .insertInto('report_texts')
      .values({ first_year: firstYear, last_year: lastYear, ...values })
      .execute();
}

/** Audit line for report actions (texts edited, exports). */
export async function recordReportAudit(
  db: DbOrTrx,
  actorId: number,
  action: 'report.texts.update' | 'report.export' | 'report.counting_rule' | 'report.plan.update',
  summary: string,
): Promise<void> {
  await recordAudit(db, { actorId, action, entityType: 'report', summary });
}
