import type { Db, DbOrTrx } from '../../db/index.js';
import { NotFoundError } from '../../errors.js';
import { nowIso } from '../../lib/time.js';
import { recordAudit } from '../audit/audit.service.js';
import { identifyingHash, identifyingHints } from './reports.review.js';

/**
 * Each request's « texte pour le rapport »: one to four anonymised sentences,
 * as the committee writes its reports, printed instead of the one-line
 * subject. Checked by the identifying-text detector; a board member may mark
 * a request « vérifié : rien d'identifiant » (audited), which holds as long as
 * the texts it saw are unchanged.
 */
export interface RequestForText {
  id: number;
  reference: string;
  year: number;
  subject: string;
  outcome: string | null;
  outcomeDetail: string | null;
  receivedOn: string;
  eventOn: string | null;
  reportText: string;
  checked: boolean;
  hints: string[];
}

export async function findRequestForText(db: DbOrTrx, id: number): Promise<RequestForText> {
  const row = await db
    .selectFrom('requests')
    .select([
      'id',
      'reference',
      'year',
      'subject',
      'outcome',
      'outcome_detail',
      'received_on',
      'event_on',
      'report_text',
      'identifying_checked_hash',
    ])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new NotFoundError('Cette demande n’existe pas.');
  return {
    id: row.id,
    reference: row.reference,
    year: Number(row.year),
    subject: row.subject,
    outcome: row.outcome,
    outcomeDetail: row.outcome_detail,
    receivedOn: row.received_on,
    eventOn: row.event_on,
    reportText: row.report_text ?? '',
    checked: row.identifying_checked_hash !== null && row.identifying_checked_hash === identifyingHash(row),
    hints: identifyingHints(row),
  };
}

/** The texts a board member checks, as they would stand after saving `reportText`. */
function texts(r: RequestForText, reportText: string) {
  return { subject: r.subject, outcome_detail: r.outcomeDetail, report_text: reportText || null };
}

export function hintsFor(r: RequestForText, reportText: string): string[] {
  return identifyingHints(texts(r, reportText));
}

/** Saves the text (empty: the subject is printed) and, if asked, the check; both audited, without the text. */
export async function saveReportText(
  db: Db,
  r: RequestForText,
  reportText: string,
  checked: boolean,
  actorId: number,
): Promise<void> {
  const text = reportText.trim();
  await db.transaction().execute(async (trx) => {
    if (text !== r.reportText) {
      await trx
        .updateTable('requests')
        .set({ report_text: text || null, updated_at: nowIso() })
        .where('id', '=', r.id)
        .execute();
      await recordAudit(trx, {
        actorId,
        action: 'request.report_text',
        entityType: 'request',
        entityId: r.id,
        summary: `${r.reference} : ${text ? 'texte pour le rapport enregistré' : 'texte pour le rapport retiré'}`,
      });
    }
    if (checked) await markChecked(trx, { ...r, reportText: text }, actorId);
  });
}

/** « Vérifié : rien d'identifiant » for this request's texts as they are now, with its audit entry, in one transaction. */
export async function markRequestChecked(db: Db, r: RequestForText, actorId: number): Promise<void> {
  await db.transaction().execute((trx) => markChecked(trx, r, actorId));
}

async function markChecked(db: DbOrTrx, r: RequestForText, actorId: number): Promise<void> {
  await db
    .updateTable('requests')
    .set({
      identifying_checked_hash: identifyingHash(texts(r, r.reportText)),
      identifying_checked_by: actorId,
      identifying_checked_at: nowIso(),
    })
    .where('id', '=', r.id)
    .execute();
  await recordAudit(db, {
    actorId,
    action: 'request.identifying_checked',
    entityType: 'request',
    entityId: r.id,
    summary: `${r.reference} : vérifié, rien d'identifiant`,
  });
}

export interface SpanRequestRow {
  id: number;
  reference: string;
  kind: string;
  subject: string;
  reportText: string | null;
}

/** The span's requests, for the page that lists their texts. */
export async function listSpanRequests(db: DbOrTrx, first: number, last: number): Promise<SpanRequestRow[]> {
  const rows = await db
    .selectFrom('requests')
    .innerJoin('taxonomy_entries', 'taxonomy_entries.id', 'requests.kind_id')
    .select([
      'requests.id',
      'requests.reference',
      'taxonomy_entries.code as kind',
      'requests.subject',
      'requests.report_text',
    ])
    .where('requests.year', '>=', first)
    .where('requests.year', '<=', last)
    .orderBy('requests.year')
    .orderBy('requests.seq')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    reference: r.reference,
    kind: r.kind,
    subject: r.subject,
    reportText: r.report_text,
  }));
}
