import type { Db, DbOrTrx } from '../../db/index.js';
import { AppError } from '../../errors.js';
import { formatDateLong, nowIso, todayInBrussels } from '../../lib/time.js';
import type { CurrentUser } from '../../web/access.js';
import { recordAudit } from '../audit/audit.service.js';
import type { MinutesDoc } from '../meetings/meetings.snapshot.js';
import { whenAndWhere } from './plenary.mail.js';
import {
  assemblyTitle,
  attendanceOf,
  editableAssembly,
  loadAssembly,
  type AssemblyDetail,
  type AttendanceLine,
} from './plenary.service.js';

/**
 * The assembly's minutes in the board meetings' shape (MinutesDoc), so the
 * same page, PDF and DOCX renderers print them. Built from the records while a
 * draft; copied into the assembly when approved and printed from that copy.
 */
function buildMinutes(
  a: AssemblyDetail,
  attendance: AttendanceLine[],
  organisation: string,
  status: string,
): MinutesDoc {
  const { when, where } = whenAndWhere(a);
  const name = (l: AttendanceLine) =>
    l.kind === 'organisation' && l.representative ? `${l.name} (représentée par ${l.representative})` : l.name;
  return {
    title: `Procès-verbal — ${assemblyTitle(a).replace('Assemblée', 'assemblée')}`,
    organisation,
    when,
    where: [a.title ? `Thème : ${a.title}` : '', ...where].filter(Boolean),
    present: attendance.filter((l) => l.presence === 'present').map(name),
    excused: attendance.filter((l) => l.presence === 'excused').map(name),
    items: a.items.map((i, n) => ({ number: n + 1, title: i.title, notes: i.notes, decisions: [] })),
    notes: a.notes,
    status,
  };
}

export async function assemblyMinutes(db: DbOrTrx, id: number, organisation: string): Promise<MinutesDoc> {
  const a = await loadAssembly(db, id);
  if (a.snapshot) return a.snapshot;
  return buildMinutes(a, await attendanceOf(db, a), organisation, 'Projet : à approuver par le bureau.');
}

/** The board approves the minutes once the assembly has taken place: they are copied and frozen. */
export async function approveAssemblyMinutes(
  db: Db,
  id: number,
  actor: CurrentUser,
  organisation: string,
  now: Date,
): Promise<void> {
  const assembly = await editableAssembly(db, id);
  if (assembly.cancelled || assembly.heldOn > todayInBrussels(now))
    throw new AppError('ASSEMBLY_NOT_HELD', 'Le procès-verbal s’approuve une fois l’assemblée tenue.');
  const detail = await loadAssembly(db, id);
  const status = `Approuvé par le bureau, enregistré par ${actor.displayName} le ${formatDateLong(nowIso(now))}.`;
  const doc = buildMinutes(detail, await attendanceOf(db, detail), organisation, status);
  await db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('plenary_assemblies')
      .set({
        approved_at: nowIso(now),
        approved_by: actor.id,
        minutes_snapshot: JSON.stringify(doc),
        updated_at: nowIso(now),
      })
      .where('id', '=', id)
      .where('approved_at', 'is', null)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1)
      throw new AppError('MINUTES_APPROVED', 'Ce procès-verbal vient d’être approuvé.');
    await recordAudit(
      trx,
      { actorId: actor.id, action: 'assembly.minutes_approve', entityType: 'assembly', entityId: id },
      now,
    );
  });
}
