// Just over 300 lines: the board meeting's use cases (create, edit, attendance, agenda items and their
// order, notes) share the row mapping and the « still editable » rule above; decisions and minutes are
// already in meetings.decisions.service.ts and meetings.minutes.service.ts.
import type { Db, DbOrTrx } from '../../db/index.js';
import type { AgendaItemKind, BoardMeetingKind, DecisionAction, Presence } from '../../db/schema.js';
import { AppError, FieldValidationError, NotFoundError } from '../../errors.js';
import { formatDateLong, nowIso } from '../../lib/time.js';
import type { CurrentUser } from '../../web/access.js';
import { parseForm, str } from '../../web/validation.js';
import { recordAudit } from '../audit/audit.service.js';
import { activeBoardMembers } from '../auth/auth.board.service.js';
import { flaggedRequests, requestSummaries, type RequestSummary } from '../requests/requests.board.service.js';
import { PRESENCES } from './meetings.constants.js';
import { readMinutesSnapshot, type MinutesDoc } from './meetings.snapshot.js';
import {
  attendanceRows,
  decisionRows,
  itemRow,
  itemRows,
  meetingRow,
  meetingRows,
  nextMeetingRow,
  nextPosition,
} from './meetings.queries.js';
import { freeItemSchema, meetingSchema, notesSchema } from './meetings.schemas.js';

export interface Meeting {
  id: number;
  kind: BoardMeetingKind;
  heldOn: string;
  startsAt: string | null;
  endsAt: string | null;
  place: string;
  videoUrl: string;
  notes: string;
  cancelled: boolean;
  approvedAt: string | null;
  approvedBy: number | null;
  approvedInMeetingId: number | null;
}

export interface AgendaDecision {
  id: number;
  action: DecisionAction;
  text: string;
  detail: string;
}

export interface AgendaItem {
  id: number;
  position: number;
  kind: AgendaItemKind;
  title: string;
  notes: string;
  request: RequestSummary | null;
  decisions: AgendaDecision[];
}

export interface MeetingDetail extends Meeting {
  attendance: Array<{ userId: number; name: string; presence: Presence | null }>;
  items: AgendaItem[];
  snapshot: MinutesDoc | null;
}

type MeetingRow = NonNullable<Awaited<ReturnType<typeof meetingRow>>>;

function toMeeting(r: MeetingRow): Meeting {
  return {
    id: r.id,
    kind: r.kind,
    heldOn: r.held_on,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    place: r.place,
    videoUrl: r.video_url,
    notes: r.notes,
    cancelled: r.cancelled_at !== null,
    approvedAt: r.approved_at,
    approvedBy: r.approved_by,
    approvedInMeetingId: r.approved_in_meeting_id,
  };
}

export async function listMeetings(db: DbOrTrx): Promise<Meeting[]> {
  return (await meetingRows(db)).map(toMeeting);
}

export async function findMeeting(db: DbOrTrx, id: number): Promise<Meeting> {
  const row = await meetingRow(db, id);
  if (!row) throw new NotFoundError('Cette réunion n’existe pas.');
  return toMeeting(row);
}

/** Approved minutes are frozen: nothing of the meeting changes any more. */
export async function editableMeeting(db: DbOrTrx, id: number): Promise<Meeting> {
  const m = await findMeeting(db, id);
  if (m.approvedAt)
    throw new AppError(
      'MINUTES_APPROVED',
      `Le procès-verbal de cette réunion a été approuvé le ${formatDateLong(m.approvedAt)} : il ne peut plus être modifié.`,
    );
  return m;
}

/** The board's next meeting (today's included, cancelled ones skipped), with its agenda; null when none is planned. */
export async function nextMeeting(db: DbOrTrx, today: string): Promise<MeetingDetail | null> {
  const row = await nextMeetingRow(db, today);
  return row ? loadMeeting(db, row.id) : null;
}

export async function loadMeeting(db: DbOrTrx, id: number): Promise<MeetingDetail> {
  const row = await meetingRow(db, id);
  if (!row) throw new NotFoundError('Cette réunion n’existe pas.');
  const [recorded, members, items, decisions] = await Promise.all([
    attendanceRows(db, id),
    activeBoardMembers(db),
    itemRows(db, id),
    decisionRows(db, id),
  ]);
  const presence = new Map(recorded.map((r) => [r.user_id, r]));
  const attendance = members.map((m) => ({
    userId: m.id,
    name: m.name,
    presence: presence.get(m.id)?.presence ?? null,
  }));
  // Someone who left the board since still appears where they were recorded.
  for (const r of recorded)
    if (!members.some((m) => m.id === r.user_id))
      attendance.push({ userId: r.user_id, name: r.display_name, presence: r.presence });
  const requests = await requestSummaries(
    db,
    items.flatMap((i) => (i.request_id === null ? [] : [i.request_id])),
  );
  return {
    ...toMeeting(row),
    attendance,
    items: items.map((i) => ({
      id: i.id,
      position: i.position,
      kind: i.kind,
      title: i.title,
      notes: i.notes,
      request: i.request_id === null ? null : (requests.get(i.request_id) ?? null),
      decisions: decisions
        .filter((d) => d.item_id === i.id)
        .map((d) => ({ id: d.id, action: d.action, text: d.text, detail: d.detail })),
    })),
    snapshot: readMinutesSnapshot(row.minutes_snapshot),
  };
}

export async function createMeeting(db: Db, body: unknown, actor: CurrentUser): Promise<number> {
  const parsed = parseForm(meetingSchema, body);
  if (!parsed.ok) throw new FieldValidationError(parsed.errors);
  const v = parsed.data;
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('board_meetings')
      .values({
        kind: v.kind,
        held_on: v.heldOn,
        starts_at: v.startsAt || null,
        ends_at: v.endsAt || null,
        place: v.place,
        video_url: v.videoUrl,
        created_by: actor.id,
        created_at: nowIso(),
        updated_at: nowIso(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { actorId: actor.id, action: 'meeting.create', entityType: 'meeting', entityId: id });
    return id;
  });
}

export async function updateMeeting(db: Db, id: number, body: unknown, actor: CurrentUser): Promise<void> {
  await editableMeeting(db, id);
  const parsed = parseForm(meetingSchema, body);
  if (!parsed.ok) throw new FieldValidationError(parsed.errors);
  const v = parsed.data;
  const cancelled = v.cancelled;
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('board_meetings')
      .set({
        kind: v.kind,
        held_on: v.heldOn,
        starts_at: v.startsAt || null,
        ends_at: v.endsAt || null,
        place: v.place,
        video_url: v.videoUrl,
        cancelled_at: cancelled ? nowIso() : null,
        updated_at: nowIso(),
      })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, { actorId: actor.id, action: 'meeting.update', entityType: 'meeting', entityId: id });
  });
}

/** `presence_<userId>`: present, excused, or empty (not said). */
export async function setAttendance(db: Db, id: number, body: Record<string, unknown>, actor: CurrentUser) {
  await editableMeeting(db, id);
  const members = await activeBoardMembers(db);
  const known = new Set([...members.map((m) => m.id), ...(await attendanceRows(db, id)).map((r) => r.user_id)]);
  await db.transaction().execute(async (trx) => {
    for (const userId of known) {
      const value = str(body[`presence_${userId}`]);
      await trx
        .deleteFrom('board_meeting_attendance')
        .where('meeting_id', '=', id)
        .where('user_id', '=', userId)
        .execute();
      const presence = PRESENCES.find((p) => p === value);
      if (presence)
        await trx
          .insertInto('board_meeting_attendance')
          .values({ meeting_id: id, user_id: userId, presence })
          .execute();
    }
    await recordAudit(trx, {
      actorId: actor.id,
      action: 'meeting.update',
      entityType: 'meeting',
      entityId: id,
      summary: 'présences',
    });
  });
}

export async function addFreeItem(db: Db, id: number, body: unknown, actor: CurrentUser): Promise<void> {
  await editableMeeting(db, id);
  const parsed = parseForm(freeItemSchema, body);
  if (!parsed.ok) throw new FieldValidationError(parsed.errors);
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('board_meeting_items')
      .values({
        meeting_id: id,
        position: await nextPosition(trx, id),
        kind: 'free',
        request_id: null,
        title: parsed.data.title,
        created_at: nowIso(),
      })
      .execute();
    await recordAudit(trx, { actorId: actor.id, action: 'meeting.update', entityType: 'meeting', entityId: id });
  });
}

/** Puts flagged requests on the agenda (those already there are skipped). */
export async function addRequestItems(db: Db, id: number, requestIds: number[], actor: CurrentUser): Promise<number> {
  await editableMeeting(db, id);
  const flagged = new Set((await flaggedRequests(db)).map((r) => r.id));
  const already = new Set((await itemRows(db, id)).map((i) => i.request_id));
  const chosen = [...new Set(requestIds)].filter((r) => flagged.has(r) && !already.has(r));
  if (chosen.length === 0) return 0;
  await db.transaction().execute(async (trx) => {
    let position = await nextPosition(trx, id);
    for (const requestId of chosen)
      await trx
        .insertInto('board_meeting_items')
        .values({ meeting_id: id, position: position++, kind: 'request', request_id: requestId, created_at: nowIso() })
        .execute();
    await recordAudit(trx, { actorId: actor.id, action: 'meeting.update', entityType: 'meeting', entityId: id });
  });
  return chosen.length;
}

/** Moves an item one place up or down (swaps positions with its neighbour). */
export async function moveItem(db: Db, id: number, itemId: number, direction: 'up' | 'down'): Promise<void> {
  await editableMeeting(db, id);
  const items = await itemRows(db, id);
  const at = items.findIndex((i) => i.id === itemId);
  const other = items[direction === 'up' ? at - 1 : at + 1];
  const item = items[at];
  if (!item || !other) return;
  await db.transaction().execute(async (trx) => {
    // Positions are renumbered 1..n so that two items never share one.
    const order = items.map((i) => i.id);
    order[at] = other.id;
    order[direction === 'up' ? at - 1 : at + 1] = item.id;
    for (const [n, itemIdAt] of order.entries())
      await trx
        .updateTable('board_meeting_items')
        .set({ position: n + 1 })
        .where('id', '=', itemIdAt)
        .execute();
  });
}

export async function removeItem(db: Db, id: number, itemId: number): Promise<void> {
  await editableMeeting(db, id);
  const decisions = (await decisionRows(db, id)).filter((d) => d.item_id === itemId);
  if (decisions.length > 0)
    throw new AppError('ITEM_HAS_DECISIONS', 'Ce point porte déjà une décision : il reste à l’ordre du jour.');
  await db.deleteFrom('board_meeting_items').where('meeting_id', '=', id).where('id', '=', itemId).execute();
}

export async function saveItemNotes(db: Db, id: number, itemId: number, body: unknown): Promise<void> {
  await editableMeeting(db, id);
  if (!(await itemRow(db, id, itemId))) throw new NotFoundError('Ce point n’est pas à l’ordre du jour.');
  const parsed = parseForm(notesSchema, body);
  if (!parsed.ok) throw new FieldValidationError(parsed.errors);
  await db.updateTable('board_meeting_items').set({ notes: parsed.data.notes }).where('id', '=', itemId).execute();
}

export async function saveMeetingNotes(db: Db, id: number, body: unknown): Promise<void> {
  await editableMeeting(db, id);
  const parsed = parseForm(notesSchema, body);
  if (!parsed.ok) throw new FieldValidationError(parsed.errors);
  await db
    .updateTable('board_meetings')
    .set({ notes: parsed.data.notes, updated_at: nowIso() })
    .where('id', '=', id)
    .execute();
}
