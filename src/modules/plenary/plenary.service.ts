import type { Db, DbOrTrx } from '../../db/index.js';
import type { Presence } from '../../db/schema.js';
import { AppError, FieldValidationError, NotFoundError } from '../../errors.js';
import { formatDateLong, nowIso } from '../../lib/time.js';
import type { CurrentUser } from '../../web/access.js';
import { parseForm, str } from '../../web/validation.js';
import { recordAudit } from '../audit/audit.service.js';
import { readMinutesSnapshot, type MinutesDoc } from '../meetings/meetings.snapshot.js';
import {
  agendaRows,
  assemblyRow,
  assemblyRows,
  attendanceRows,
  nextPosition,
  type AssemblyRow,
} from './plenary.queries.js';
import { agendaItemSchema, assemblySchema, NOTES_MAX } from './plenary.schemas.js';

export interface Assembly {
  id: number;
  title: string;
  heldOn: string;
  startsAt: string | null;
  endsAt: string | null;
  place: string;
  videoUrl: string;
  isPublic: boolean;
  notes: string;
  cancelled: boolean;
  convocationSentAt: string | null;
  approvedAt: string | null;
}

export interface AgendaItem {
  id: number;
  title: string;
  notes: string;
}

export interface AssemblyDetail extends Assembly {
  items: AgendaItem[];
  snapshot: MinutesDoc | null;
}

function toAssembly(r: AssemblyRow): Assembly {
  return {
    id: r.id,
    title: r.title,
    heldOn: r.held_on,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    place: r.place,
    videoUrl: r.video_url,
    isPublic: r.is_public === 1,
    notes: r.notes,
    cancelled: r.cancelled_at !== null,
    convocationSentAt: r.convocation_sent_at,
    approvedAt: r.approved_at,
  };
}

/** « Assemblée plénière du 12 décembre 2026 ». */
export function assemblyTitle(a: Pick<Assembly, 'heldOn'>): string {
  return `Assemblée plénière du ${formatDateLong(a.heldOn)}`;
}

export async function listAssemblies(db: DbOrTrx): Promise<Assembly[]> {
  return (await assemblyRows(db)).map(toAssembly);
}

export async function findAssembly(db: DbOrTrx, id: number): Promise<Assembly> {
  const row = await assemblyRow(db, id);
  if (!row) throw new NotFoundError('Cette assemblée n’existe pas.');
  return toAssembly(row);
}

export async function loadAssembly(db: DbOrTrx, id: number): Promise<AssemblyDetail> {
  const row = await assemblyRow(db, id);
  if (!row) throw new NotFoundError('Cette assemblée n’existe pas.');
  const items = await agendaRows(db, id);
  return {
    ...toAssembly(row),
    items: items.map((i) => ({ id: i.id, title: i.title, notes: i.notes })),
    snapshot: readMinutesSnapshot(row.minutes_snapshot),
  };
}

/** Approved minutes are frozen: nothing of the assembly changes any more. */
export async function editableAssembly(db: DbOrTrx, id: number): Promise<Assembly> {
  const a = await findAssembly(db, id);
  if (a.approvedAt)
    throw new AppError(
      'MINUTES_APPROVED',
      `Le procès-verbal de cette assemblée a été approuvé le ${formatDateLong(a.approvedAt)} : il ne peut plus être modifié.`,
    );
  return a;
}

function columns(body: unknown) {
  const parsed = parseForm(assemblySchema, body);
  if (!parsed.ok) throw new FieldValidationError(parsed.errors);
  const v = parsed.data;
  return {
    title: v.title,
    held_on: v.heldOn,
    starts_at: v.startsAt || null,
    ends_at: v.endsAt || null,
    place: v.place,
    video_url: v.videoUrl,
    is_public: v.isPublic ? 1 : 0,
    cancelled: v.cancelled,
  };
}

export async function createAssembly(db: Db, body: unknown, actor: CurrentUser, now: Date): Promise<number> {
  const { cancelled: _ignored, ...values } = columns(body);
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('plenary_assemblies')
      .values({ ...values, created_by: actor.id, created_at: nowIso(now), updated_at: nowIso(now) })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { actorId: actor.id, action: 'assembly.create', entityType: 'assembly', entityId: id }, now);
    return id;
  });
}

export async function updateAssembly(db: Db, id: number, body: unknown, actor: CurrentUser, now: Date): Promise<void> {
  const before = await editableAssembly(db, id);
  const { cancelled, ...values } = columns(body);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('plenary_assemblies')
      .set({
        ...values,
        cancelled_at: cancelled ? (before.cancelled ? undefined : nowIso(now)) : null,
        updated_at: nowIso(now),
      })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, { actorId: actor.id, action: 'assembly.update', entityType: 'assembly', entityId: id }, now);
  });
}

export async function addAgendaItem(db: Db, id: number, body: unknown, actor: CurrentUser, now: Date): Promise<void> {
  await editableAssembly(db, id);
  const parsed = parseForm(agendaItemSchema, body);
  if (!parsed.ok) throw new FieldValidationError(parsed.errors);
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('plenary_agenda_items')
      .values({
        assembly_id: id,
        position: await nextPosition(trx, id),
        title: parsed.data.title,
        created_at: nowIso(now),
      })
      .execute();
    await recordAudit(
      trx,
      { actorId: actor.id, action: 'assembly.update', entityType: 'assembly', entityId: id, summary: 'ordre du jour' },
      now,
    );
  });
}

/** Moves an item one place up or down; positions are renumbered 1..n in one transaction. */
export async function moveAgendaItem(db: Db, id: number, itemId: number, direction: 'up' | 'down'): Promise<void> {
  await editableAssembly(db, id);
  const order = (await agendaRows(db, id)).map((i) => i.id);
  const at = order.indexOf(itemId);
  const to = direction === 'up' ? at - 1 : at + 1;
  if (at < 0 || to < 0 || to >= order.length) return;
  [order[at], order[to]] = [order[to] ?? itemId, itemId];
  await db.transaction().execute(async (trx) => {
    for (const [n, itemIdAt] of order.entries())
      await trx
        .updateTable('plenary_agenda_items')
        .set({ position: n + 1 })
        .where('id', '=', itemIdAt)
        .where('assembly_id', '=', id)
        .execute();
  });
}

export async function removeAgendaItem(db: Db, id: number, itemId: number): Promise<void> {
  await editableAssembly(db, id);
  await db.deleteFrom('plenary_agenda_items').where('assembly_id', '=', id).where('id', '=', itemId).execute();
}

/** The minutes' text: `notes_<itemId>` per agenda item and `notes` (other business), saved together. */
export async function saveMinutesNotes(
  db: Db,
  id: number,
  body: Record<string, unknown>,
  actor: CurrentUser,
  now: Date,
): Promise<void> {
  await editableAssembly(db, id);
  const items = await agendaRows(db, id);
  const errors: Record<string, string> = {};
  const notes = (key: string, label: string) => {
    const value = str(body[key]).trim();
    if (value.length > NOTES_MAX) errors[key] = `${label} : ${NOTES_MAX} caractères au plus.`;
    return value;
  };
  const perItem = items.map((i, n) => ({ id: i.id, notes: notes(`notes_${i.id}`, `Point ${n + 1}`) }));
  const general = notes('notes', 'Divers');
  if (Object.keys(errors).length) throw new FieldValidationError(errors);
  await db.transaction().execute(async (trx) => {
    for (const item of perItem)
      await trx.updateTable('plenary_agenda_items').set({ notes: item.notes }).where('id', '=', item.id).execute();
    await trx
      .updateTable('plenary_assemblies')
      .set({ notes: general, updated_at: nowIso(now) })
      .where('id', '=', id)
      .execute();
    await recordAudit(
      trx,
      { actorId: actor.id, action: 'assembly.update', entityType: 'assembly', entityId: id, summary: 'procès-verbal' },
      now,
    );
  });
}

export interface AttendanceLine {
  memberId: number;
  kind: string;
  name: string;
  presence: Presence | null;
  representative: string;
}

export async function attendanceOf(db: DbOrTrx, assembly: Assembly): Promise<AttendanceLine[]> {
  const rows = await attendanceRows(db, assembly.id, assembly.heldOn);
  return rows.map((r) => ({
    memberId: r.id,
    kind: r.kind,
    name: r.name,
    presence: r.presence ?? null,
    representative: r.representative ?? '',
  }));
}

/**
 * `presence_<memberId>` (present, excused or empty) and, for an organisation,
 * `representative_<memberId>`. Only the members whose field was sent change,
 * so a filtered list saves only what it shows.
 */
export async function setAttendance(
  db: Db,
  id: number,
  body: Record<string, unknown>,
  actor: CurrentUser,
  now: Date,
): Promise<number> {
  const assembly = await editableAssembly(db, id);
  const lines = await attendanceOf(db, assembly);
  const sent = lines.filter((l) => body[`presence_${l.memberId}`] !== undefined);
  const errors: Record<string, string> = {};
  const changes = sent.map((l) => {
    const value = str(body[`presence_${l.memberId}`]);
    const presence: Presence | null = value === 'present' ? 'present' : value === 'excused' ? 'excused' : null;
    const representative = l.kind === 'organisation' ? str(body[`representative_${l.memberId}`]).trim() : '';
    if (representative.length > 200)
      errors[`representative_${l.memberId}`] =
        `${l.name} : le nom de la personne qui représente fait 200 caractères au plus.`;
    return { memberId: l.memberId, presence, representative: presence === 'present' ? representative : '' };
  });
  if (Object.keys(errors).length) throw new FieldValidationError(errors);
  await db.transaction().execute(async (trx) => {
    for (const c of changes) {
      await trx
        .deleteFrom('plenary_attendance')
        .where('assembly_id', '=', id)
        .where('member_id', '=', c.memberId)
        .execute();
      if (c.presence)
        await trx
          .insertInto('plenary_attendance')
          .values({ assembly_id: id, member_id: c.memberId, presence: c.presence, representative: c.representative })
          .execute();
    }
    await recordAudit(
      trx,
      { actorId: actor.id, action: 'assembly.update', entityType: 'assembly', entityId: id, summary: 'présences' },
      now,
    );
  });
  return changes.length;
}
