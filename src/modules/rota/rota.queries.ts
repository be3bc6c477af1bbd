import type { DbOrTrx } from '../../db/index.js';

export interface Shift {
  id: number;
  heldOn: string;
  startsAt: string;
  endsAt: string;
  userId: number | null;
  /** The holder's name and address (null when nobody holds it). */
  name: string | null;
  email: string | null;
}

function shifts(db: DbOrTrx) {
  return db
    .selectFrom('helpline_shifts as s')
    .leftJoin('users as u', 'u.id', 's.user_id')
    .select(['s.id', 's.held_on', 's.starts_at', 's.ends_at', 's.user_id', 'u.display_name', 'u.email']);
}

type ShiftRow = {
  id: number;
  held_on: string;
  starts_at: string;
  ends_at: string;
  user_id: number | null;
  display_name: string | null;
  email: string | null;
};

const toShift = (r: ShiftRow): Shift => ({
  id: r.id,
  heldOn: r.held_on,
  startsAt: r.starts_at,
  endsAt: r.ends_at,
  userId: r.user_id,
  name: r.display_name,
  email: r.email,
});

export async function findShift(db: DbOrTrx, id: number): Promise<Shift | undefined> {
  const row = await shifts(db).where('s.id', '=', id).executeTakeFirst();
  return row ? toShift(row) : undefined;
}

/** Shifts from `from` to `to` (both included), in date and hour order. */
export async function listShifts(db: DbOrTrx, from: string, to: string): Promise<Shift[]> {
  const rows = await shifts(db)
    .where('s.held_on', '>=', from)
    .where('s.held_on', '<=', to)
    .orderBy('s.held_on')
    .orderBy('s.starts_at')
    .execute();
  return rows.map(toShift);
}

/**
 * Calls logged during each shift: requests received through the helpline on
 * the shift's day (the register notes the day, not the hour, of a call).
 */
export async function callsByDay(db: DbOrTrx, from: string, to: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('requests')
    .select(['received_on'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('channel', '=', 'helpline')
    .where('received_on', '>=', from)
    .where('received_on', '<=', to)
    .groupBy('received_on')
    .execute();
  return new Map(rows.map((r) => [r.received_on, Number(r.n)]));
}

/** The helpline calls of one shift's day, newest first: id, reference and subject are read by the requests module's pages. */
export async function callsOn(db: DbOrTrx, day: string): Promise<Array<{ id: number; reference: string }>> {
  return db
    .selectFrom('requests')
    .select(['id', 'reference'])
    .where('channel', '=', 'helpline')
    .where('received_on', '=', day)
    .orderBy('id', 'desc')
    .execute();
}
