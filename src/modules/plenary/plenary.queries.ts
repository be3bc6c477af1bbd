import { addDays } from '../../lib/belgian-calendar.js';
import type { DbOrTrx } from '../../db/index.js';

export function assemblyRows(db: DbOrTrx) {
  return db.selectFrom('plenary_assemblies').selectAll().orderBy('held_on', 'desc').orderBy('id', 'desc').execute();
}

export function assemblyRow(db: DbOrTrx, id: number) {
  return db.selectFrom('plenary_assemblies').selectAll().where('id', '=', id).executeTakeFirst();
}

export type AssemblyRow = NonNullable<Awaited<ReturnType<typeof assemblyRow>>>;

/**
 * The assemblies not cancelled between two days (both included), in date order; with `publicOnly`,
 * only those the board marked public. The one source of the public agenda (page and feed) and of
 * the board members' private feeds.
 */
export function assembliesBetween(db: DbOrTrx, from: string, to: string, publicOnly: boolean) {
  let q = db
    .selectFrom('plenary_assemblies')
    .select(['id', 'title', 'held_on', 'starts_at', 'ends_at', 'place'])
    .where('cancelled_at', 'is', null)
    .where('held_on', '>=', from)
    .where('held_on', '<=', to);
  if (publicOnly) q = q.where('is_public', '=', 1);
  return q.orderBy('held_on').orderBy('starts_at').orderBy('id').execute();
}

export type AgendaAssembly = Awaited<ReturnType<typeof assembliesBetween>>[number];

/** The public agenda's assemblies: those marked public, from a year before `today` on (page and feed). */
export function publicAgendaAssemblies(db: DbOrTrx, today: string) {
  return assembliesBetween(db, addDays(today, -366), '9999-12-31', true);
}

export function agendaRows(db: DbOrTrx, assemblyId: number) {
  return db
    .selectFrom('plenary_agenda_items')
    .selectAll()
    .where('assembly_id', '=', assemblyId)
    .orderBy('position')
    .orderBy('id')
    .execute();
}

export async function nextPosition(db: DbOrTrx, assemblyId: number): Promise<number> {
  const row = await db
    .selectFrom('plenary_agenda_items')
    .select((eb) => eb.fn.max('position').as('m'))
    .where('assembly_id', '=', assemblyId)
    .executeTakeFirst();
  return Number(row?.m ?? 0) + 1;
}

/** Members of the plenary on a day (joined by then or date unknown, not left before), with what was recorded. */
export function attendanceRows(db: DbOrTrx, assemblyId: number, heldOn: string) {
  return db
    .selectFrom('members as m')
    .leftJoin('plenary_attendance as a', (join) =>
      join.onRef('a.member_id', '=', 'm.id').on('a.assembly_id', '=', assemblyId),
    )
    .select(['m.id', 'm.kind', 'm.name', 'a.presence', 'a.representative'])
    .where((eb) =>
      eb.or([
        eb('a.presence', 'is not', null),
        eb.and([
          eb.or([eb('m.joined_on', 'is', null), eb('m.joined_on', '<=', heldOn)]),
          eb.or([eb('m.left_on', 'is', null), eb('m.left_on', '>=', heldOn)]),
        ]),
      ]),
    )
    .orderBy('m.kind', 'desc')
    .orderBy('m.name')
    .execute();
}

/** Who the convocation goes to: current members with an address who accepted the plenary's mailings. */
export function convocationRecipients(db: DbOrTrx, heldOn: string) {
  return db
    .selectFrom('members')
    .select(['id', 'name', 'contact_email'])
    .where('mail_consent', '=', 1)
    .where('contact_email', '!=', '')
    .where((eb) => eb.or([eb('left_on', 'is', null), eb('left_on', '>=', heldOn)]))
    .orderBy('id')
    .execute();
}

export async function countCurrentMembers(db: DbOrTrx, heldOn: string): Promise<number> {
  const row = await db
    .selectFrom('members')
    .select((eb) => eb.fn.countAll().as('n'))
    .where((eb) => eb.or([eb('left_on', 'is', null), eb('left_on', '>=', heldOn)]))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function countConvened(db: DbOrTrx, assemblyId: number): Promise<number> {
  const row = await db
    .selectFrom('plenary_convocations')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('assembly_id', '=', assemblyId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
