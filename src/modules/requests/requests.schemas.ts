import { z } from 'zod';
import { isValidIsoDate } from '../../lib/time.js';
import { optionalEmailField, requiredText, str, strList, text } from '../../web/validation.js';
import {
  CHANNELS,
  MANUAL_EVENT_TYPES,
  OUTCOMES,
  OUTCOMES_NEEDING_REASON,
  REGIONS,
  REQUESTER_TYPES,
  STATUSES,
} from './requests.constants.js';

/** Accepts YYYY-MM-DD (the date input) or DD/MM/YYYY (typed by hand). */
export function normaliseDate(value: string): string {
  const v = value.trim();
  const be = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(v);
  if (be) return `${be[3]}-${be[2]?.padStart(2, '0')}-${be[1]?.padStart(2, '0')}`;
  return v;
}

const date = (label: string) =>
  z.preprocess(
    (v) => normaliseDate(str(v)),
    z
      .string()
      .min(1, `${label} : ce champ est obligatoire.`)
      .refine(isValidIsoDate, `${label} : date invalide (format attendu : JJ/MM/AAAA).`),
  );

const optionalDate = (label: string) =>
  z
    .preprocess(
      (v) => normaliseDate(str(v)),
      z
        .string()
        .refine((s) => s === '' || isValidIsoDate(s), `${label} : date invalide (format attendu : JJ/MM/AAAA).`),
    )
    .transform((s) => (s === '' ? null : s));

const choice = <T extends string>(label: string, values: readonly T[]) =>
  z
    .preprocess(
      (v) => str(v),
      z
        .string()
        .min(1, `${label} : choisissez une valeur.`)
        .refine((s): s is T => (values as readonly string[]).includes(s), `${label} : valeur inconnue.`),
    )
    .transform((s) => s as T);

const optionalChoice = <T extends string>(label: string, values: readonly T[]) =>
  z
    .preprocess(
      (v) => str(v),
      z.string().refine((s) => s === '' || (values as readonly string[]).includes(s), `${label} : valeur inconnue.`),
    )
    .transform((s) => (s === '' ? null : (s as T)));

const id = (label: string) =>
  z
    .preprocess(
      (v) => str(v),
      z
        .string()
        .min(1, `${label} : choisissez une valeur.`)
        .regex(/^\d{1,9}$/, `${label} : valeur inconnue.`),
    )
    .transform(Number);

const optionalId = (label: string) =>
  z
    .preprocess((v) => str(v), z.string().regex(/^(\d{1,9})?$/, `${label} : valeur inconnue.`))
    .transform((s) => (s === '' ? null : Number(s)));

const idList = (label: string) =>
  z
    .preprocess(
      (v) => strList(v),
      z.array(z.string().regex(/^\d{1,9}$/, `${label} : valeur inconnue.`)).max(50, `${label} : trop de valeurs.`),
    )
    .transform((a) => [...new Set(a.map(Number))]);

const optionalYear = (label: string) =>
  z
    .preprocess(
      (v) => str(v).trim(),
      z.string().regex(/^(\d{4})?$/, `${label} : une année sur quatre chiffres (ex. 2027).`),
    )
    .transform((s) => (s === '' ? null : Number(s)));

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

const checkbox = z.preprocess((v) => ['oui', 'on', '1', 'true'].includes(str(v)), z.boolean());

const requestFields = {
  receivedOn: date('Date de réception'),
  channel: choice('Canal', CHANNELS.values),
  kindId: id('Type de demande'),
  requesterType: choice('Type de demandeur', REQUESTER_TYPES.values),
  sectorId: optionalId('Secteur'),
  region: optionalChoice('Région', REGIONS.values),
  themeIds: idList('Thèmes'),
  subject: requiredText(
    'Objet',
    300,
    "Objet : décrivez la demande en une ligne anonyme (c'est la phrase du rapport annuel).",
  ),
  notes: text('Notes', 20_000),
  assigneeIds: idList('Membres du bureau'),
  eventOn: optionalDate("Date de l'activité"),
  plannedYear: optionalYear('Année prévue'),
  confirmIdentifying: checkbox,
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
  toDiscuss: checkbox,
  assignMe: checkbox,
});

/** Edit: the identity is edited apart (it must be revealed first). */
export const updateRequestSchema = z.object({
  ...requestFields,
  status: choice(
    'Statut',
    STATUSES.values.filter((s) => s !== 'closed'),
  ),
});

export const identitySchema = z.object(identityFields);

export const statusSchema = z.object({
  status: choice(
    'Statut',
    STATUSES.values.filter((s) => s !== 'closed'),
  ),
});

export const eventSchema = z.object({
  type: choice("Type d'étape", MANUAL_EVENT_TYPES),
  occurredOn: date('Date'),
  body: requiredText('Description', 5_000, 'Description : décrivez cette étape.'),
  confirmIdentifying: checkbox,
});

export const closeSchema = z
  .object({
    outcome: choice('Issue', OUTCOMES.values),
    outcomeReasonId: optionalId('Raison'),
    outcomeDetail: text('Précision', 1_000),
    eventOn: optionalDate("Date de l'activité"),
    plannedYear: optionalYear('Année prévue'),
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
