import { z } from 'zod';
import type { DbOrTrx } from '../../db/index.js';
import { isValidIsoDate } from '../../lib/time.js';
import { parseForm, requiredText, str } from '../../web/validation.js';
import { recordAudit } from '../audit/audit.service.js';
import type { CurrentUser } from '../../web/access.js';
import { FieldValidationError } from '../../errors.js';

/**
 * The helpline runs every Thursday afternoon, except during closures (school
 * holidays of the Fédération Wallonie-Bruxelles, typed or seeded in
 * `helpline_closures`) and on Belgian public holidays (computed here, so they
 * are right for any year even if nobody typed them).
 */

/** Easter Sunday (Gregorian, anonymous algorithm), as YYYY-MM-DD. */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Belgian legal public holidays, plus 27 September (Fédération Wallonie-Bruxelles: schools closed). */
export function belgianPublicHolidays(year: number): Map<string, string> {
  const easter = easterSunday(year);
  return new Map([
    [`${year}-01-01`, 'Jour de l’an'],
    [addDays(easter, 1), 'Lundi de Pâques'],
    [`${year}-05-01`, 'Fête du travail'],
    [addDays(easter, 39), 'Ascension'],
    [addDays(easter, 50), 'Lundi de Pentecôte'],
    [`${year}-07-21`, 'Fête nationale'],
    [`${year}-08-15`, 'Assomption'],
    [`${year}-09-27`, 'Fête de la Fédération Wallonie-Bruxelles'],
    [`${year}-11-01`, 'Toussaint'],
    [`${year}-11-11`, 'Armistice'],
    [`${year}-12-25`, 'Noël'],
  ]);
}

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

/** Brussels local date and "HH:MM" of an instant. */
const brusselsClock = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Brussels',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function brusselsNow(now: Date): { day: string; time: string } {
  const parts = brusselsClock.formatToParts(now);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '00';
  return { day: `${get('year')}-${get('month')}-${get('day')}`, time: `${get('hour')}:${get('minute')}` };
}

/**
 * The next Thursday on which the helpline is open: today if it is Thursday
 * and the shift has not ended yet (Brussels time), else the next Thursday not
 * in a closure and not a public holiday. Looks one year ahead at most.
 */
export async function nextHelplineDate(db: DbOrTrx, now: Date = new Date(), endTime = '16:00'): Promise<string | null> {
  const { day, time } = brusselsNow(now);
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  let candidate = addDays(day, (4 - weekday + 7) % 7);
  if (candidate === day && time >= endTime) candidate = addDays(candidate, 7);
  const closures = await listClosures(db, candidate);
  for (let i = 0; i < 53; i++, candidate = addDays(candidate, 7)) {
    const holidays = belgianPublicHolidays(Number(candidate.slice(0, 4)));
    if (holidays.has(candidate)) continue;
    if (closures.some((c) => c.startsOn <= candidate && candidate <= c.endsOn)) continue;
    return candidate;
  }
  return null;
}

const closureSchema = z.object({
  startsOn: z.preprocess(
    (v) => str(v).trim(),
    z.string().refine(isValidIsoDate, 'Début : indiquez une date (AAAA-MM-JJ).'),
  ),
  endsOn: z.preprocess(
    (v) => str(v).trim(),
    z.string().refine(isValidIsoDate, 'Fin : indiquez une date (AAAA-MM-JJ).'),
  ),
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
