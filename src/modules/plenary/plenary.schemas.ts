import { z } from 'zod';
import { dateField, optionalHourField, requiredText, str, text } from '../../web/validation.js';

const yes = (v: unknown) => ['on', 'oui', '1'].includes(str(v));

export const assemblySchema = z
  .object({
    title: text('Thème', 300),
    heldOn: dateField('Date'),
    startsAt: optionalHourField('Début'),
    endsAt: optionalHourField('Fin'),
    place: text('Lieu', 300),
    videoUrl: z.preprocess(
      (v) => str(v).trim(),
      z
        .string()
        .max(500)
        .refine(
          (v) => v === '' || /^https:\/\/\S+$/.test(v),
          'Lien de visioconférence : une adresse qui commence par https://.',
        ),
    ),
    isPublic: z.preprocess(yes, z.boolean()),
    cancelled: z.preprocess(yes, z.boolean()),
  })
  .superRefine((v, ctx) => {
    if (v.startsAt && v.endsAt && v.endsAt <= v.startsAt)
      ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'Fin : elle doit suivre le début.' });
    if (!v.place && !v.videoUrl)
      ctx.addIssue({
        code: 'custom',
        path: ['place'],
        message: 'Lieu : indiquez où se tient l’assemblée, ou un lien de visioconférence.',
      });
  });

export const agendaItemSchema = z.object({ title: requiredText('Intitulé du point', 300) });

export const NOTES_MAX = 20_000;
