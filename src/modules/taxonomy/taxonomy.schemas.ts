import { z } from 'zod';
import { requiredText, str } from '../../web/validation.js';

const optionalYear = (label: string) =>
  z
    .preprocess((v) => str(v).trim(), z.string().regex(/^(\d{4})?$/, `${label} : une année sur quatre chiffres.`))
    .transform((s) => (s === '' ? null : Number(s)));

export const newEntrySchema = z.object({
  type: z.preprocess(
    (v) => str(v),
    z.enum(['kind', 'theme', 'sector', 'outcome_reason'], { message: 'Liste : choisissez une liste.' }),
  ),
  code: z.preprocess(
    (v) => str(v).trim(),
    z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'Code : minuscules, chiffres et tirets seulement (ex. « secret-police »).'),
  ),
  label: requiredText('Libellé', 200),
  parentId: z
    .preprocess((v) => str(v), z.string().regex(/^(\d{1,9})?$/, 'Thème parent : valeur inconnue.'))
    .transform((s) => (s === '' ? null : Number(s))),
  countsInTotal: z.preprocess((v) => str(v) === 'oui', z.boolean()),
});

export const renameSchema = z.object({
  label: requiredText('Nouveau libellé', 200),
  fromYear: z
    .preprocess((v) => str(v).trim(), z.string().regex(/^\d{4}$/, 'À partir de : une année sur quatre chiffres.'))
    .transform(Number),
  countsInTotal: z.preprocess((v) => str(v) === 'oui', z.boolean()),
});

export const yearsSchema = z
  .object({ inUseFrom: optionalYear('En usage depuis'), inUseUntil: optionalYear("En usage jusqu'en") })
  .refine((v) => v.inUseFrom === null || v.inUseUntil === null || v.inUseFrom <= v.inUseUntil, {
    path: ['inUseUntil'],
    message: "En usage jusqu'en : cette année précède l'année de début.",
  });
