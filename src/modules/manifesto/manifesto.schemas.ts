import { z } from 'zod';
import { LOCALES, type Translate } from '../../web/i18n/index.js';
import { checkboxField, normaliseDayInput, publicEmailField, str } from '../../web/validation.js';

import { SIGNATURE_KINDS, SIGNATURE_STATUSES, type SignatureKind, type SignatureStatus } from '../../db/schema.js';

export { SIGNATURE_KINDS, SIGNATURE_STATUSES, type SignatureKind, type SignatureStatus };

export const STATUS_LABELS: Record<SignatureStatus, string> = {
  pending: 'En attente de confirmation',
  confirmed: 'Confirmée',
  quarantined: 'En quarantaine',
  rejected: 'Rejetée',
};

export const KIND_LABELS: Record<SignatureKind, string> = { individual: 'Personne', organisation: 'Organisation' };

export const PUBLIC_PAGE_SIZE = 50;

function textField(t: Translate, label: string, max: number, required: boolean) {
  const base = z.string().max(max, t('form.error.too_long', { field: label, max }));
  return z.preprocess(
    (v) => str(v).trim().replace(/\s+/g, ' '),
    required ? base.min(1, t('form.error.required', { field: label })) : base,
  );
}

/** The signing form, validated with messages in the signer's language. */
export function signSchema(t: Translate) {
  return z.object({
    kind: z.preprocess((v) => str(v), z.enum(SIGNATURE_KINDS, { message: t('form.error.kind') })),
    name: textField(t, t('manifesto.field.name'), 200, true),
    functionOrOrg: textField(t, t('manifesto.field.function'), 200, false),
    town: textField(t, t('manifesto.field.town'), 120, false),
    email: publicEmailField(t),
    showPublicly: checkboxField,
    newsletter: checkboxField,
    contact: checkboxField,
  });
}

export type SignInput = z.output<ReturnType<typeof signSchema>>;

/** A new version of the text, typed by the board (French messages). */
export const versionSchema = z.object({
  locale: z.preprocess(
    (v) => str(v),
    z.enum(LOCALES, { message: 'Langue : choisissez le français, le néerlandais ou l’anglais.' }),
  ),
  versionLabel: z.preprocess(
    (v) => str(v).trim(),
    z
      .string()
      .min(1, 'Nom de la version : ce champ est obligatoire.')
      .max(120, 'Nom de la version : 120 caractères au maximum.'),
  ),
  publishedOn: z.preprocess(
    (v) => (/^\s*\d{4}\s*$/.test(str(v)) ? str(v).trim() : normaliseDayInput(str(v).trim())),
    z
      .string()
      .regex(/^\d{4}(-\d{2}-\d{2})?$/, 'Date de publication : une année (2020) ou une date complète (15/06/2020).'),
  ),
  summary: z.preprocess((v) => str(v).trim(), z.string().max(1000, 'Ce qui a changé : 1 000 caractères au maximum.')),
  body: z.preprocess(
    (v) => str(v).replace(/\r\n/g, '\n'),
    z.string().trim().min(1, 'Texte : ce champ est obligatoire.').max(200_000, 'Texte : trop long.'),
  ),
});

export type VersionInput = z.output<typeof versionSchema>;
