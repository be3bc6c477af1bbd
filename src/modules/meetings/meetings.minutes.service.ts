import type { Db, DbOrTrx } from '../../db/index.js';
import { AppError } from '../../errors.js';
import { formatDateLong, nowIso } from '../../lib/time.js';
import type { CurrentUser } from '../../web/access.js';
import { recordAudit } from '../audit/audit.service.js';
import { KIND_LABELS } from './meetings.constants.js';
import { meetingRow, meetingRows } from './meetings.queries.js';
import type { MinutesDoc } from './meetings.snapshot.js';
import { editableMeeting, findMeeting, loadMeeting, type Meeting, type MeetingDetail } from './meetings.service.js';

/**
 * The minutes (« procès-verbal ») as plain data: what the page, the PDF and
 * the DOCX print. Built from the meeting's records while it is a draft;
 * copied into the meeting when approved, and printed from that copy ever
 * after (a request renamed later does not change approved minutes).
 */

function itemTitle(i: MeetingDetail['items'][number]): string {
  const request = i.request ? `${i.request.reference} — ${i.request.subject}` : '';
  if (i.kind === 'hearing') return `Rencontre en bureau : ${request}`;
  return request || i.title;
}

function buildMinutes(m: MeetingDetail, organisation: string, status: string): MinutesDoc {
  const hours = m.startsAt
    ? `, ${m.startsAt.replace(':', ' h ')}${m.endsAt ? ` – ${m.endsAt.replace(':', ' h ')}` : ''}`
    : '';
  return {
    title: `Procès-verbal — ${KIND_LABELS[m.kind].toLowerCase()} du ${formatDateLong(m.heldOn)}`,
    organisation,
    when: `${formatDateLong(m.heldOn)}${hours}`,
    where: [m.place, m.videoUrl ? `En visioconférence : ${m.videoUrl}` : ''].filter(Boolean),
    present: m.attendance.filter((a) => a.presence === 'present').map((a) => a.name),
    excused: m.attendance.filter((a) => a.presence === 'excused').map((a) => a.name),
    items: m.items.map((i, n) => ({
      number: n + 1,
      title: itemTitle(i),
      notes: i.notes,
      decisions: i.decisions.map((d) => [d.text, d.detail].filter(Boolean).join(' ')),
    })),
    notes: m.notes,
    status,
  };
}

/** The minutes to print: the approved copy, or the draft built now. */
export async function minutesOf(db: DbOrTrx, id: number, organisation: string): Promise<MinutesDoc> {
  const m = await loadMeeting(db, id);
  if (m.snapshot) return m.snapshot;
  return buildMinutes(m, organisation, 'Projet : à approuver lors d’une prochaine réunion.');
}

/** Earlier meetings whose minutes still wait for approval (shown at the next meeting). */
export async function pendingApprovals(db: DbOrTrx, meeting: Meeting): Promise<Meeting[]> {
  const all = await meetingRows(db);
  const earlier = all.filter((r) => r.held_on < meeting.heldOn && !r.approved_at && !r.cancelled_at);
  return Promise.all(earlier.map((r) => findMeeting(db, r.id)));
}

/**
 * Approves the minutes of meeting `id` at meeting `inMeetingId` (a later
 * one): the minutes are copied as approved, with who and when, and nothing
 * of the meeting can change any more.
 */
export async function approveMinutes(
  db: Db,
  id: number,
  inMeetingId: number,
  actor: CurrentUser,
  organisation: string,
  now: Date = new Date(),
): Promise<void> {
  const meeting = await editableMeeting(db, id);
  const approving = await findMeeting(db, inMeetingId);
  if (approving.heldOn <= meeting.heldOn || approving.cancelled)
    throw new AppError('MINUTES_APPROVAL', 'Un procès-verbal s’approuve lors d’une réunion suivante.');
  const detail = await loadMeeting(db, id);
  const status = `Approuvé lors de la réunion du ${formatDateLong(approving.heldOn)}, enregistré par ${actor.displayName} le ${formatDateLong(nowIso(now))}.`;
  const doc = buildMinutes(detail, organisation, status);
  await db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('board_meetings')
      .set({
        approved_at: nowIso(now),
        approved_by: actor.id,
        approved_in_meeting_id: inMeetingId,
        minutes_snapshot: JSON.stringify(doc),
        updated_at: nowIso(now),
      })
      .where('id', '=', id)
      .where('approved_at', 'is', null)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1)
      throw new AppError('MINUTES_APPROVED', 'Ce procès-verbal vient d’être approuvé.');
    await recordAudit(trx, {
      actorId: actor.id,
      action: 'meeting.minutes_approve',
      entityType: 'meeting',
      entityId: id,
    });
  });
}

export async function approvalOf(db: DbOrTrx, meeting: Meeting): Promise<{ at: string; inHeldOn: string } | null> {
  if (!meeting.approvedAt || meeting.approvedInMeetingId === null) return null;
  const inMeeting = await meetingRow(db, meeting.approvedInMeetingId);
  return { at: meeting.approvedAt, inHeldOn: inMeeting?.held_on ?? meeting.approvedAt };
}
