import { z } from 'zod';
import type { Db, DbOrTrx } from '../../db/index.js';
import { FieldValidationError, NotFoundError } from '../../errors.js';
import { nowIso } from '../../lib/time.js';
import type { CurrentUser } from '../../web/access.js';
import { dateField, optionalHourField, parseForm, requiredText, text } from '../../web/validation.js';
import { recordAudit } from '../audit/audit.service.js';
import { activeBoardMembers } from '../auth/auth.board.service.js';

/**
 * Working groups (« groupes de travail ») born of the plenary, e.g.
 * « résistances »: a name, a purpose, members who are board accounts or
 * plenary members, and their meetings with notes.
 */
export interface Group {
  id: number;
  name: string;
  purpose: string;
}

export interface GroupDetail extends Group {
  members: Array<{ id: number; name: string; board: boolean }>;
  meetings: Array<{ id: number; heldOn: string; startsAt: string | null; place: string; notes: string }>;
}

const groupSchema = z.object({ name: requiredText('Nom du groupe', 200), purpose: text('Objet', 2_000) });
const meetingSchema = z.object({
  heldOn: dateField('Date'),
  startsAt: optionalHourField('Heure'),
  place: text('Lieu', 300),
  notes: text('Notes', 20_000),
});

function parse<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const parsed = parseForm(schema, body);
  if (!parsed.ok) throw new FieldValidationError(parsed.errors);
  return parsed.data;
}

export async function listGroups(db: DbOrTrx): Promise<Array<Group & { members: number }>> {
  const rows = await db
    .selectFrom('working_groups as g')
    .leftJoin('working_group_members as gm', 'gm.group_id', 'g.id')
    .select(['g.id', 'g.name', 'g.purpose', (eb) => eb.fn.count<number>('gm.id').as('members')])
    .groupBy(['g.id', 'g.name', 'g.purpose'])
    .orderBy('g.name')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, purpose: r.purpose, members: Number(r.members) }));
}

export async function loadGroup(db: DbOrTrx, id: number): Promise<GroupDetail> {
  const group = await db.selectFrom('working_groups').selectAll().where('id', '=', id).executeTakeFirst();
  if (!group) throw new NotFoundError('Ce groupe de travail n’existe pas.');
  const [members, meetings] = await Promise.all([
    db
      .selectFrom('working_group_members as gm')
      .leftJoin('users as u', 'u.id', 'gm.user_id')
      .leftJoin('members as m', 'm.id', 'gm.member_id')
      .select(['gm.id', 'gm.user_id', 'u.display_name', 'm.name'])
      .where('gm.group_id', '=', id)
      .orderBy('gm.id')
      .execute(),
    db.selectFrom('working_group_meetings').selectAll().where('group_id', '=', id).orderBy('held_on', 'desc').execute(),
  ]);
  return {
    id: group.id,
    name: group.name,
    purpose: group.purpose,
    members: members
      .map((r) => ({ id: r.id, name: r.display_name ?? r.name ?? '', board: r.user_id !== null }))
      .sort((a, b) => a.name.localeCompare(b.name, 'fr')),
    meetings: meetings.map((r) => ({
      id: r.id,
      heldOn: r.held_on,
      startsAt: r.starts_at,
      place: r.place,
      notes: r.notes,
    })),
  };
}

async function audited(
  db: Db,
  actor: CurrentUser,
  id: number,
  summary: string,
  now: Date,
  run: (trx: DbOrTrx) => Promise<void>,
) {
  await db.transaction().execute(async (trx) => {
    await run(trx);
    await recordAudit(
      trx,
      { actorId: actor.id, action: 'group.update', entityType: 'group', entityId: id, summary },
      now,
    );
  });
}

export async function createGroup(db: Db, body: unknown, actor: CurrentUser, now: Date): Promise<number> {
  const v = parse(groupSchema, body);
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('working_groups')
      .values({
        name: v.name,
        purpose: v.purpose,
        created_by: actor.id,
        created_at: nowIso(now),
        updated_at: nowIso(now),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { actorId: actor.id, action: 'group.create', entityType: 'group', entityId: id }, now);
    return id;
  });
}

export async function updateGroup(db: Db, id: number, body: unknown, actor: CurrentUser, now: Date): Promise<void> {
  await loadGroup(db, id);
  const v = parse(groupSchema, body);
  await audited(db, actor, id, 'nom et objet', now, async (trx) => {
    await trx
      .updateTable('working_groups')
      .set({ name: v.name, purpose: v.purpose, updated_at: nowIso(now) })
      .where('id', '=', id)
      .execute();
  });
}

/** `who` is `u<id>` (a board account) or `m<id>` (a plenary member); someone already in the group is left as is. */
export async function addGroupMember(db: Db, id: number, who: string, actor: CurrentUser, now: Date): Promise<boolean> {
  const group = await loadGroup(db, id);
  const match = /^([um])(\d{1,9})$/.exec(who);
  if (!match) throw new FieldValidationError({ who: 'Membre : choisissez une personne ou une organisation.' });
  const ref = Number(match[2]);
  const exists =
    match[1] === 'u'
      ? (await activeBoardMembers(db)).some((u) => u.id === ref)
      : (await db.selectFrom('members').select('id').where('id', '=', ref).executeTakeFirst()) !== undefined;
  if (!exists) throw new FieldValidationError({ who: 'Membre : cette personne n’existe pas (ou plus).' });
  const column = match[1] === 'u' ? 'user_id' : 'member_id';
  const already = await db
    .selectFrom('working_group_members')
    .select('id')
    .where('group_id', '=', group.id)
    .where(column, '=', ref)
    .executeTakeFirst();
  if (already) return false;
  await audited(db, actor, id, 'membres', now, async (trx) => {
    await trx
      .insertInto('working_group_members')
      .values({
        group_id: id,
        user_id: column === 'user_id' ? ref : null,
        member_id: column === 'member_id' ? ref : null,
        created_at: nowIso(now),
      })
      .execute();
  });
  return true;
}

export async function removeGroupMember(
  db: Db,
  id: number,
  rowId: number,
  actor: CurrentUser,
  now: Date,
): Promise<void> {
  await audited(db, actor, id, 'membres', now, async (trx) => {
    await trx.deleteFrom('working_group_members').where('group_id', '=', id).where('id', '=', rowId).execute();
  });
}

export async function addGroupMeeting(db: Db, id: number, body: unknown, actor: CurrentUser, now: Date): Promise<void> {
  await loadGroup(db, id);
  const v = parse(meetingSchema, body);
  await audited(db, actor, id, 'réunion', now, async (trx) => {
    await trx
      .insertInto('working_group_meetings')
      .values({
        group_id: id,
        held_on: v.heldOn,
        starts_at: v.startsAt || null,
        place: v.place,
        notes: v.notes,
        created_at: nowIso(now),
        updated_at: nowIso(now),
      })
      .execute();
  });
}

export async function updateGroupMeeting(
  db: Db,
  id: number,
  meetingId: number,
  body: unknown,
  actor: CurrentUser,
  now: Date,
): Promise<void> {
  const v = parse(meetingSchema, body);
  const found = await db
    .selectFrom('working_group_meetings')
    .select('id')
    .where('group_id', '=', id)
    .where('id', '=', meetingId)
    .executeTakeFirst();
  if (!found) throw new NotFoundError('Cette réunion du groupe n’existe pas.');
  await audited(db, actor, id, 'réunion', now, async (trx) => {
    await trx
      .updateTable('working_group_meetings')
      .set({
        held_on: v.heldOn,
        starts_at: v.startsAt || null,
        place: v.place,
        notes: v.notes,
        updated_at: nowIso(now),
      })
      .where('id', '=', meetingId)
      .execute();
  });
}

/** Who can be added: active board accounts and current plenary members, as `u<id>` / `m<id>` options. */
export async function candidates(db: DbOrTrx, today: string) {
  const [users, members] = await Promise.all([
    activeBoardMembers(db),
    db
      .selectFrom('members')
      .select(['id', 'name'])
      .where((eb) => eb.or([eb('left_on', 'is', null), eb('left_on', '>=', today)]))
      .orderBy('name')
      .execute(),
  ]);
  return {
    board: users.map((u) => ({ value: `u${u.id}`, label: u.name })),
    plenary: members.map((m) => ({ value: `m${m.id}`, label: m.name })),
  };
}
