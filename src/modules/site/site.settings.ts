import { z } from 'zod';
import type { DbOrTrx } from '../../db/index.js';
import type { FieldErrors } from '../../web/forms.js';
import { optionalEmailField, parseForm, str, text } from '../../web/validation.js';
import { recordAudit } from '../audit/audit.service.js';
import type { CurrentUser } from '../../web/access.js';
import { FieldValidationError } from '../../errors.js';

/**
 * The public site's settings, in the shared `settings` table under `site.*`
 * keys: helpline hours and phone, contact e-mail and postal address.
 */
export interface SiteSettings {
  helplineStart: string;
  helplineEnd: string;
  helplinePhone: string;
  contactEmail: string;
  contactAddress: string;
}

export const DEFAULT_SETTINGS: SiteSettings = {
  helplineStart: '13:00',
  helplineEnd: '16:00',
  helplinePhone: '',
  contactEmail: '',
  contactAddress: '',
};

const KEYS: Record<keyof SiteSettings, string> = {
  helplineStart: 'site.helpline.start',
  helplineEnd: 'site.helpline.end',
  helplinePhone: 'site.helpline.phone',
  contactEmail: 'site.contact.email',
  contactAddress: 'site.contact.address',
};

export async function loadSettings(db: DbOrTrx): Promise<SiteSettings> {
  const rows = await db
    .selectFrom('settings')
    .select(['key', 'value'])
    .where('key', 'in', Object.values(KEYS))
    .execute();
  const byKey = new Map(rows.map((r) => [r.key, r.value]));
  const out = { ...DEFAULT_SETTINGS };
  for (const [field, key] of Object.entries(KEYS) as Array<[keyof SiteSettings, string]>) {
    const v = byKey.get(key);
    if (v !== undefined) out[field] = v;
  }
  return out;
}

const hour = (label: string) =>
  z.preprocess(
    (v) =>
      str(v)
        .trim()
        .replace(/\s*h\s*/i, ':')
        .replace(/:$/, ':00'),
    z.string().regex(/^([01]?\d|2[0-3]):[0-5]\d$/, `${label} : indiquez une heure comme 13:00.`),
  );

const schema = z.object({
  helplineStart: hour('Début de la permanence'),
  helplineEnd: hour('Fin de la permanence'),
  helplinePhone: text('Téléphone de la permanence', 40),
  contactEmail: optionalEmailField(),
  contactAddress: text('Adresse postale', 500),
});

const pad = (h: string) => (h.length === 4 ? `0${h}` : h);

export async function saveSettings(db: DbOrTrx, body: unknown, actor: CurrentUser | null): Promise<SiteSettings> {
  const parsed = parseForm(schema, body);
  if (!parsed.ok) throw new FieldValidationError(parsed.errors);
  const s: SiteSettings = {
    ...parsed.data,
    helplineStart: pad(parsed.data.helplineStart),
    helplineEnd: pad(parsed.data.helplineEnd),
  };
  if (s.helplineEnd <= s.helplineStart)
    throw new FieldValidationError({
      helplineEnd: 'Fin de la permanence : elle doit suivre le début.',
    } satisfies FieldErrors);
  for (const [field, key] of Object.entries(KEYS) as Array<[keyof SiteSettings, string]>) {
    await db
      .insertInto('settings')
      .values({ key, value: s[field] })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: s[field] }))
      .execute();
  }
  await recordAudit(db, { actorId: actor?.id ?? null, action: 'site.settings', entityType: 'site' });
  return s;
}
