import type { Locale } from '../../web/i18n/index.js';
import { formatHour, weekdayName } from '../../lib/locale-format.js';

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

/**
 * The helpline's weekly hours in words: « le jeudi de 13 h à 16 h »,
 * « le mardi de 9 h à 12 h et le jeudi de 13 h à 16 h »; « op donderdag van
 * 13 uur tot 16 uur »; « on Thursdays from 13:00 to 16:00 ».
 */
export function helplineSchedule(
  locale: Locale,
  slots: ReadonlyArray<{ weekday: number; start: string; end: string }>,
): string {
  const byDay = new Map<number, Array<{ start: string; end: string }>>();
  for (const s of [...slots].sort((a, b) => a.weekday - b.weekday || a.start.localeCompare(b.start)))
    byDay.set(s.weekday, [...(byDay.get(s.weekday) ?? []), s]);
  const and = { fr: ' et ', nl: ' en ', en: ' and ' }[locale];
  const join = (parts: string[]) =>
    parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')}${and}${parts.at(-1) ?? ''}`;
  const hours = (h: { start: string; end: string }) => {
    const [start, end] = [formatHour(locale, h.start), formatHour(locale, h.end)];
    if (locale === 'fr') return `de ${start} à ${end}`;
    if (locale === 'nl') return `van ${start} tot ${end}`;
    return `from ${start} to ${end}`;
  };
  const days = [...byDay.entries()].map(([weekday, list]) => {
    const name = weekdayName(locale, weekday);
    const prefix = locale === 'fr' ? `le ${name}` : locale === 'nl' ? `op ${name}` : `on ${name}s`;
    return `${prefix} ${join(list.map(hours))}`;
  });
  return join(days);
}
