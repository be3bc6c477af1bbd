/**
 * Checks that keep what the public reads honest (issue 11): a result fits a phone (two to four
 * points, at most three steps), no reviewer's note reaches a public text, the « relu » status is
 * earned, Code pénal articles are never cited as today's law with their 1867 number, and a new
 * number is only ever entered with its official source.
 */
import {
  formerPenalCodeLabel,
  isIsoDate,
  isOfficialSource,
  NEW_PENAL_CODE_FROM,
  newPenalCodeLabel,
  penalCodeNumberings,
} from './guide.references.js';
import type { GuideContent, GuideLeaf, LegalReference } from './guide.types.js';

/** Marks that belong to the reviewer's notes, never to a public text. */
const REVIEWER_MARK = /⚠|à valider|a valider juridiquement|portée à valider|\bTODO\b/i;

function checkLeafShape(leaf: GuideLeaf, contacts: Set<string>): string[] {
  const errors: string[] = [];
  if (leaf.points.length < 2 || leaf.points.length > 4) {
    errors.push(
      `Le résultat « ${leaf.id} » doit résumer la réponse en 2 à 4 points courts (il en a ${leaf.points.length}).`,
    );
  }
  if (leaf.steps.length < 1 || leaf.steps.length > 3) {
    errors.push(
      `Le résultat « ${leaf.id} » doit proposer 1 à 3 étapes « Que faire maintenant ? » (il en a ${leaf.steps.length}).`,
    );
  }
  for (const [i, p] of [...leaf.points, ...leaf.steps].entries()) {
    if (p.trim() === '') errors.push(`Le résultat « ${leaf.id} » a un point ou une étape vide (n° ${i + 1}).`);
  }
  for (const id of leaf.contacts ?? []) {
    if (!contacts.has(id)) errors.push(`Le résultat « ${leaf.id} » renvoie au contact « ${id} », qui n'existe pas.`);
  }
  return errors;
}

/** Every text the public side shows, with where it comes from. */
function publicTexts(content: GuideContent): Array<[string, string]> {
  const out: Array<[string, string]> = [
    ['avertissement', content.disclaimer],
    ...content.entry.paragraphs.map((p, i): [string, string] => [`accueil ${i + 1}`, p]),
  ];
  for (const q of content.questions) {
    out.push([`question ${q.id}`, `${q.label} ${q.text} ${q.help}`]);
    for (const a of q.answers) {
      out.push([`réponse ${q.id}=${a.code}`, `${a.label} ${a.resultNote ?? ''}`]);
      for (const c of a.references ?? [])
        out.push([`citation de ${q.id}=${a.code}`, `${c.pinpoint ?? ''} ${c.qualifier ?? ''}`]);
    }
  }
  for (const l of content.leaves) {
    out.push([`résultat ${l.id}`, [l.title, l.text, ...l.points, ...l.steps].join(' ')]);
    for (const c of l.references) out.push([`citation de ${l.id}`, `${c.pinpoint ?? ''} ${c.qualifier ?? ''}`]);
  }
  for (const r of content.references) {
    out.push([`référence ${r.id}`, [r.fullTitle ?? '', ...r.numberings.map((n) => n.label)].join(' ')]);
  }
  return out;
}

function checkNoReviewerMarks(content: GuideContent): string[] {
  return publicTexts(content)
    .filter(([, value]) => REVIEWER_MARK.test(value))
    .map(
      ([where]) =>
        `Le texte public « ${where} » contient une note de relecture (⚠, « à valider »…) : ces notes vont dans « reviewNotes » ou « toVerify », jamais dans ce que lit le public.`,
    );
}

function checkReviewStatus(content: GuideContent): string[] {
  const errors: string[] = [];
  const unreviewed = [
    ...content.leaves.filter((l) => !l.review).map((l) => l.id),
    ...content.references.filter((r) => !r.review).map((r) => r.id),
  ];
  for (const item of [...content.leaves, ...content.references]) {
    if (item.review && (!item.review.by.trim() || !isIsoDate(item.review.on))) {
      errors.push(`« ${item.id} » : la mention « relu » doit porter un nom et une date valable.`);
    }
  }
  if (content.status === 'reviewed' && unreviewed.length > 0) {
    errors.push(
      `Le contenu ne peut être « relu » que si chaque résultat et chaque référence l'est ; pas encore relus : ${unreviewed.join(', ')}.`,
    );
  }
  if (content.status === 'draft' && unreviewed.length === 0) {
    errors.push('Tout est relu : le contenu doit passer au statut « reviewed ».');
  }
  return errors;
}

function checkPenalCode(ref: LegalReference): string[] {
  const errors: string[] = [];
  const p = ref.penalCode1867;
  if (!p) {
    // A bare « art. … CP » still valid after the new code came in is an 1867 number shown as today's law.
    const stale = ref.numberings.find(
      (n) =>
        (n.validUntil === null || n.validUntil >= NEW_PENAL_CODE_FROM) &&
        /^art\. [0-9]+[a-z]* CP\b/.test(n.label) &&
        !/ancien/.test(n.label),
    );
    if (stale && ref.id.startsWith('CP_')) {
      errors.push(
        `La référence « ${ref.id} » cite « ${stale.label} » après le ${NEW_PENAL_CODE_FROM} : un article du Code pénal de 1867 se cite « ${formerPenalCodeLabel('…')} » tant que son nouveau numéro n'est pas saisi (champ penalCode1867).`,
      );
    }
    return errors;
  }
  if (p.newArticle !== undefined) {
    if (!p.source || !isOfficialSource(p.source)) {
      errors.push(
        `La référence « ${ref.id} » : le nouveau numéro « ${p.newArticle} » doit venir du texte officiel (lien Justel ou Moniteur belge sur ejustice.just.fgov.be).`,
      );
    }
    if (!p.checkedOn || !isIsoDate(p.checkedOn)) {
      errors.push(`La référence « ${ref.id} » : le nouveau numéro doit porter la date à laquelle il a été vérifié.`);
    }
  }
  const expected = penalCodeNumberings(p.article, p.newArticle);
  if (JSON.stringify(expected) !== JSON.stringify(ref.numberings)) {
    const label = p.newArticle ? newPenalCodeLabel(p.newArticle, p.article) : formerPenalCodeLabel(p.article);
    errors.push(
      `La référence « ${ref.id} » (Code pénal) doit se citer « art. ${p.article} CP » jusqu'à la veille du ${NEW_PENAL_CODE_FROM}, puis « ${label} ».`,
    );
  }
  return errors;
}

function checkOfficialText(ref: LegalReference): string[] {
  if (!ref.officialText) return [];
  const errors: string[] = [];
  if (!isOfficialSource(ref.officialText.url)) {
    errors.push(
      `La référence « ${ref.id} » est marquée vérifiée sur une source qui n'est pas officielle (${ref.officialText.url}) : seuls Justel, le Moniteur belge, la Cour constitutionnelle et EUR-Lex comptent.`,
    );
  }
  if (!isIsoDate(ref.officialText.checkedOn))
    errors.push(`La référence « ${ref.id} » : date de vérification invalide.`);
  return errors;
}

function checkContacts(content: GuideContent): string[] {
  return content.contacts.flatMap((c) => {
    if (!c.source) return [];
    const errors: string[] = [];
    if (!/^https?:\/\//.test(c.source.url))
      errors.push(`Le numéro « ${c.name} » : la source doit être une adresse web (http ou https).`);
    if (!isIsoDate(c.source.checkedOn)) errors.push(`Le numéro « ${c.name} » : date de vérification invalide.`);
    return errors;
  });
}

export function checkPublicationRules(content: GuideContent): string[] {
  const contacts = new Set(content.contacts.map((c) => c.id));
  return [
    ...content.leaves.flatMap((l) => checkLeafShape(l, contacts)),
    ...checkNoReviewerMarks(content),
    ...checkReviewStatus(content),
    ...content.references.flatMap(checkPenalCode),
    ...content.references.flatMap(checkOfficialText),
    ...checkContacts(content),
  ];
}
