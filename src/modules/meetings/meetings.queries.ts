import type { DbOrTrx } from '../../db/index.js';

export function meetingRows(db: DbOrTrx) {
  return db.selectFrom('board_meetings').selectAll().orderBy('held_on', 'desc').orderBy('id', 'desc').execute();
}

export function meetingRow(db: DbOrTrx, id: number) {
  return db.selectFrom('board_meetings').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The first meeting on or after this day that is not cancelled. */
export function nextMeetingRow(db: DbOrTrx, today: string) {
  return db
    .selectFrom('board_meetings')
    .select('id')
    .where('held_on', '>=', today)
    .where('cancelled_at', 'is', null)
    .orderBy('held_on')
    .orderBy('id')
    .executeTakeFirst();
}

export function attendanceRows(db: DbOrTrx, meetingId: number) {
  return db
    .selectFrom('board_meeting_attendance')
    .innerJoin('users', 'users.id', 'board_meeting_attendance.user_id')
    .select(['board_meeting_attendance.user_id', 'board_meeting_attendance.presence', 'users.display_name'])
    .where('board_meeting_attendance.meeting_id', '=', meetingId)
    .orderBy('users.display_name')
    .execute();
}

export function itemRows(db: DbOrTrx, meetingId: number) {
  return db
    .selectFrom('board_meeting_items')
    .selectAll()
    .where('meeting_id', '=', meetingId)
    .orderBy('position')
    .orderBy('id')
    .execute();
}

export function itemRow(db: DbOrTrx, meetingId: number, itemId: number) {
  return db
    .selectFrom('board_meeting_items')
    .selectAll()
    .where('meeting_id', '=', meetingId)
    .where('id', '=', itemId)
    .executeTakeFirst();
}

export function decisionRows(db: DbOrTrx, meetingId: number) {
  return db.selectFrom('board_decisions').selectAll().where('meeting_id', '=', meetingId).orderBy('id').execute();
}

export async function nextPosition(db: DbOrTrx, meetingId: number): Promise<number> {
  const row = await db
    .selectFrom('board_meeting_items')
    .select((eb) => eb.fn.max('position').as('m'))
    .where('meeting_id', '=', meetingId)
    .executeTakeFirst();
  return Number(row?.m ?? 0) + 1;
}
