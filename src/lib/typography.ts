/**
 * French typesetting (Belgian usage), one set of rules for every place a text
 * is printed: web pages, the activity report (page, Markdown, PDF, DOCX), mails.
 *
 * - one apostrophe style: the typographic ’ (never ' between two letters);
 * - a no-break space (U+00A0) inside « » and before « : », a narrow no-break
 *   space (U+202F) before « ; ? ! » (the sign never starts a line; Imprimerie
 *   nationale usage, written down in docs/typography.md);
 * - a narrow no-break space (U+202F) between thousands: « 147 263 »;
 * - dates written out, « 1er mars 2020 »; months « mars 2017 ».
 *
 * Plain text in, plain text out: escape for HTML (or Markdown) after, as usual.
 */
export const NBSP = '\u00a0';
export const NNBSP = '\u202f';

const APOSTROPHE = /(\p{L})['\u2032`´](?=\p{L})/gu;
const OPEN_QUOTE = /«[ \t\u00a0\u202f]*/g;
const CLOSE_QUOTE = /[ \t\u00a0\u202f]*»/g;
/** A space before a high sign: « Quoi ? », « Note : » (none is added where there was none: « 14:00 », « a?b »). */
const BEFORE_COLON = /[ \t\u00a0\u202f]+:(?=[\s)»\].,;:!?]|$)/gu;
const BEFORE_SIGN = /[ \t\u00a0\u202f]+([;!?])(?=[\s)»\].,;:!?]|$)/gu;

/** Applies the French rules to a plain text (idempotent). */
export function frenchTypography(text: string): string {
  return text
    .replace(APOSTROPHE, '$1’')
    .replace(OPEN_QUOTE, `«${NBSP}`)
    .replace(CLOSE_QUOTE, `${NBSP}»`)
    .replace(BEFORE_COLON, `${NBSP}:`)
    .replace(BEFORE_SIGN, `${NNBSP}$1`);
}

const NUMBER = new Intl.NumberFormat('fr-BE', { maximumFractionDigits: 1 });

/** « 2 000 », « 147 263 », « 1,5 » — thousands separated by a narrow no-break space. */
export function formatNumberFr(value: number): string {
  return NUMBER.format(value).replace(/[\u00a0\u202f ]/g, NNBSP);
}

/**
 * A span of years as printed: « 2019–2020 » (an en dash, French usage), and
 * one year alone « 2019 » (never « 2 019 »). The one formatter of periods:
 * the hyphenated « 2019-2020 » is only an address or a file name.
 */
export function formatYears(first: number, last: number = first): string {
  return first === last ? String(first) : `${first}–${last}`;
}

/** « +17 », « −3 » (a real minus sign), « 0 »; « — » when unknown. */
export function formatChangeFr(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  if (value === 0) return '0';
  return value > 0 ? `+${formatNumberFr(value)}` : `−${formatNumberFr(-value)}`;
}

const DATE_LONG = new Intl.DateTimeFormat('fr-BE', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/Brussels',
});

/** « 23 novembre 2026 », « 1er mars 2020 » (from YYYY-MM-DD or an ISO instant). */
export function formatDateFr(iso: string): string {
  const date = new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso);
  if (Number.isNaN(date.getTime())) return iso;
  return DATE_LONG.format(date).replace(/^1 /, '1er ');
}

export const MONTH_NAMES = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
] as const;

/** The months abbreviated as in the charts and tables: « janv. », « févr. »… */
export const MONTH_ABBREVIATIONS = [
  'janv.',
  'févr.',
  'mars',
  'avr.',
  'mai',
  'juin',
  'juil.',
  'août',
  'sept.',
  'oct.',
  'nov.',
  'déc.',
] as const;

/** « mars » for 3; « » outside 1–12. */
export function monthNameFr(month: number): string {
  return MONTH_NAMES[month - 1] ?? '';
}

/** « mars 2017 » from YYYY-MM(-DD). */
export function formatMonthYearFr(iso: string): string {
  const m = /^(\d{4})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const name = monthNameFr(Number(m[2]));
  return name ? `${name} ${m[1]}` : iso;
}

/** A section number as the committee writes it: [2, 1] → « 2.1 », [3] → « 3. ». */
export function sectionNumber(path: readonly number[]): string {
  return path.length === 1 ? `${path[0]}.` : path.join('.');
}
