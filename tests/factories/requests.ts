import type { Db } from '../../src/db/index.js';
import { nowIso } from '../../src/lib/time.js';
import type { Outcome, Status } from '../../src/modules/requests/requests.constants.js';
import { allocateReference } from '../../src/modules/requests/requests.reference.queries.js';
import { findEntryByCode } from '../../src/modules/taxonomy/taxonomy.service.js';

/** A request as the report sees it, written straight into the register (no identity, no timeline). */
export interface RequestRowSpec {
  /** YYYY-MM-DD. */
  receivedOn: string;
  kind: string;
  subject: string;
  outcome?: Outcome;
  /** Defaults to closed with an outcome, in progress without. */
  status?: Status;
  reason?: string;
  detail?: string;
  eventOn?: string;
  plannedYear?: number;
  themes?: string[];
  sector?: string;
  notes?: string;
}

async function entryId(db: Db, type: 'kind' | 'theme' | 'outcome_reason' | 'sector', code: string): Promise<number> {
  const e = await findEntryByCode(db, type, code);
  if (!e) throw new Error(`no ${type} ${code}`);
  return e.id;
}

/** Inserts one request with the next reference of its year; returns its id. */
export async function insertRequestRow(db: Db, r: RequestRowSpec): Promise<number> {
  const year = Number(r.receivedOn.slice(0, 4));
  const { seq, reference } = await allocateReference(db, year);
  const now = nowIso();
  const status = r.status ?? (r.outcome ? 'closed' : 'in_progress');
  const { id } = await db
    .insertInto('requests')
    .values({
      reference,
      year,
      seq,
      received_on: r.receivedOn,
      channel: 'email',
      kind_id: await entryId(db, 'kind', r.kind),
      requester_type: 'unknown',
      sector_id: r.sector ? await entryId(db, 'sector', r.sector) : null,
      region: null,
      subject: r.subject,
      notes: r.notes ?? '',
      status,
      outcome: r.outcome ?? null,
      outcome_reason_id: r.reason ? await entryId(db, 'outcome_reason', r.reason) : null,
      outcome_detail: r.detail ?? null,
      event_on: r.eventOn ?? null,
      planned_year: r.plannedYear ?? null,
      search_text: r.subject.toLowerCase(),
      created_by: null,
      created_at: now,
      updated_at: now,
      closed_at: status === 'closed' ? now : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const t of r.themes ?? [])
    await db
      .insertInto('request_themes')
      .values({ request_id: id, theme_id: await entryId(db, 'theme', t) })
      .execute();
  return id;
}
