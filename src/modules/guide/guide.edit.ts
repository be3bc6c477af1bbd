/**
 * Applying a back-office form to a copy of the guide's content: texts, points and steps, reviewer
 * notes, official-text checks, dated numberings, and new Code pénal numbers entered from the
 * official text. Pure: the routes publish the result after the validator accepts it.
 */
import { NotFoundError } from '../../errors.js';
import { isValidIsoDate } from '../../lib/time.js';
import { normaliseDayInput, str, strList } from '../../web/validation.js';
import { isOfficialSource, penalCodeNumberings } from './guide.references.js';
import type { GuideContent, LegalReference, Numbering } from './guide.types.js';

export type Body = Record<string, unknown>;
export type Kind = 'question' | 'leaf' | 'reference' | 'general';

function clone(content: GuideContent): GuideContent {
  return structuredClone(content);
}

/** Applies a submitted form to a copy of the content; returns French errors for malformed input. */
export function applyEdit(
  content: GuideContent,
  kind: Kind,
  id: string,
  body: Body,
): { next: GuideContent; errors: string[] } {
  const next = clone(content);
  const errors: string[] = [];
  // A date picker sends « 2026-11-27 »; typed by hand without one, « 27/11/2026 » works too.
  const day = (value: unknown) => normaliseDayInput(str(value));
  const need = (value: string, label: string) => {
    if (!value.trim()) errors.push(`${label} : ce champ ne peut pas être vide.`);
    return value.trim();
  };
  if (kind === 'general') {
    const checkedOn = day(body.checkedOn);
    if (!isValidIsoDate(checkedOn)) errors.push('Date de vérification : date invalide (JJ/MM/AAAA).');
    else next.checkedOn = checkedOn;
    next.disclaimer = need(str(body.disclaimer), 'Avertissement');
    next.version = need(str(body.version), 'Version');
  } else if (kind === 'question') {
    const q = next.questions.find((x) => x.id === id);
    if (!q) throw new NotFoundError("Cette question n'existe pas.");
    q.label = need(str(body.label), 'Titre court');
    q.text = need(str(body.text), 'Question');
    q.help = need(str(body.help), 'En savoir plus');
    q.answers.forEach((a, i) => {
      a.label = need(str(body[`answer_${i}`]), `Réponse « ${a.code} »`);
    });
  } else if (kind === 'leaf') {
    const l = next.leaves.find((x) => x.id === id);
    if (!l) throw new NotFoundError("Ce résultat n'existe pas.");
    l.title = need(str(body.title), 'Titre');
    l.points = lines(str(body.points));
    l.steps = lines(str(body.steps));
    l.text = need(str(body.text), 'Texte');
    const notes = str(body.reviewNotes).trim();
    if (notes) l.reviewNotes = notes;
    else delete l.reviewNotes;
    // An edited result must be read again by the jurist.
    delete l.review;
  } else {
    const r = next.references.find((x) => x.id === id);
    if (!r) throw new NotFoundError("Cette référence n'existe pas.");
    const checkedOn = day(body.checkedOn);
    if (!isValidIsoDate(checkedOn)) errors.push('Vérifiée le : date invalide (JJ/MM/AAAA).');
    else r.checkedOn = checkedOn;
    const url = str(body.url).trim();
    if (url && !/^https?:\/\//.test(url)) errors.push('Lien : une adresse web commençant par https://.');
    if (url) r.url = url;
    else delete r.url;
    const official = str(body.officialUrl).trim();
    const officialOn = day(body.officialCheckedOn);
    if (official || officialOn) {
      if (!isOfficialSource(official))
        errors.push('Texte officiel : un lien Justel ou Moniteur belge (https://www.ejustice.just.fgov.be/…).');
      if (!isValidIsoDate(officialOn)) errors.push('Texte officiel lu le : date invalide (JJ/MM/AAAA).');
      r.officialText = { url: official, checkedOn: officialOn };
    } else delete r.officialText;
    if (r.penalCode1867) {
      errors.push(...applyNewPenalCode(r, body));
    } else {
      const labels = strList(body.numLabel);
      const froms = [body.numFrom].flat().map(day);
      const untils = [body.numUntil].flat().map(day);
      const numberings: Numbering[] = [];
      labels.forEach((label, i) => {
        const from = froms[i] ?? '';
        const until = untils[i] ?? '';
        if ((from && !isValidIsoDate(from)) || (until && !isValidIsoDate(until)))
          errors.push(`Numérotation ${i + 1} : dates au format JJ/MM/AAAA.`);
        numberings.push({ label: label.trim(), validFrom: from || null, validUntil: until || null });
      });
      if (numberings.length === 0) errors.push('Numérotations : au moins une.');
      r.numberings = numberings;
    }
    delete r.review;
  }
  if (kind === 'leaf' || kind === 'reference') next.status = 'draft';
  return { next, errors };
}

/** One line per point or step; blank lines dropped. */
function lines(value: string): string[] {
  return value
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

/**
 * The new Code pénal number of an 1867 article, entered by a board member from the official text:
 * the numberings follow from it (old number until the eve of the new code, then the new one with
 * the old in brackets), so nobody types a date or a label by hand, and nobody guesses.
 */
function applyNewPenalCode(r: LegalReference, body: Body): string[] {
  const p = r.penalCode1867;
  if (!p) return [];
  const errors: string[] = [];
  const article = str(body.newArticle).trim();
  const source = str(body.newSource).trim();
  const checkedOn = normaliseDayInput(str(body.newCheckedOn));
  if (!article && !source && !checkedOn) {
    delete p.newArticle;
    delete p.source;
    delete p.checkedOn;
  } else {
    if (!/^[0-9]+(\/[0-9]+)?[a-z]*$/.test(article))
      errors.push('Nouveau numéro : seulement le numéro de l’article, par exemple 123 ou 123/1.');
    if (!isOfficialSource(source))
      errors.push('Source du nouveau numéro : un lien Justel ou Moniteur belge (https://www.ejustice.just.fgov.be/…).');
    if (!isValidIsoDate(checkedOn)) errors.push('Nouveau numéro vérifié le : date invalide (JJ/MM/AAAA).');
    p.newArticle = article;
    p.source = source;
    p.checkedOn = checkedOn;
  }
  r.numberings = penalCodeNumberings(p.article, p.newArticle);
  return errors;
}
