import { z } from 'zod';
import type { Db, DbOrTrx } from '../../db/index.js';
import type { FieldErrors } from '../../web/forms.js';
import { fieldsOf, optionalEmailField, parseForm, str, text } from '../../web/validation.js';
import { recordAudit } from '../audit/audit.service.js';
import type { CurrentUser } from '../../web/access.js';
import { FieldValidationError } from '../../errors.js';

/**
 * The public site's settings, in the shared `settings` table under `site.*`
 * keys: the helpline's slots (days and hours) and phone, the contact e-mail
 * and postal address.
 */

/** A weekly helpline slot: ISO weekday (1 = Monday … 7 = Sunday) and hours "HH:MM". */
export interface HelplineSlot {
  weekday: number;
  start: string;
  end: string;
}

export interface SiteSettings {
  helplineSlots: HelplineSlot[];
  helplinePhone: string;
  contactEmail: string;
  contactAddress: string;
}

/** The committee's helpline: Thursday afternoon. */
export const DEFAULT_SLOTS: readonly HelplineSlot[] = [{ weekday: 4, start: '13:00', end: '16:00' }];

export const DEFAULT_SETTINGS: SiteSettings = {
  helplineSlots: [...DEFAULT_SLOTS],
  helplinePhone: '',
  contactEmail: '',
  contactAddress: '',
};

/** At most this many slots a week (the form shows this many rows). */
export const MAX_SLOTS = 6;

const KEYS = {
  helplineSlots: 'site.helpline.slots',
  helplinePhone: 'site.helpline.phone',
  contactEmail: 'site.contact.email',
  contactAddress: 'site.contact.address',
} as const;
/** Before several slots: one Thursday slot's hours. Still read, never written. */
const LEGACY_START = 'site.helpline.start';
const LEGACY_END = 'site.helpline.end';

const HOUR = /^([01]\d|2[0-3]):[0-5]\d$/;
const storedSlots = z.array(
  z.object({ weekday: z.number().int().min(1).max(7), start: z.string().regex(HOUR), end: z.string().regex(HOUR) }),
);

function parseStoredSlots(raw: string | undefined): HelplineSlot[] | undefined {
  if (raw === undefined) return undefined;
  try {
    const parsed = storedSlots.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export async function loadSettings(db: DbOrTrx): Promise<SiteSettings> {
  const rows = await db
    .selectFrom('settings')
    .select(['key', 'value'])
    .where('key', 'in', [...Object.values(KEYS), LEGACY_START, LEGACY_END])
    .execute();
  const byKey = new Map(rows.map((r) => [r.key, r.value]));
  const legacyStart = byKey.get(LEGACY_START);
  const legacyEnd = byKey.get(LEGACY_END);
  const slots =
    parseStoredSlots(byKey.get(KEYS.helplineSlots)) ??
    (legacyStart && legacyEnd ? [{ weekday: 4, start: legacyStart, end: legacyEnd }] : [...DEFAULT_SLOTS]);
  return {
    helplineSlots: slots,
    helplinePhone: byKey.get(KEYS.helplinePhone) ?? DEFAULT_SETTINGS.helplinePhone,
    contactEmail: byKey.get(KEYS.contactEmail) ?? DEFAULT_SETTINGS.contactEmail,
    contactAddress: byKey.get(KEYS.contactAddress) ?? DEFAULT_SETTINGS.contactAddress,
  };
}

/** The form's flat fields: slot rows as `slotN_weekday`, `slotN_start`, `slotN_end`. */
export type SettingsForm = Record<string, string>;

export function settingsToForm(s: SiteSettings): SettingsForm {
  const form: SettingsForm = {
    helplinePhone: s.helplinePhone,
    contactEmail: s.contactEmail,
    contactAddress: s.contactAddress,
  };
  for (let i = 0; i < MAX_SLOTS; i++) {
    const slot = s.helplineSlots[i];
    form[`slot${i}_weekday`] = slot ? String(slot.weekday) : '';
    form[`slot${i}_start`] = slot?.start ?? '';
    form[`slot${i}_end`] = slot?.end ?? '';
  }
  return form;
}

export function formFromBody(body: Record<string, unknown>): SettingsForm {
  const form: SettingsForm = {};
  for (const key of ['helplinePhone', 'contactEmail', 'contactAddress']) form[key] = str(body[key]);
  for (let i = 0; i < MAX_SLOTS; i++)
    for (const part of ['weekday', 'start', 'end']) form[`slot${i}_${part}`] = str(body[`slot${i}_${part}`]);
  return form;
}

/** « 13:00 », « 13h », « 13 h 30 », « 9:00 » → « 13:00 », « 13:00 », « 13:30 », « 09:00 ». */
export function normaliseHour(raw: string): string | null {
  const m = /^\s*(\d{1,2})\s*(?:[:h.]\s*(\d{2})?)?\s*$/i.exec(raw);
  if (!m) return null;
  const value = `${(m[1] ?? '').padStart(2, '0')}:${m[2] ?? '00'}`;
  return HOUR.test(value) ? value : null;
}

const contactSchema = z.object({
  helplinePhone: text('Téléphone de la permanence', 40),
  contactEmail: optionalEmailField(),
  contactAddress: text('Adresse postale', 500),
});

/** The slot rows of the form: blank rows are ignored, each other row must be whole and valid. */
function parseSlots(body: Record<string, unknown>): { slots: HelplineSlot[]; errors: FieldErrors } {
  const slots: HelplineSlot[] = [];
  const errors: FieldErrors = {};
  for (let i = 0; i < MAX_SLOTS; i++) {
    const weekdayRaw = str(body[`slot${i}_weekday`]).trim();
    const startRaw = str(body[`slot${i}_start`]).trim();
    const endRaw = str(body[`slot${i}_end`]).trim();
    if (!weekdayRaw && !startRaw && !endRaw) continue;
    const n = i + 1;
    const weekday = Number(weekdayRaw);
    const start = normaliseHour(startRaw);
    const end = normaliseHour(endRaw);
    if (!Number.isInteger(weekday) || weekday < 1 || weekday > 7)
      errors[`slot${i}_weekday`] = `Créneau ${n} : choisissez le jour.`;
    if (!start) errors[`slot${i}_start`] = `Créneau ${n} : indiquez l’heure de début comme 13:00.`;
    if (!end) errors[`slot${i}_end`] = `Créneau ${n} : indiquez l’heure de fin comme 16:00.`;
    else if (start && end <= start) errors[`slot${i}_end`] = `Créneau ${n} : la fin doit suivre le début.`;
    if (start && end && end > start && weekday >= 1 && weekday <= 7) slots.push({ weekday, start, end });
  }
  if (Object.keys(errors).length === 0 && slots.length === 0)
    errors.slot0_weekday = 'Permanence : indiquez au moins un créneau (jour, début et fin).';
  slots.sort((a, b) => a.weekday - b.weekday || a.start.localeCompare(b.start));
  for (let i = 1; i < slots.length; i++) {
    const [prev, cur] = [slots[i - 1], slots[i]];
    if (prev && cur && prev.weekday === cur.weekday && cur.start < prev.end)
      errors.slot0_weekday ??= 'Permanence : deux créneaux du même jour se chevauchent.';
  }
  return { slots, errors };
}

export async function saveSettings(db: Db, body: unknown, actor: CurrentUser | null): Promise<SiteSettings> {
  const fields = fieldsOf(body);
  const parsed = parseForm(contactSchema, fields);
  const { slots, errors } = parseSlots(fields);
  if (!parsed.ok || Object.keys(errors).length > 0)
    throw new FieldValidationError({ ...errors, ...(parsed.ok ? {} : parsed.errors) });
  const s: SiteSettings = { ...parsed.data, helplineSlots: slots };
  const values: Record<string, string> = {
    [KEYS.helplineSlots]: JSON.stringify(slots),
    [KEYS.helplinePhone]: s.helplinePhone,
    [KEYS.contactEmail]: s.contactEmail,
    [KEYS.contactAddress]: s.contactAddress,
  };
  await db.transaction().execute(async (trx) => {
    for (const [key, value] of Object.entries(values)) {
      await trx
        .insertInto('settings')
        .values({ key, value })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
        .execute();
    }
    await recordAudit(trx, { actorId: actor?.id ?? null, action: 'site.settings', entityType: 'site' });
  });
  return s;
}
