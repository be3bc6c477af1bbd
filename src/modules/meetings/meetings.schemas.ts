import { z } from 'zod';
import {
  checkboxField,
  dateField,
  optionalHourField,
  optionalIdField,
  requiredText,
  str,
  text,
} from '../../web/validation.js';
import { DECISION_ACTIONS, MEETING_KINDS } from './meetings.constants.js';

export const meetingSchema = z
  .object({
    kind: z.preprocess((v) => str(v) || 'meeting', z.enum(MEETING_KINDS, 'Type : choisissez réunion ou mise au vert.')),
    heldOn: dateField('Date'),
    cancelled: checkboxField,
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
  })
  .superRefine((v, ctx) => {
    if (v.startsAt && v.endsAt && v.endsAt <= v.startsAt)
      ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'Fin : elle doit suivre le début.' });
  });

export const freeItemSchema = z.object({ title: requiredText('Intitulé du point', 300) });

export const notesSchema = z.object({ notes: text('Notes', 10_000) });

export const decisionSchema = z.object({
  action: z.preprocess(
    (v) => str(v) || 'note',
    z.enum(DECISION_ACTIONS, 'Suite : choisissez ce que la décision fait.'),
  ),
  text: requiredText('Décision', 2_000, 'Décision : écrivez ce que le bureau a décidé.'),
  assigneeId: optionalIdField('Confier à'),
  hearingMeetingId: optionalIdField('Réunion de la rencontre en bureau'),
  outcome: z.preprocess((v) => str(v), z.string()),
  outcomeReasonId: optionalIdField('Raison'),
  outcomeDetail: text('Précision', 1_000),
});
export type DecisionFormInput = z.output<typeof decisionSchema>;
