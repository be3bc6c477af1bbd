import type { Locale } from '../../web/i18n/index.js';

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

/** « 1,2 Mo » / « 340 ko ». */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toLocaleString('fr-BE', { maximumFractionDigits: 1 })} Mo`;
  return `${Math.max(1, Math.round(bytes / 1024))} ko`;
}

/** « PDF » from « application/pdf ». */
export function kindOfMime(mime: string): string {
  if (mime === 'application/pdf') return 'PDF';
  if (mime.startsWith('image/')) return mime.slice(6).toUpperCase();
  return 'Document';
}
