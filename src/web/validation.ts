import { dictionary } from '@zxcvbn-ts/language-common';
import { domainToASCII } from 'node:url';
import { z } from 'zod';
import { oneOf } from '../lib/one-of.js';
import { isValidIsoDate } from '../lib/time.js';
import { foldText } from '../lib/text.js';
import type { FieldErrors } from './forms.js';
import type { Translate } from './i18n/index.js';

export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

/** Validates a form body; the first French message per field is kept. */
export function parseForm<S extends z.ZodType>(schema: S, body: unknown): FormResult<z.output<S>> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const key = String(issue.path[0] ?? '_form');
    errors[key] ??= issue.message;
  }
  return { ok: false, errors };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value);
/** The fields of a parsed form body or query string (an object), or none: what routes read with `str()`. */
export function fieldsOf(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

/** A single text value from a form (arrays happen when a field is repeated). */
export function str(value: unknown): string {
  if (Array.isArray(value)) return str(value[0]);
  return typeof value === 'string' ? value : '';
}

export function strList(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string' && v !== '');
  return typeof value === 'string' && value !== '' ? [value] : [];
}

// Reusable field schemas with French messages.
export const text = (label: string, max = 500) =>
  z.preprocess((v) => str(v).trim(), z.string().max(max, `${label} : ${max} caractères au maximum.`));

export const requiredText = (label: string, max = 500, message?: string) =>
  z.preprocess(
    (v) => str(v).trim(),
    z
      .string()
      .min(1, message ?? `${label} : ce champ est obligatoire.`)
      .max(max, `${label} : ${max} caractères au maximum.`),
  );

/**
 * E-mail addresses: one definition for the whole app (forms, imports, settings, identities, the outbox).
 * An address is one mailbox and nothing else — no display name, no list, no comment: `1<victim@target.be>`,
 * `a@b.be,c@d.be` or `a@b.be;x` are refused, since a mail server would read a different recipient (or
 * several) than the one the limits counted.
 *
 * Accepted: a dot-atom local part (RFC 5322 atext, ASCII, at most 64 characters) and a domain of at least
 * two labels whose last is alphabetic (no bare IP address, no `localhost`); an internationalised domain is
 * accepted and stored in its ASCII form (`xn--…`). The whole address is stored in lower case: the
 * mailboxes people use do not distinguish case.
 */
export const EMAIL_MESSAGE = 'Adresse e-mail : cette adresse n’est pas valide (exemple : prenom@exemple.be).';

const LOCAL_PART = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const TOP_LABEL = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/** The address in the form Vigie stores and compares, or null when it is not one valid address. */
export function normaliseEmail(raw: string): string | null {
  const value = raw.trim().normalize('NFC');
  if (value.length === 0 || value.length > 254) return null;
  const at = value.lastIndexOf('@');
  if (at < 1) return null;
  const local = value.slice(0, at).toLowerCase();
  const domainPart = value.slice(at + 1);
  // domainToASCII turns « exémple.be » into « xn--exmple-cva.be »; it does not check labels.
  const domain = /^[\p{L}\p{N}.-]+$/u.test(domainPart) ? domainToASCII(domainPart) : '';
  if (local.length > 64 || !LOCAL_PART.test(local) || !domain) return null;
  const labels = domain.split('.');
  if (labels.length < 2 || !labels.every((l) => DOMAIN_LABEL.test(l)) || !TOP_LABEL.test(labels.at(-1) ?? ''))
    return null;
  const address = `${local}@${domain}`;
  return address.length <= 254 ? address : null;
}

/**
 * The key a per-address limit counts: sub-addresses (`nom+1@`, `nom+2@`) reach
 * one mailbox, so they count as one; so do Gmail's dotted variants.
 */
export function emailRateKey(address: string): string {
  const normal = normaliseEmail(address) ?? address.trim().toLowerCase();
  const at = normal.lastIndexOf('@');
  let local = normal.slice(0, at).replace(/\+.*$/, '');
  const domain = normal.slice(at + 1);
  if (domain === 'gmail.com' || domain === 'googlemail.com') local = local.replaceAll('.', '');
  return `${local}@${domain}`;
}

/** A required e-mail address (normalised); `message` only for the public pages' other languages. */
export const emailField = (message: string = EMAIL_MESSAGE) =>
  z.preprocess(
    (v) => str(v),
    z.string().transform((v, ctx) => normaliseEmail(v) ?? invalid(ctx, message)),
  );

/** An optional e-mail address: '' when left empty, else normalised like `emailField`. */
export const optionalEmailField = (message: string = EMAIL_MESSAGE) =>
  z.preprocess(
    (v) => str(v),
    z.string().transform((v, ctx) => (v.trim() === '' ? '' : (normaliseEmail(v) ?? invalid(ctx, message)))),
  );

function invalid(ctx: z.RefinementCtx, message: string): never {
  ctx.addIssue({ code: 'custom', message });
  return z.NEVER;
}

let common: ReadonlySet<string> | null = null;
/** The most common passwords (49,000, shipped by @zxcvbn-ts/language-common, never fetched). */
function commonPasswords(): ReadonlySet<string> {
  common ??= new Set(dictionary['passwords-common'].map((w) => w.toLowerCase()));
  return common;
}

/**
 * NIST SP 800-63B: at least 12 characters, no composition rule, and not a
 * password everybody tries first (a common one, or one character repeated).
 */
export const password = (label = 'Mot de passe') =>
  z.preprocess(
    (v) => str(v),
    z
      .string()
      .min(12, `${label} : au moins 12 caractères.`)
      .max(200, `${label} : 200 caractères au maximum.`)
      .refine(
        (v) => !commonPasswords().has(v.toLowerCase()) && new Set(v.toLowerCase()).size > 2,
        `${label} : ce mot de passe est parmi les plus courants ; choisissez-en un autre (une phrase, par exemple).`,
      ),
  );

/**
 * NIST SP 800-63B also refuses context-specific words: a password that contains
 * the account's own name or address is among the first an attacker who knows
 * the person tries. The address's part before @, its words and the name's
 * words of four letters or more are compared without case or accents. The
 * French message, or null when the password mentions neither.
 */
export function personalPasswordError(
  password: string,
  who: { email: string; name: string },
  label = 'Mot de passe',
): string | null {
  const folded = foldText(password).replace(/\s/g, '');
  const local = foldText(who.email.split('@')[0] ?? '');
  const words = `${local} ${foldText(who.name)}`.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 4);
  const wholeLocal = local.replace(/[^\p{L}\p{N}]/gu, '');
  if (wholeLocal.length >= 3) words.push(wholeLocal);
  const personal = words.some((w) => folded.includes(w));
  return personal ? `${label} : il ne doit contenir ni votre nom ni votre adresse e-mail.` : null;
}

/**
 * Numbers from a query string (?page=, ?annee=…): a whole number within [min, max], anything else gives
 * the fallback. Never a 500 for `?page=99999999999999999999` (beyond a database integer) or `?page=-1`.
 */
function intParam(value: unknown, bounds: { min: number; max: number; fallback: number }): number {
  const raw = str(value).trim();
  if (!/^-?\d{1,15}$/.test(raw)) return bounds.fallback;
  const n = Number(raw);
  return n < bounds.min || n > bounds.max ? bounds.fallback : n;
}

/** Pages of a list: 1 to 100,000 (far beyond any list Vigie shows); otherwise the first page. */
export const pageParam = (value: unknown): number => intParam(value, { min: 1, max: 100_000, fallback: 1 });

/**
 * An id from the address (`/demandes/:id`, ?personne=, ?demande=) or a hidden field: a database integer,
 * or none (the route answers 404). Never the digits in front of something else (« 12abc »), as `parseInt` would.
 */
export function idParam(value: unknown): number | undefined {
  return intParam(value, { min: 1, max: 2_147_483_647, fallback: 0 }) || undefined;
}

/** The public e-mail field: the app's one definition, with its message in the visitor's language. */
export function publicEmailField(t: Translate) {
  return emailField(t('form.error.email'));
}

/** « 27/11/2026 » or « 2026-11-27 » → « 2026-11-27 »; anything else is returned as typed. */
export function normaliseDayInput(value: string): string {
  const v = value.trim();
  const be = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(v);
  if (be) return `${be[3]}-${be[2]?.padStart(2, '0')}-${be[1]?.padStart(2, '0')}`;
  return v;
}

const dateMessage = (label: string) => `${label} : indiquez une date (JJ/MM/AAAA).`;

/** A required date, typed the Belgian way (JJ/MM/AAAA) or by a date picker. */
export const dateField = (label: string) =>
  z.preprocess(
    (v) => normaliseDayInput(str(v)),
    z.string().min(1, `${label} : ce champ est obligatoire.`).refine(isValidIsoDate, dateMessage(label)),
  );

/** An optional date, like `dateField`; null when left empty. */
export const optionalDateField = (label: string) =>
  z
    .preprocess(
      (v) => normaliseDayInput(str(v)),
      z.string().refine((s) => s === '' || isValidIsoDate(s), dateMessage(label)),
    )
    .transform((s) => (s === '' ? null : s));

const HOUR_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/;

/** An optional hour of the day: « 19:30 », « 19h30 », « 9h » → « 19:30 », « 09:00 »; empty stays empty. */
export const optionalHourField = (label: string) =>
  z.preprocess(
    (v) => {
      const raw = str(v).trim();
      const m = /^(\d{1,2})\s*(?:[:h.]\s*(\d{2})?)?$/i.exec(raw);
      return m ? `${(m[1] ?? '').padStart(2, '0')}:${m[2] ?? '00'}` : raw;
    },
    z.string().refine((v) => v === '' || HOUR_OF_DAY.test(v), `${label} : indiquez une heure comme 19:30.`),
  );

/** One value of a closed list (a select, radio buttons); the list is the column's union. */
export const choiceField = <T extends string>(label: string, values: readonly T[]) =>
  z
    .preprocess((v) => str(v), z.string().min(1, `${label} : choisissez une valeur.`))
    .transform((s, ctx) => oneOf(values, s) ?? invalid(ctx, `${label} : valeur inconnue.`));

/** An optional value of a closed list (empty → null). */
export const optionalChoiceField = <T extends string>(label: string, values: readonly T[]) =>
  z
    .preprocess((v) => str(v), z.string())
    .transform((s, ctx) => (s === '' ? null : (oneOf(values, s) ?? invalid(ctx, `${label} : valeur inconnue.`))));

/**
 * Checkboxes: a ticked box sends its value (`oui` in Vigie's forms, `on` when a form sets none), an
 * unticked one sends nothing. Nothing to get wrong, so no message.
 */
const TICKED = new Set(['oui', 'on', '1', 'true']);
/** Whether a checkbox (or a flag in the address, `?moi=1`) is ticked: routes read every box through this. */
export const isTicked = (value: unknown): boolean => TICKED.has(str(value));
export const checkboxField = z.preprocess(isTicked, z.boolean());

/** Ids: a whole number of 1 to 9 digits, not 0 (a database id), nothing else. */
const ID = /^(?!0+$)\d{1,9}$/;

/** A required id chosen in a list. */
export const idField = (label: string) =>
  z
    .preprocess(
      (v) => str(v).trim(),
      z.string().min(1, `${label} : choisissez une valeur.`).regex(ID, `${label} : valeur inconnue.`),
    )
    .transform(Number);

/** An optional id chosen in a list: empty → null, anything else that is not an id is refused. */
export const optionalIdField = (label: string) =>
  z
    .preprocess(
      (v) => str(v).trim(),
      z.string().refine((s) => s === '' || ID.test(s), `${label} : valeur inconnue.`),
    )
    .transform((s) => (s === '' ? null : Number(s)));

/** Years Vigie accepts in a form: the committee's records start in the 1990s; 2200 is beyond any plan. */
const YEAR_BOUNDS = { min: 1900, max: 2200 };

const yearSchema = (label: string, bounds: { min: number; max: number }) =>
  z
    .string()
    .regex(/^\d{4}$/, `${label} : une année sur quatre chiffres (ex. 2026).`)
    .transform(Number)
    .refine((y) => y >= bounds.min && y <= bounds.max, `${label} : entre ${bounds.min} et ${bounds.max}.`);

/** A required year (four digits, within bounds). */
export const yearField = (label: string, bounds = YEAR_BOUNDS) =>
  z.preprocess((v) => str(v).trim(), yearSchema(label, bounds));

/** An optional year, like `yearField`; null when left empty. */
export const optionalYearField = (label: string, bounds = YEAR_BOUNDS) =>
  z
    .preprocess((v) => {
      const s = str(v).trim();
      return s === '' ? undefined : s;
    }, yearSchema(label, bounds).optional())
    .transform((y) => y ?? null);

/** A year from the address (?annee=2024): four digits within the years Vigie accepts, or none. */
export const yearParam = (value: unknown): number | undefined =>
  intParam(value, { ...YEAR_BOUNDS, fallback: 0 }) || undefined;
