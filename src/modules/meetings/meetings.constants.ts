import type { AgendaItemKind, BoardMeetingKind, DecisionAction, Presence } from '../../db/schema.js';

export const MEETING_KINDS: readonly BoardMeetingKind[] = ['meeting', 'retreat'];
export const KIND_LABELS: Record<BoardMeetingKind, string> = {
  meeting: 'Réunion de bureau',
  retreat: 'Mise au vert',
};

export const PRESENCES: readonly Presence[] = ['present', 'excused'];
export const PRESENCE_LABELS: Record<Presence | 'unknown', string> = {
  present: 'Présent·e',
  excused: 'Excusé·e',
  unknown: 'Non indiqué',
};

export const ITEM_KIND_LABELS: Record<AgendaItemKind, string> = {
  request: 'Demande',
  hearing: 'Rencontre en bureau',
  free: 'Point',
};

export const DECISION_ACTIONS: readonly DecisionAction[] = ['note', 'assign', 'hearing', 'answer', 'decline', 'close'];
/** What a decision did, in a few words (the audit journal). */
export const DECISION_ACTION_WORDS: Record<DecisionAction, string> = {
  note: 'notée',
  assign: 'demande confiée',
  hearing: 'rencontre en bureau',
  answer: 'réponse donnée',
  decline: 'déclinée',
  close: 'clôturée',
};
/** What the decision form offers, in plain words. */
export const DECISION_ACTION_LABELS: Record<DecisionAction, string> = {
  note: 'Décision seulement (la demande reste ouverte)',
  assign: 'Confier la demande à un membre du bureau',
  hearing: 'Inviter en rencontre en bureau (à une prochaine réunion)',
  answer: 'Réponse donnée : clôturer la demande',
  decline: 'Décliner (avec une raison) : clôturer la demande',
  close: 'Clôturer avec une autre issue',
};
