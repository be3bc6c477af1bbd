import { z } from 'zod';
import { TAXONOMY_TYPES } from '../../db/schema.js';
import {
  checkboxField,
  optionalIdField,
  optionalYearField,
  requiredText,
  str,
  yearField,
} from '../../web/validation.js';

export const newEntrySchema = z.object({
  type: z.preprocess((v) => str(v), z.enum(TAXONOMY_TYPES, { message: 'Liste : choisissez une liste.' })),
  code: z.preprocess(
    (v) => str(v).trim(),
    z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'Code : minuscules, chiffres et tirets seulement (ex. « secret-police »).'),
  ),
  label: requiredText('Libellé', 200),
  parentId: optionalIdField('Thème parent'),
  countsInTotal: checkboxField,
});

export const renameSchema = z.object({
  label: requiredText('Nouveau libellé', 200),
  fromYear: yearField('À partir de'),
  countsInTotal: checkboxField,
});

export const yearsSchema = z
  .object({ inUseFrom: optionalYearField('En usage depuis'), inUseUntil: optionalYearField("En usage jusqu'en") })
  .refine((v) => v.inUseFrom === null || v.inUseUntil === null || v.inUseFrom <= v.inUseUntil, {
    path: ['inUseUntil'],
    message: "En usage jusqu'en : cette année précède l'année de début.",
  });
