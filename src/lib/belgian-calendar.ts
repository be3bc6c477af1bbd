/**
 * Belgian calendar arithmetic on plain dates (YYYY-MM-DD, no time zone):
 * Easter, the ten legal public holidays (loi du 4 janvier 1974 relative aux
 * jours fériés, art. 1er; arrêté royal du 18 avril 1974, art. 1er), weekdays.
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

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(isoDate: string): number {
  const day = new Date(`${isoDate}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/** The Monday of the (Monday–Sunday) week holding that date. */
export function mondayOf(isoDate: string): string {
  return addDays(isoDate, 1 - isoWeekday(isoDate));
}

/**
 * The ten legal public holidays, plus 27 September: the Fédération
 * Wallonie-Bruxelles' day, not a legal holiday but a day off for its schools
 * and administrations (the committee's volunteers are mostly among them).
 */
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

/** The holiday's name, or undefined on an ordinary day. */
export function publicHolidayOn(isoDate: string): string | undefined {
  return belgianPublicHolidays(Number(isoDate.slice(0, 4))).get(isoDate);
}
