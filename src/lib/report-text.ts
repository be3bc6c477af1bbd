/**
 * The rule for a request's « texte pour le rapport »: one to four anonymised
 * sentences of reasonable length. Shared by the report's form and the import
 * of past requests (both check the same rule), so it lives below both.
 */
const REPORT_TEXT_MAX = 1200;
export const REPORT_TEXT_MAX_SENTENCES = 4;

/** Sentences of a text: cut after . ! ? … followed by a space and a capital (or a quote). */
function countSentences(text: string): number {
  const t = text.trim();
  if (!t) return 0;
  return t.split(/(?<=[.!?…])\s+(?=[«"“(\p{Lu}])/u).filter((s) => s.trim()).length;
}

/** A French message when the text is not one to four sentences of reasonable length; null when fine. */
export function reportTextProblem(text: string): string | null {
  const t = text.trim();
  if (t.length > REPORT_TEXT_MAX)
    return `Texte pour le rapport : ${REPORT_TEXT_MAX} caractères au maximum (il en compte ${t.length}).`;
  const n = countSentences(t);
  if (n > REPORT_TEXT_MAX_SENTENCES)
    return `Texte pour le rapport : ${REPORT_TEXT_MAX_SENTENCES} phrases au plus (il en compte ${n}). Le rapport garde chaque demande brève.`;
  return null;
}
