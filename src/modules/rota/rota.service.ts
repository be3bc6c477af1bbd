import type { DbOrTrx } from '../../db/index.js';
import { AppError, NotFoundError } from '../../errors.js';
import { addDays } from '../../lib/belgian-calendar.js';
import { schoolClosures, schoolYear, type SchoolClosure } from '../../lib/school-calendar.js';
import { plural } from '../../lib/plural.js';
import { nowIso, todayInBrussels } from '../../lib/time.js';
import type { CurrentUser } from '../../web/access.js';
import { recordAudit } from '../audit/audit.service.js';
import { queueMail } from '../mail/mail.service.js';
import { listClosures, openingsBetween } from '../site/site.helpline.service.js';
import { loadSettings } from '../site/site.settings.service.js';
import { swapAnsweredMail, swapProposedMail, type RotaMailContext } from './rota.mail.js';
import { findShift, type Shift } from './rota.queries.js';

/**
 * The helpline rota: shifts generated from the helpline's slots (settings)
 * for a school year, skipping Belgian public holidays, the FWB school
 * holidays and the board's own closures (site.helpline.service.ts); board members
 * take a shift, give it back, or swap it with a colleague who accepts.
 */

/** « 1 permanence ajoutée », « 37 permanences ajoutées » (flash message and journal). */
export const ADDED_SHIFTS = { one: 'permanence ajoutée', other: 'permanences ajoutées' } as const;

export interface GeneratedRota {
  created: number;
  /** The school year's holidays, each saying whether its dates are verified. */
  closures: SchoolClosure[];
}

/** Creates the missing shifts of the school year starting in `startYear`, from today on. */
export async function generateShifts(
  db: DbOrTrx,
  startYear: number,
  actor: CurrentUser,
  now: Date,
): Promise<GeneratedRota> {
  const year = schoolYear(startYear);
  const today = todayInBrussels(now);
  const from = year.startsOn > today ? year.startsOn : today;
  const to = addDays(year.summerFrom, -1);
  const settings = await loadSettings(db);
  const openings = openingsBetween(from, to, settings.helplineSlots, await listClosures(db, from));
  return db.transaction().execute(async (trx) => {
    const existing = new Set(
      (
        await trx
          .selectFrom('helpline_shifts')
          .select(['held_on', 'starts_at'])
          .where('held_on', '>=', from)
          .where('held_on', '<=', to)
          .execute()
      ).map((s) => `${s.held_on} ${s.starts_at}`),
    );
    const rows = openings
      .filter((o) => !existing.has(`${o.date} ${o.start}`))
      .map((o) => ({ held_on: o.date, starts_at: o.start, ends_at: o.end, user_id: null, created_at: nowIso(now) }));
    if (rows.length) await trx.insertInto('helpline_shifts').values(rows).execute();
    await recordAudit(
      trx,
      {
        actorId: actor.id,
        action: 'rota.update',
        entityType: 'rota',
        summary: plural(rows.length, ADDED_SHIFTS),
      },
      now,
    );
    return { created: rows.length, closures: schoolClosures(year) };
  });
}

async function futureShift(db: DbOrTrx, id: number, now: Date): Promise<Shift> {
  const shift = await findShift(db, id);
  if (!shift) throw new NotFoundError();
  if (shift.heldOn < todayInBrussels(now))
    throw new AppError('SHIFT_PAST', 'Cette permanence est passée : elle ne peut plus changer.');
  return shift;
}

/** A board member takes a shift nobody holds. */
export async function takeShift(db: DbOrTrx, id: number, user: CurrentUser, now: Date): Promise<void> {
  await futureShift(db, id, now);
  const taken = await db
    .updateTable('helpline_shifts')
    .set({ user_id: user.id, reminder_sent_at: null })
    .where('id', '=', id)
    .where('user_id', 'is', null)
    .executeTakeFirst();
  if (Number(taken.numUpdatedRows) === 0) throw new AppError('SHIFT_TAKEN', 'Quelqu’un a déjà pris cette permanence.');
}

/** A board member gives their shift back: it is open again, and the board is alerted anew if it stays empty. */
export async function giveBackShift(db: DbOrTrx, id: number, user: CurrentUser, now: Date): Promise<void> {
  await futureShift(db, id, now);
  await db.transaction().execute(async (trx) => {
    const given = await trx
      .updateTable('helpline_shifts')
      .set({ user_id: null, reminder_sent_at: null, alert_sent_at: null })
      .where('id', '=', id)
      .where('user_id', '=', user.id)
      .executeTakeFirst();
    if (Number(given.numUpdatedRows) === 0)
      throw new AppError('SHIFT_NOT_YOURS', 'Cette permanence n’est pas (ou plus) la vôtre.');
    await trx
      .updateTable('helpline_shift_swaps')
      .set({ status: 'cancelled', decided_at: nowIso(now) })
      .where('status', '=', 'pending')
      .where((eb) => eb.or([eb('from_shift_id', '=', id), eb('to_shift_id', '=', id)]))
      .execute();
  });
}

/** Proposes to swap the user's shift with a colleague's; the colleague is asked by e-mail. */
export async function proposeSwap(
  db: DbOrTrx,
  fromId: number,
  toId: number,
  user: CurrentUser,
  mail: RotaMailContext,
  now: Date,
): Promise<number> {
  const mine = await futureShift(db, fromId, now);
  const theirs = await futureShift(db, toId, now);
  if (mine.userId !== user.id) throw new AppError('SHIFT_NOT_YOURS', 'Cette permanence n’est pas (ou plus) la vôtre.');
  if (theirs.userId === null || theirs.userId === user.id || !theirs.email)
    throw new AppError('SWAP_INVALID', 'Choisissez une permanence tenue par un·e autre membre du bureau.');
  const asked = { id: theirs.userId, email: theirs.email };
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('helpline_shift_swaps')
      .values({
        from_shift_id: mine.id,
        to_shift_id: theirs.id,
        requested_by: user.id,
        asked_user_id: asked.id,
        status: 'pending',
        created_at: nowIso(now),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await queueMail(trx, { to: asked.email, ...swapProposedMail(mail, id, user.displayName, mine, theirs) }, now);
    return id;
  });
}

export interface SwapView {
  id: number;
  status: string;
  askedUserId: number;
  requestedBy: number;
  mine: Shift;
  theirs: Shift;
}

export async function loadSwap(db: DbOrTrx, id: number): Promise<SwapView> {
  const row = await db.selectFrom('helpline_shift_swaps').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError();
  const [mine, theirs] = await Promise.all([findShift(db, row.from_shift_id), findShift(db, row.to_shift_id)]);
  if (!mine || !theirs) throw new NotFoundError();
  return { id, status: row.status, askedUserId: row.asked_user_id, requestedBy: row.requested_by, mine, theirs };
}

/** The asked colleague accepts (the two shifts change hands) or declines; the requester is told by e-mail. */
export async function answerSwap(
  db: DbOrTrx,
  id: number,
  accept: boolean,
  user: CurrentUser,
  mail: RotaMailContext,
  now: Date,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const swap = await loadSwap(trx, id);
    if (swap.askedUserId !== user.id) throw new NotFoundError();
    if (swap.status !== 'pending')
      throw new AppError('SWAP_DONE', 'Cette demande d’échange a déjà reçu une réponse ou a été annulée.');
    if (accept) {
      const today = todayInBrussels(now);
      const stillValid =
        swap.mine.userId === swap.requestedBy &&
        swap.theirs.userId === user.id &&
        swap.mine.heldOn >= today &&
        swap.theirs.heldOn >= today;
      if (!stillValid)
        throw new AppError(
          'SWAP_STALE',
          'Une des deux permanences a changé depuis la demande : l’échange est impossible.',
        );
      await trx
        .updateTable('helpline_shifts')
        .set({ user_id: user.id, reminder_sent_at: null })
        .where('id', '=', swap.mine.id)
        .execute();
      await trx
        .updateTable('helpline_shifts')
        .set({ user_id: swap.requestedBy, reminder_sent_at: null })
        .where('id', '=', swap.theirs.id)
        .execute();
    }
    await trx
      .updateTable('helpline_shift_swaps')
      .set({ status: accept ? 'accepted' : 'declined', decided_at: nowIso(now) })
      .where('id', '=', id)
      .execute();
    if (swap.mine.email)
      await queueMail(
        trx,
        { to: swap.mine.email, ...swapAnsweredMail(mail, accept, user.displayName, swap.mine, swap.theirs) },
        now,
      );
    await recordAudit(
      trx,
      {
        actorId: user.id,
        action: 'rota.update',
        entityType: 'rota',
        entityId: id,
        summary: accept ? 'échange accepté' : 'échange refusé',
      },
      now,
    );
  });
}
