import type { Db } from '../../db/index.js';
import type { DecisionAction } from '../../db/schema.js';
import { AppError, FieldValidationError, NotFoundError } from '../../errors.js';
import { formatDateLong, nowIso } from '../../lib/time.js';
import type { CurrentUser } from '../../web/access.js';
import type { FieldErrors } from '../../web/forms.js';
import { parseForm } from '../../web/validation.js';
import { recordAudit } from '../audit/audit.service.js';
import { activeBoardMembers } from '../auth/auth.board.service.js';
import { OUTCOMES } from '../requests/requests.constants.js';
import { applyBoardDecision, type BoardDecisionEffect } from '../requests/requests.board.service.js';
import { closeSchema, type CloseInput } from '../requests/requests.schemas.js';
import { labelOf, listEntries } from '../taxonomy/taxonomy.service.js';
import { DECISION_ACTION_WORDS } from './meetings.constants.js';
import { itemRow, meetingRow, nextPosition } from './meetings.queries.js';
import { decisionSchema, type DecisionFormInput } from './meetings.schemas.js';
import { editableMeeting, type Meeting } from './meetings.service.js';

interface Planned {
  effect: BoardDecisionEffect;
  /** What the minutes say the decision did (« confiée à … », « clôturée : … »). */
  detail: string;
  hearingMeetingId: number | null;
}

async function closing(db: Db, v: DecisionFormInput, outcome: string, year: number): Promise<Planned> {
  const parsed = parseForm(closeSchema, {
    outcome,
    outcomeReasonId: v.outcomeReasonId === null ? '' : String(v.outcomeReasonId),
    outcomeDetail: v.outcomeDetail,
    eventOn: '',
    plannedYear: '',
    note: '',
  });
  if (!parsed.ok) {
    const errors: FieldErrors = {};
    for (const [k, message] of Object.entries(parsed.errors)) errors[k === 'outcome' ? 'outcome' : k] = message;
    throw new FieldValidationError(errors);
  }
  const close: CloseInput = parsed.data;
  const reasons = await listEntries(db, 'outcome_reason', year);
  const why = [labelOf(reasons, close.outcomeReasonId), close.outcomeDetail].filter(Boolean).join(' — ');
  return {
    effect: { action: 'close', close },
    detail: `Demande clôturée : ${OUTCOMES.labels[close.outcome]}${why ? ` (${why})` : ''}.`,
    hearingMeetingId: null,
  };
}

async function plan(db: Db, meeting: Meeting, v: DecisionFormInput): Promise<Planned> {
  const year = Number(meeting.heldOn.slice(0, 4));
  switch (v.action) {
    case 'note':
      return { effect: { action: 'note' }, detail: '', hearingMeetingId: null };
    case 'assign': {
      const member = (await activeBoardMembers(db)).find((m) => m.id === v.assigneeId);
      if (!member) throw new FieldValidationError({ assigneeId: 'Confier à : choisissez un membre du bureau.' });
      return {
        effect: { action: 'assign', userId: member.id },
        detail: `Confiée à ${member.name}.`,
        hearingMeetingId: null,
      };
    }
    case 'hearing': {
      const target = v.hearingMeetingId === null ? undefined : await meetingRow(db, v.hearingMeetingId);
      if (!target || target.cancelled_at || target.approved_at || target.held_on < meeting.heldOn)
        throw new FieldValidationError({
          hearingMeetingId: 'Rencontre : choisissez une réunion à venir (créez-la d’abord si besoin).',
        });
      return {
        effect: { action: 'hearing', hearingOn: target.held_on },
        detail: `Rencontre en bureau prévue le ${formatDateLong(target.held_on)}.`,
        hearingMeetingId: target.id,
      };
    }
    case 'answer':
      return closing(db, v, 'answered', year);
    case 'decline':
      return closing(db, v, 'declined', year);
    case 'close':
      if (v.outcome === '' || v.outcome === 'answered' || v.outcome === 'declined')
        throw new FieldValidationError({ outcome: 'Issue : choisissez comment la demande se termine.' });
      return closing(db, v, v.outcome, year);
  }
}

/**
 * Records a decision on an agenda item. On a request, the decision is
 * written on its timeline and does what it says (assign, plan a hearing into
 * a later meeting, answer, decline, close) in the same transaction: all or
 * nothing.
 */
export async function recordDecision(
  db: Db,
  meetingId: number,
  itemId: number,
  body: unknown,
  actor: CurrentUser,
): Promise<DecisionAction> {
  const meeting = await editableMeeting(db, meetingId);
  if (meeting.cancelled) throw new AppError('MEETING_CANCELLED', 'Cette réunion est annulée.');
  const item = await itemRow(db, meetingId, itemId);
  if (!item) throw new NotFoundError('Ce point n’est pas à l’ordre du jour.');
  const parsed = parseForm(decisionSchema, body);
  if (!parsed.ok) throw new FieldValidationError(parsed.errors);
  const v = parsed.data;
  if (item.request_id === null && v.action !== 'note')
    throw new FieldValidationError({
      action: 'Suite : ce point ne porte pas sur une demande ; seule une décision simple est possible.',
    });
  const planned = await plan(db, meeting, v);
  const requestId = item.request_id;
  // A FieldValidationError of the register (closing the request) reaches the item's form as it is.
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('board_decisions')
      .values({
        meeting_id: meetingId,
        item_id: itemId,
        request_id: requestId,
        action: v.action,
        text: v.text,
        detail: planned.detail,
        created_by: actor.id,
        created_at: nowIso(),
      })
      .execute();
    if (requestId !== null)
      await applyBoardDecision(
        trx,
        { requestId, text: v.text, decidedOn: meeting.heldOn, effect: planned.effect },
        actor,
      );
    if (planned.hearingMeetingId !== null)
      await trx
        .insertInto('board_meeting_items')
        .values({
          meeting_id: planned.hearingMeetingId,
          position: await nextPosition(trx, planned.hearingMeetingId),
          kind: 'hearing',
          request_id: requestId,
          created_at: nowIso(),
        })
        .execute();
    await recordAudit(trx, {
      actorId: actor.id,
      action: 'meeting.update',
      entityType: 'meeting',
      entityId: meetingId,
      summary: `décision : ${DECISION_ACTION_WORDS[v.action]}`,
    });
  });
  return v.action;
}
