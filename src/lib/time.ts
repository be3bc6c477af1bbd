/** ISO instant, the format every timestamp column uses. */
export function nowIso(now: Date = new Date()): string {
  return now.toISOString();
}

const DAY_MS = 86_400_000;

/** The ISO instant `days` whole days (of 24 hours) after `now`, or before it when `days` is negative. */
export function isoDaysFrom(now: Date, days: number): string {
  return nowIso(new Date(now.getTime() + days * DAY_MS));
}

// Building an Intl formatter costs far more than using one: build it once.
const brusselsDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Brussels',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today's date in Belgium (Europe/Brussels), as YYYY-MM-DD. */
export function todayInBrussels(now: Date = new Date()): string {
  return brusselsDay.format(now);
}

export function isValidIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

const dayFormat = new Intl.DateTimeFormat('fr-BE', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const shortFormat = new Intl.DateTimeFormat('fr-BE', {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  timeZone: 'UTC',
});
const instantFormat = new Intl.DateTimeFormat('fr-BE', {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/Brussels',
});

/** « 23 novembre 2026 » */
export function formatDateLong(isoDate: string): string {
  return dayFormat.format(new Date(`${isoDate.slice(0, 10)}T00:00:00Z`));
}

/** « 23/11/2026 » */
export function formatDateShort(isoDate: string): string {
  return shortFormat.format(new Date(`${isoDate.slice(0, 10)}T00:00:00Z`));
}

/** « 23/11/2026 14:05 » in Brussels time. */
export function formatInstant(iso: string): string {
  return instantFormat.format(new Date(iso));
}

const brusselsClock = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Brussels',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** An instant as Brussels wall-clock time, `2026-11-27T14:05` (what a spreadsheet shows as a date and time). */
export function brusselsDateTime(iso: string): string {
  const parts = Object.fromEntries(brusselsClock.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

/** An instant's Brussels date and wall-clock time: `{ day: '2026-11-27', time: '14:05' }`. */
export function brusselsDayAndTime(now: Date): { day: string; time: string } {
  const [day = '', time = ''] = brusselsDateTime(now.toISOString()).split('T');
  return { day, time };
}
