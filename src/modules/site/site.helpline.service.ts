import { brusselsDayAndTime } from '../../lib/time.js';
import { z } from 'zod';
import type { DbOrTrx } from '../../db/index.js';
import { addDays, isoWeekday, publicHolidayOn } from '../../lib/belgian-calendar.js';
import { schoolClosureOn } from '../../lib/school-calendar.js';
import { dateField, parseForm, requiredText } from '../../web/validation.js';
import { recordAudit } from '../audit/audit.service.js';
import type { CurrentUser } from '../../web/access.js';
import { FieldValidationError } from '../../errors.js';
import { loadSettings, type HelplineSlot, type SiteSettings } from './site.settings.service.js';

/**
 * When the helpline is open: on its configured slots (e.g. Thursday
 * 13:00–16:00, see site.settings.service.ts), except on Belgian public holidays
 * (computed), Fédération Wallonie-Bruxelles school holidays (the published or
 * computed school calendar, src/lib/school-calendar.ts) and the closures the
 * board types (`helpline_closures`: a board retreat, an exceptional closure).
 */

export interface Closure {
  id: number;
  startsOn: string;
  endsOn: string;
  label: string;
  kind: string;
}

export async function listClosures(db: DbOrTrx, fromDay?: string): Promise<Closure[]> {
  let q = db.selectFrom('helpline_closures').selectAll();
  if (fromDay) q = q.where('ends_on', '>=', fromDay);
  const rows = await q.orderBy('starts_on').orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, startsOn: r.starts_on, endsOn: r.ends_on, label: r.label, kind: r.kind }));
}

/** One helpline opening: a date and the slot's hours. */
export interface HelplineOpening {
  date: string;
  start: string;
  end: string;
}

/** Why the helpline is closed that day, or undefined when it is open. */
function closureReason(date: string, closures: readonly Closure[]): string | undefined {
  const holiday = publicHolidayOn(date);
  if (holiday) return holiday;
  const school = schoolClosureOn(date);
  if (school) return school.verified ? school.label : `${school.label} (à vérifier)`;
  return closures.find((c) => c.startsOn <= date && date <= c.endsOn)?.label;
}

/** Every opening from `from` to `to` (both included), in date and hour order. */
export function openingsBetween(
  from: string,
  to: string,
  slots: readonly HelplineSlot[],
  closures: readonly Closure[],
): HelplineOpening[] {
  const out: HelplineOpening[] = [];
  if (slots.length === 0) return out;
  const sorted = [...slots].sort((a, b) => a.weekday - b.weekday || a.start.localeCompare(b.start));
  for (let date = from; date <= to; date = addDays(date, 1)) {
    const todays = sorted.filter((s) => s.weekday === isoWeekday(date));
    if (todays.length === 0 || closureReason(date, closures)) continue;
    for (const s of todays) out.push({ date, start: s.start, end: s.end });
  }
  return out;
}

/**
 * The next opening: today's if its slot has not ended yet (Brussels time),
 * else the first one after. Looks one year ahead at most.
 */
export async function nextHelplineOpening(
  db: DbOrTrx,
  slots: readonly HelplineSlot[],
  now: Date = new Date(),
): Promise<HelplineOpening | null> {
  const { day, time } = brusselsDayAndTime(now);
  const closures = await listClosures(db, day);
  // A month at a time: the answer is nearly always in the first one.
  for (let from = day; from <= addDays(day, 370); from = addDays(from, 31)) {
    const found = openingsBetween(from, addDays(from, 30), slots, closures).find((o) => o.date > day || o.end > time);
    if (found) return found;
  }
  return null;
}

const closureSchema = z.object({
  startsOn: dateField('Début'),
  endsOn: dateField('Fin'),
  label: requiredText('Intitulé', 120),
});

export async function addClosure(db: DbOrTrx, body: unknown, actor: CurrentUser | null): Promise<void> {
  const parsed = parseForm(closureSchema, body);
  if (!parsed.ok) throw new FieldValidationError(parsed.errors);
  const { startsOn, endsOn, label } = parsed.data;
  if (endsOn < startsOn) throw new FieldValidationError({ endsOn: 'Fin : elle précède le début.' });
  await db
    .insertInto('helpline_closures')
    .values({ starts_on: startsOn, ends_on: endsOn, label, kind: 'other' })
    .execute();
  await recordAudit(db, {
    actorId: actor?.id ?? null,
    action: 'site.settings',
    entityType: 'site',
    summary: `fermeture de la permanence ajoutée (${startsOn} → ${endsOn})`,
  });
}

export async function deleteClosure(db: DbOrTrx, id: number, actor: CurrentUser | null): Promise<boolean> {
  const res = await db.deleteFrom('helpline_closures').where('id', '=', id).executeTakeFirst();
  const ok = Number(res.numDeletedRows) > 0;
  if (ok)
    await recordAudit(db, {
      actorId: actor?.id ?? null,
      action: 'site.settings',
      entityType: 'site',
      summary: `fermeture de la permanence supprimée (${id})`,
    });
  return ok;
}

export interface HelplineInfo {
  next: HelplineOpening | null;
  settings: SiteSettings;
}

/** The helpline's settings and its next opening: what every page showing the helpline needs. */
export async function helplineInfo(db: DbOrTrx, now = new Date()): Promise<HelplineInfo> {
  const settings = await loadSettings(db);
  return { next: await nextHelplineOpening(db, settings.helplineSlots, now), settings };
}
