import type { Locale } from './locales.js';

// Dates, hours and counts in the visitor's language: the public pages (site, Manifesto, newsletter),
// the board's pages in French. One formatter per kind, built once.
const INTL_LOCALE: Record<Locale, string> = { fr: 'fr-BE', nl: 'nl-BE', en: 'en-GB' };
const longFormats = new Map<string, Intl.DateTimeFormat>();

function format(locale: Locale, weekday: boolean): Intl.DateTimeFormat {
  const key = `${locale}:${weekday}`;
  let f = longFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(INTL_LOCALE[locale], {
      ...(weekday ? { weekday: 'long' } : {}),
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    });
    longFormats.set(key, f);
  }
  return f;
}

/** « 26 novembre 2026 », or « jeudi 26 novembre 2026 » with the weekday. */
export function formatDay(locale: Locale, isoDate: string, weekday = false): string {
  return format(locale, weekday).format(new Date(`${isoDate.slice(0, 10)}T00:00:00Z`));
}

/** « 13 h », « 13 h 30 » (fr); « 13 uur », « 13.30 uur » (nl); « 13:00 » (en). */
export function formatHour(locale: Locale, hhmm: string): string {
  const [h = '0', m = '00'] = hhmm.split(':');
  const hour = String(Number(h));
  if (locale === 'fr') return m === '00' ? `${hour} h` : `${hour} h ${m}`;
  if (locale === 'nl') return m === '00' ? `${hour} uur` : `${hour}.${m} uur`;
  return `${hour}:${m}`;
}

const weekdayNames = new Map<Locale, Intl.DateTimeFormat>();

/** « jeudi », « donderdag », « Thursday » for an ISO weekday (1 = Monday). */
export function weekdayName(locale: Locale, isoWeekday: number): string {
  let f = weekdayNames.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(INTL_LOCALE[locale], { weekday: 'long', timeZone: 'UTC' });
    weekdayNames.set(locale, f);
  }
  // 2024-01-01 was a Monday.
  return f.format(new Date(Date.UTC(2024, 0, isoWeekday)));
}

const countFormats: Record<Locale, Intl.NumberFormat> = {
  fr: new Intl.NumberFormat(INTL_LOCALE.fr),
  nl: new Intl.NumberFormat(INTL_LOCALE.nl),
  en: new Intl.NumberFormat(INTL_LOCALE.en),
};

/** « 1 234 » (fr), « 1.234 » (nl), « 1,234 » (en). */
export function formatCount(locale: Locale, value: number): string {
  return countFormats[locale].format(value);
}
