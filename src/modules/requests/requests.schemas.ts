import { z } from 'zod';
import {
  checkboxField,
  choiceField,
  dateField,
  idField,
  optionalChoiceField,
  optionalDateField,
  optionalEmailField,
  optionalIdField,
  optionalYearField,
  requiredText,
  str,
  strList,
  text,
} from '../../web/validation.js';
import {
  CHANNELS,
  MANUAL_EVENT_TYPES,
  OUTCOMES,
  OUTCOMES_NEEDING_REASON,
  REGIONS,
  REQUESTER_TYPES,
  STATUSES,
} from './requests.constants.js';

const idList = (label: string) =>
  z
    .preprocess(
      (v) => strList(v),
      z.array(z.string().regex(/^\d{1,9}$/, `${label} : valeur inconnue.`)).max(50, `${label} : trop de valeurs.`),
    )
    .transform((a) => [...new Set(a.map(Number))]);

const optionalPhone = (label: string) =>
  z.preprocess(
    (v) => str(v).trim(),
    z
      .string()
      .max(40, `${label} : 40 caractères au maximum.`)
      .refine(
        (s) => s === '' || /^[+\d][\d\s./()-]{5,}$/.test(s),
        `${label} : numéro invalide (chiffres, espaces, +, . ou -).`,
      ),
  );

const requestFields = {
  receivedOn: dateField('Date de réception'),
  channel: choiceField('Canal', CHANNELS.values),
  kindId: idField('Type de demande'),
  requesterType: choiceField('Type de demandeur', REQUESTER_TYPES.values),
  sectorId: optionalIdField('Secteur'),
  region: optionalChoiceField('Région', REGIONS.values),
  themeIds: idList('Thèmes'),
  subject: requiredText(
    'Objet',
    300,
    "Objet : décrivez la demande en une ligne anonyme (c'est la phrase du rapport annuel).",
  ),
  notes: text('Notes', 20_000),
  assigneeIds: idList('Membres du bureau'),
  eventOn: optionalDateField("Date de l'activité"),
  plannedYear: optionalYearField('Année prévue'),
  confirmIdentifying: checkboxField,
};

const identityFields = {
  identityName: text('Nom du demandeur', 200),
  identityOrganisation: text('Organisation', 200),
  identityEmail: optionalEmailField(),
  identityPhone: optionalPhone('Téléphone du demandeur'),
};

/** New request (helpline intake or full form). */
export const createRequestSchema = z.object({
  ...requestFields,
  ...identityFields,
  toDiscuss: checkboxField,
  assignMe: checkboxField,
});

/** Edit: the identity is edited apart (it must be revealed first). */
export const updateRequestSchema = z.object({
  ...requestFields,
  status: choiceField(
    'Statut',
    STATUSES.values.filter((s) => s !== 'closed'),
  ),
});

export const identitySchema = z.object(identityFields);

export const statusSchema = z.object({
  status: choiceField(
    'Statut',
    STATUSES.values.filter((s) => s !== 'closed'),
  ),
});

export const eventSchema = z.object({
  type: choiceField("Type d'étape", MANUAL_EVENT_TYPES),
  occurredOn: dateField('Date'),
  body: requiredText('Description', 5_000, 'Description : décrivez cette étape.'),
  confirmIdentifying: checkboxField,
});

export const closeSchema = z
  .object({
    outcome: choiceField('Issue', OUTCOMES.values),
    outcomeReasonId: optionalIdField('Raison'),
    outcomeDetail: text('Précision', 1_000),
    eventOn: optionalDateField("Date de l'activité"),
    plannedYear: optionalYearField('Année prévue'),
    note: text('Note de clôture', 5_000),
  })
  .superRefine((v, ctx) => {
    if (OUTCOMES_NEEDING_REASON.includes(v.outcome) && v.outcomeReasonId === null && v.outcomeDetail === '') {
      ctx.addIssue({
        code: 'custom',
        path: ['outcomeReasonId'],
        message: 'Raison : indiquez pourquoi (choisissez une raison ou précisez-la).',
      });
    }
    if (v.outcome === 'referred' && v.outcomeDetail === '') {
      ctx.addIssue({
        code: 'custom',
        path: ['outcomeDetail'],
        message: 'Précision : indiquez vers quel service la demande a été réorientée (sans nom de personne).',
      });
    }
    if (v.outcome === 'later_year' && v.plannedYear === null) {
      ctx.addIssue({
        code: 'custom',
        path: ['plannedYear'],
        message: "Année prévue : indiquez l'année où l'activité aura lieu.",
      });
    }
  });

export type CreateRequestInput = z.output<typeof createRequestSchema>;
export type UpdateRequestInput = z.output<typeof updateRequestSchema>;
export type IdentityInput = z.output<typeof identitySchema>;
export type EventInput = z.output<typeof eventSchema>;
export type CloseInput = z.output<typeof closeSchema>;
