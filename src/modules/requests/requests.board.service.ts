import type { DbOrTrx, Trx } from '../../db/index.js';
import { formatDateLong, nowIso } from '../../lib/time.js';
import type { CurrentUser } from '../../web/access.js';
import { recordNotices } from '../notices/notices.service.js';
import { recordAudit } from '../audit/audit.service.js';
import { STATUSES, type Status } from './requests.constants.js';
import { boardMembers, listRequests } from './requests.queries.js';
import type { CloseInput } from './requests.schemas.js';
import { FieldValidationError } from '../../errors.js';
import { addTimeline, closeWithin, mustFind } from './requests.service.js';

/**
 * What the board meetings (modules/meetings) ask of the register: the
 * requests flagged « à discuter en bureau », their anonymous lines, and the
 * board's decisions applied in the meeting's own transaction. Identities are
 * never read here.
 */

export interface RequestSummary {
  id: number;
  reference: string;
  subject: string;
  status: Status;
  statusLabel: string;
  receivedOn: string;
}

const summaryOf = (r: { id: number; reference: string; subject: string; status: Status; received_on: string }) => {
  const { status } = r;
  return {
    id: r.id,
    reference: r.reference,
    subject: r.subject,
    status,
    statusLabel: STATUSES.labels[status],
    receivedOn: r.received_on,
  };
};

/** The requests flagged « à discuter en bureau », oldest first. */
export async function flaggedRequests(db: DbOrTrx): Promise<RequestSummary[]> {
  const { rows } = await listRequests(db, { status: 'to_discuss', sort: 'received_asc', page: 1, pageSize: 500 });
  return rows.map((r) => summaryOf(r));
}

/** The requests assigned to a board member: the open ones (oldest first), then the last few closed. */
export async function assignedRequests(
  db: DbOrTrx,
  userId: number,
): Promise<{ open: RequestSummary[]; closed: RequestSummary[] }> {
  const [open, closed] = await Promise.all([
    listRequests(db, { assignedTo: userId, status: 'open', sort: 'received_asc', page: 1, pageSize: 100 }),
    listRequests(db, { assignedTo: userId, status: 'closed', sort: 'updated_desc', page: 1, pageSize: 5 }),
  ]);
  return { open: open.rows.map((r) => summaryOf(r)), closed: closed.rows.map((r) => summaryOf(r)) };
}

/** Reference, subject and status of these requests (unknown ids are left out). */
export async function requestSummaries(db: DbOrTrx, ids: readonly number[]): Promise<Map<number, RequestSummary>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('requests')
    .select(['id', 'reference', 'subject', 'status', 'received_on'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, summaryOf(r)]));
}

/** What a board decision does to its request, besides being written on its timeline. */
export type BoardDecisionEffect =
  | { action: 'note' }
  | { action: 'assign'; userId: number }
  | { action: 'hearing'; hearingOn: string }
  | { action: 'close'; close: CloseInput };

/** What the audit entry says a decision did, in plain words. */
const EFFECT_WORDS: Record<BoardDecisionEffect['action'], string> = {
  note: 'décision notée',
  assign: 'demande confiée',
  hearing: 'rencontre en bureau prévue',
  close: 'demande clôturée',
};

export interface BoardDecision {
  requestId: number;
  /** The decision as the minutes word it. */
  text: string;
  /** The meeting's date: the timeline's date. */
  decidedOn: string;
  effect: BoardDecisionEffect;
}

/**
 * Applies a board decision in the caller's transaction: one « Décision » on
 * the timeline, then assigns the request, plans its board hearing, or closes
 * it (answered, declined with a reason…). Throws FieldValidationError with
 * French messages when the effect is impossible (nothing is then saved).
 */
export async function applyBoardDecision(trx: Trx, d: BoardDecision, actor: CurrentUser): Promise<void> {
  const row = await mustFind(trx, d.requestId);
  if (row.status === 'closed')
    throw new FieldValidationError({ requestId: `Demande : ${row.reference} est déjà clôturée.` });
  const lead = `Décision du bureau du ${formatDateLong(d.decidedOn)} : ${d.text}`;
  const setStatus = async (status: Exclude<Status, 'closed'>) => {
    if (row.status === status) return;
    await trx.updateTable('requests').set({ status, updated_at: nowIso() }).where('id', '=', row.id).execute();
    await addTimeline(trx, row.id, 'status', `Statut : ${STATUSES.labels[status]}.`, actor.id, d.decidedOn);
  };
  switch (d.effect.action) {
    case 'note':
      await addTimeline(trx, row.id, 'decision', lead, actor.id, d.decidedOn);
      break;
    case 'assign': {
      const userId = d.effect.userId;
      const member = (await boardMembers(trx)).find((m) => m.id === userId);
      if (!member)
        throw new FieldValidationError({
          assigneeId: 'Membre : cette personne n’est pas (ou plus) membre du bureau.',
        });
      await addTimeline(trx, row.id, 'decision', `${lead} — confiée à ${member.display_name}.`, actor.id, d.decidedOn);
      await trx
        .insertInto('request_assignees')
        .values({ request_id: row.id, user_id: member.id })
        .onConflict((oc) => oc.columns(['request_id', 'user_id']).doNothing())
        .execute();
      await recordNotices(trx, { requestId: row.id, userIds: [member.id], reason: 'assigned', actorId: actor.id });
      if (row.status === 'new' || row.status === 'to_discuss') await setStatus('in_progress');
      break;
    }
    case 'hearing':
      await addTimeline(
        trx,
        row.id,
        'decision',
        `${lead} — rencontre en bureau prévue le ${formatDateLong(d.effect.hearingOn)}.`,
        actor.id,
        d.decidedOn,
      );
      await setStatus('hearing_planned');
      break;
    case 'close':
      await addTimeline(trx, row.id, 'decision', lead, actor.id, d.decidedOn);
      await closeWithin(trx, row, d.effect.close, actor, d.decidedOn);
      break;
  }
  await trx.updateTable('requests').set({ updated_at: nowIso() }).where('id', '=', row.id).execute();
  await recordAudit(trx, {
    actorId: actor.id,
    action: 'request.decision',
    entityType: 'request',
    entityId: row.id,
    summary: EFFECT_WORDS[d.effect.action],
  });
}
