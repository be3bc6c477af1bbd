/**
 * Dated citation labels (rule R26). A reference keeps one stable id; what changes with time is
 * only how it is cited, so a renumbering (new Code pénal) or an annulment is a data edit, never
 * a change to the flow.
 */
import type { IsoDate, LeafCitation, LegalReference, Numbering } from './guide.types.js';
import { todayInBrussels } from '../../lib/time.js';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written 'YYYY-MM-DD' (rejects 2026-02-30). */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

/** The day after an ISO date, used to check that numberings follow each other without gap. */
export function nextIsoDate(value: IsoDate): IsoDate {
  const d = new Date(`${value}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * The Belgian calendar day of an instant: a law in force « le 9 avril » applies from midnight in
 * Brussels, not in UTC, so a server in another zone must not shift it by a day.
 */
export function belgianDate(on: Date): IsoDate {
  if (Number.isNaN(on.getTime())) throw new RangeError('Date invalide pour le guide.');
  return todayInBrussels(on);
}

/** Whether a numbering applies on a day; bounds are inclusive, null means open-ended. */
function numberingAppliesOn(numbering: Numbering, day: IsoDate): boolean {
  // ISO dates compare correctly as strings.
  const afterStart = numbering.validFrom === null || numbering.validFrom <= day;
  const beforeEnd = numbering.validUntil === null || day <= numbering.validUntil;
  return afterStart && beforeEnd;
}

/** The label to use on a day. Throws if the content leaves a gap (the validator forbids it). */
export function referenceLabelOn(reference: LegalReference, day: IsoDate): string {
  const numbering = reference.numberings.find((n) => numberingAppliesOn(n, day));
  if (!numbering) {
    throw new Error(`La référence « ${reference.id} » n'a aucun libellé valable le ${day}.`);
  }
  return numbering.label;
}

/** « art. 458 CP (témoignage en justice) », « RGPD art. 5 et 32 ». */
export function formatCitation(reference: LegalReference, citation: LeafCitation, day: IsoDate): string {
  const pinpoint = citation.pinpoint ? ` ${citation.pinpoint}` : '';
  const qualifier = citation.qualifier ? ` (${citation.qualifier})` : '';
  return `${referenceLabelOn(reference, day)}${pinpoint}${qualifier}`;
}

/**
 * First day of the new Code pénal (laws of 29 February 2024, Books I and II). The legal
 * review gives 8 April 2026; the date is data a jurist confirms on Justel (docs/guide.md § 4).
 */
export const NEW_PENAL_CODE_FROM: IsoDate = '2026-04-08';

/** Hosts of the official texts: Justel and the Moniteur belge (both on ejustice.just.fgov.be). */
const OFFICIAL_HOSTS = [
  'www.ejustice.just.fgov.be',
  'ejustice.just.fgov.be',
  'www.const-court.be',
  'eur-lex.europa.eu',
];

/** True when a URL points at an official publication of the text (never a mirror or a blog). */
export function isOfficialSource(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && OFFICIAL_HOSTS.includes(parsed.hostname);
  } catch {
    return false;
  }
}

/** « ancien art. 458 CP (Code pénal de 1867) »: how an old-code article is cited until its new number is entered. */
export function formerPenalCodeLabel(article: string): string {
  return `ancien art. ${article} CP (Code pénal de 1867)`;
}

/** « art. 123 CP (ancien art. 458 CP) »: the new number, with the old one readers know. */
export function newPenalCodeLabel(newArticle: string, oldArticle: string): string {
  return `art. ${newArticle} CP (ancien art. ${oldArticle} CP)`;
}

/** The dated numberings of a Code pénal article: the old number, then « ancien … » or the new one. */
export function penalCodeNumberings(article: string, newArticle?: string): Numbering[] {
  return [
    { label: `art. ${article} CP`, validFrom: null, validUntil: previousIsoDate(NEW_PENAL_CODE_FROM) },
    {
      label: newArticle ? newPenalCodeLabel(newArticle, article) : formerPenalCodeLabel(article),
      validFrom: NEW_PENAL_CODE_FROM,
      validUntil: null,
    },
  ];
}

function previousIsoDate(value: IsoDate): IsoDate {
  const d = new Date(`${value}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}
