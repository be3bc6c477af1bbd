/**
 * Numbers and addresses that identify a person whatever the words around
 * them: e-mail, phone, national register number, bank account, street address.
 */
export const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
export const PHONE = /(?:\+|00)32[\s./-]*\d(?:[\s./-]*\d){7,8}\b|\b0\d(?:[\s./-]*\d){7,8}\b/g;
export const NATIONAL = /\b(\d{2})[.\s]?(\d{2})[.\s]?(\d{2})[-.\s]?(\d{3})[.\s]?(\d{2})\b/g;
/** Any country's IBAN, grouped by four or not; checked with its mod-97 key below. */
export const IBAN = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b/g;

const STREET_TYPES =
  'rue|avenue|av\\.|boulevard|bd|chaussée|chée|place|quai|impasse|allée|square|drève|chemin|route|clos|cité|rempart|galerie|passage|sentier|venelle|ruelle|parvis|esplanade|promenade|faubourg|rond-point|straat|laan|steenweg|plein|dreef|lei|kaai|markt';
/** A house number: 12, 12a, 12 bis, 12/3 — not a time (14h30) nor an age. */
const NUMBER = '\\d{1,4}(?:\\s?(?:bis|ter|[a-zA-Z])\\b)?(?:\\s?/\\s?\\d{1,3})?(?!\\s?(?:h\\d|h\\b|ans\\b|%|€|:))';
/** « rue des Tanneurs 23 », « place Saint-Lambert 8 »: a street type, a capitalised name, a number. */
export const ADDRESS_AFTER = new RegExp(
  `(?<![\\p{L}])(?:${STREET_TYPES})\\s+(?:(?:de|du|des|la|le|l['’]|d['’]|van|der|den|ter|aux|à|au)\\s*)*\\p{Lu}[\\p{L}'’.-]*(?:\\s+(?:(?:de|du|des|la|le|l['’]|d['’]|et|van|der|den)\\s*)*\\p{Lu}[\\p{L}'’.-]*){0,3},?\\s+${NUMBER}`,
  'giu',
);
/** « au 12, rue de la Station », « 7 impasse des Lilas ». */
export const ADDRESS_BEFORE = new RegExp(
  `\\b\\d{1,4}(?:\\s?(?:bis|ter))?,?\\s+(?:${STREET_TYPES})\\s+(?:(?:de|du|des|la|le|l['’]|d['’])\\s*)*\\p{Lu}[\\p{L}'’-]*`,
  'giu',
);
/** Flemish streets are one word: « Kerkstraat 12 », « Stationsstraat 88 ». */
export const FLEMISH_ADDRESS = new RegExp(
  `\\b\\p{Lu}\\p{Ll}+(?:\\s+(?=\\p{Lu}))?(?:straat|laan|steenweg|plein|dreef|weg|lei|kaai|markt|baan|dijk|vest|hof|pad|singel|kade|Straat|Laan|Steenweg|Plein|Dreef|Markt|Kaai|Lei)\\s+${NUMBER}`,
  'gu',
);

export function isNationalNumber(m: RegExpMatchArray): boolean {
  const digits = m.slice(1, 6).join('');
  if (digits.length !== 11) return false;
  const base = Number(digits.slice(0, 9));
  const check = Number(digits.slice(9));
  return 97 - (base % 97) === check || 97 - ((2_000_000_000 + base) % 97) === check;
}

/** ISO 13616: the country and key move to the end, letters become numbers, the whole is 1 mod 97. */
export function isIban(raw: string): boolean {
  const iban = raw.replace(/\s+/g, '').toUpperCase();
  if (iban.length < 15 || iban.length > 34) return false;
  const moved = `${iban.slice(4)}${iban.slice(0, 4)}`;
  let rest = 0;
  for (const c of moved) {
    const value = /\d/.test(c) ? c : String(c.charCodeAt(0) - 55);
    for (const digit of value) rest = (rest * 10 + Number(digit)) % 97;
  }
  return rest === 1;
}
