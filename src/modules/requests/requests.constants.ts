import type {
  RequestChannel,
  RequestEventType,
  RequesterType,
  RequestOutcome,
  RequestRegion,
  RequestStatus,
} from '../../db/schema.js';
import { keysOf } from '../../lib/one-of.js';

/** Fixed vocabularies of the register (the taxonomy holds the ones a committee adapts). */
function labels<const T extends string>(entries: Record<T, string>) {
  return { values: keysOf(entries), labels: entries };
}

export const CHANNELS = labels<RequestChannel>({
  helpline: 'Permanence téléphonique',
  email: 'E-mail',
  letter: 'Courrier',
  in_person: 'En personne',
  other: 'Autre',
});
export type Channel = RequestChannel;

export const REQUESTER_TYPES = labels<RequesterType>({
  unknown: 'Non précisé',
  worker: 'Un·e travailleur·se social·e',
  team: 'Une équipe',
  management: 'Une direction',
  service_user: 'Un·e usager·e',
  student: 'Un·e étudiant·e',
  federation: 'Une fédération ou un collectif',
  journalist: 'Un·e journaliste',
  other: 'Autre',
});

export const REGIONS = labels<RequestRegion>({
  brussels: 'Bruxelles',
  wallonia: 'Wallonie',
  flanders: 'Flandre',
  german: 'Communauté germanophone',
  abroad: 'Hors Belgique',
  unknown: 'Non précisée',
});

export const STATUSES = labels<RequestStatus>({
  new: 'Nouvelle',
  in_progress: 'En cours',
  to_discuss: 'À discuter en bureau',
  hearing_planned: 'Rencontre en bureau prévue',
  closed: 'Clôturée',
});
export type Status = RequestStatus;

export const OUTCOMES = labels<RequestOutcome>({
  answered: 'Réponse donnée',
  hearing_held: 'Rencontre en bureau tenue',
  done: 'Réalisée',
  declined: 'Déclinée',
  cancelled: 'Annulée',
  referred: 'Réorientée',
  withdrawn: 'Retirée par le demandeur',
  not_concluded: 'Sans suite',
  later_year: 'Reportée à une année ultérieure',
  // Past years imported from a spreadsheet that never said what became of a request.
  not_recorded: 'Suite non consignée',
});
export type Outcome = RequestOutcome;

/** Outcomes that need a reason, and the ones that need "to whom" or "which year". */
export const OUTCOMES_NEEDING_REASON: readonly Outcome[] = ['declined', 'cancelled'];

/**
 * The outcomes each optional field of the close form belongs to: the form
 * shows a field only for them (a browser without CSS `:has()` shows every
 * field), and a value left in a field of another outcome is not kept.
 */
export const CLOSE_FIELD_OUTCOMES: Record<
  'outcomeReasonId' | 'outcomeDetail' | 'eventOn' | 'plannedYear',
  readonly Outcome[]
> = {
  outcomeReasonId: OUTCOMES_NEEDING_REASON,
  outcomeDetail: [...OUTCOMES_NEEDING_REASON, 'referred'],
  eventOn: ['done'],
  plannedYear: ['later_year'],
};

export const EVENT_TYPES = labels<RequestEventType>({
  call: 'Appel',
  email: 'E-mail',
  meeting: 'Rencontre',
  board_discussion: 'Discussion en bureau',
  decision: 'Décision',
  document: 'Document',
  note: 'Note',
  status: 'Changement de statut',
  created: 'Demande enregistrée',
  reference: 'Changement de référence',
  closed: 'Clôture',
  guide: 'Résultat du guide « Puis-je parler ? »',
});
export type EventType = RequestEventType;
/** The types a person adds by hand; the others are written by the system. */
export const MANUAL_EVENT_TYPES: readonly EventType[] = [
  'call',
  'email',
  'meeting',
  'board_discussion',
  'decision',
  'document',
  'note',
];

export function options<T extends string>(v: { values: T[]; labels: Record<T, string> }, only?: readonly T[]) {
  return (only ?? v.values).map((value) => ({ value, label: v.labels[value] }));
}
