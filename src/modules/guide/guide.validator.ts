/**
 * Semantic checks of the guide content, in French, for whoever edits it. Run in the tests and
 * at start-up: the engine trusts content that passes. An empty list means valid.
 */
import { isIsoDate, nextIsoDate } from './guide.references.js';
import { checkCautionRule } from './guide.caution-rule.js';
import { checkPublicationRules } from './guide.publication-rules.js';
import { checkTerrorismRule } from './guide.terrorism-rule.js';
import { GUIDE_CATEGORIES, type GuideContent, type GuideLeaf, type LegalReference } from './guide.types.js';

function checkMeta(content: GuideContent): string[] {
  const errors: string[] = [];
  if (content.version.trim() === '') errors.push('Le contenu doit porter un numéro de version.');
  if (!isIsoDate(content.checkedOn))
    errors.push(`La date de vérification du contenu « ${content.checkedOn} » n'est pas une date AAAA-MM-JJ.`);
  if (!content.questions.some((q) => q.id === content.startQuestion)) {
    errors.push(`La question de départ « ${content.startQuestion} » n'existe pas.`);
  }
  for (const code of GUIDE_CATEGORIES) {
    if (!content.categories[code]?.label.trim()) errors.push(`La catégorie ${code} n'a pas de libellé en français.`);
  }
  return errors;
}

function duplicates(ids: string[]): string[] {
  return [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))];
}

function checkIds(content: GuideContent): string[] {
  const nodes = duplicates([...content.questions.map((q) => q.id), ...content.leaves.map((l) => l.id)]);
  const refs = duplicates(content.references.map((r) => r.id));
  return [
    ...nodes.map((id) => `L'identifiant « ${id} » est utilisé plusieurs fois (questions et feuilles confondues).`),
    ...refs.map((id) => `La référence « ${id} » est définie plusieurs fois.`),
  ];
}

function checkQuestions(content: GuideContent): string[] {
  const nodes = new Set([...content.questions.map((q) => q.id), ...content.leaves.map((l) => l.id)]);
  const references = new Set(content.references.map((r) => r.id));
  return content.questions.flatMap((q) => {
    const errors: string[] = [];
    if (q.text.trim() === '') errors.push(`La question « ${q.id} » n'a pas de texte.`);
    if (q.answers.length < 2) errors.push(`La question « ${q.id} » doit proposer au moins deux réponses.`);
    for (const code of duplicates(q.answers.map((a) => a.code))) {
      errors.push(`La question « ${q.id} » propose deux fois la réponse « ${code} ».`);
    }
    for (const a of q.answers) {
      if (!nodes.has(a.next)) {
        errors.push(`La réponse « ${a.code} » de la question « ${q.id} » mène à « ${a.next} », qui n'existe pas.`);
      }
      for (const c of a.references ?? []) {
        if (!references.has(c.ref))
          errors.push(`La réponse « ${a.code} » de la question « ${q.id} » cite « ${c.ref} », qui n'existe pas.`);
      }
    }
    return errors;
  });
}

function successors(content: GuideContent): Map<string, string[]> {
  return new Map(content.questions.map((q) => [q.id, q.answers.map((a) => a.next)]));
}

function checkReachable(content: GuideContent): string[] {
  const next = successors(content);
  const reached = new Set<string>();
  const stack = [content.startQuestion];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    if (reached.has(id)) continue;
    reached.add(id);
    stack.push(...(next.get(id) ?? []));
  }
  return [
    ...content.questions
      .filter((q) => !reached.has(q.id))
      .map((q) => `La question « ${q.id} » n'est atteignable depuis aucune réponse.`),
    ...content.leaves
      .filter((l) => !reached.has(l.id))
      .map((l) => `La feuille « ${l.id} » n'est atteignable depuis aucune réponse.`),
  ];
}

/** Depth-first search with the current trail, so a cycle is reported as the loop it makes. */
function checkCycles(content: GuideContent): string[] {
  const next = successors(content);
  const done = new Set<string>();
  const found = new Map<string, string>();
  const visit = (id: string, trail: string[]): void => {
    const at = trail.indexOf(id);
    if (at >= 0) {
      const loop = [...trail.slice(at), id];
      const key = [...loop.slice(0, -1)].sort().join(',');
      found.set(key, `Boucle dans le parcours : ${loop.join(' → ')}.`);
      return;
    }
    if (done.has(id)) return;
    for (const n of next.get(id) ?? []) visit(n, [...trail, id]);
    done.add(id);
  };
  for (const q of content.questions) visit(q.id, []);
  return [...found.values()];
}

function checkLeaf(leaf: GuideLeaf, references: Set<string>): string[] {
  const errors: string[] = [];
  if (!(GUIDE_CATEGORIES as readonly string[]).includes(leaf.category)) {
    errors.push(`La feuille « ${leaf.id} » a une catégorie inconnue : « ${leaf.category} ».`);
  }
  if (leaf.title.trim() === '') errors.push(`La feuille « ${leaf.id} » n'a pas de titre.`);
  if (leaf.text.trim() === '') errors.push(`La feuille « ${leaf.id} » n'a pas de texte.`);
  if (leaf.references.length === 0) errors.push(`La feuille « ${leaf.id} » ne cite aucune référence.`);
  for (const c of leaf.references) {
    if (!references.has(c.ref))
      errors.push(`La feuille « ${leaf.id} » cite la référence « ${c.ref} », qui n'existe pas.`);
  }
  return errors;
}

function checkNumberings(ref: LegalReference): string[] {
  const errors: string[] = [];
  const list = ref.numberings;
  for (const n of list) {
    if (n.label.trim() === '') errors.push(`La référence « ${ref.id} » a un libellé vide.`);
    for (const d of [n.validFrom, n.validUntil]) {
      if (d !== null && !isIsoDate(d))
        errors.push(`La référence « ${ref.id} » : « ${d} » n'est pas une date AAAA-MM-JJ.`);
    }
    if (n.validFrom && n.validUntil && n.validFrom > n.validUntil) {
      errors.push(`La référence « ${ref.id} » : le libellé « ${n.label} » finit avant de commencer.`);
    }
  }
  // Contiguous and open at both ends: every date has exactly one label, so no citation can vanish.
  if (list.length > 0 && list[0]?.validFrom !== null) {
    errors.push(`La référence « ${ref.id} » : le premier libellé doit valoir sans date de début (validFrom: null).`);
  }
  if (list.length > 0 && list.at(-1)?.validUntil !== null) {
    errors.push(`La référence « ${ref.id} » : le dernier libellé doit valoir sans date de fin (validUntil: null).`);
  }
  list.slice(1).forEach((n, i) => {
    const prev = list[i];
    const expected = prev?.validUntil ? nextIsoDate(prev.validUntil) : null;
    if (n.validFrom === null || n.validFrom !== expected) {
      errors.push(
        `La référence « ${ref.id} » : « ${n.label} » doit commencer le lendemain de la fin du libellé précédent (${expected ?? 'date de fin manquante'}), sans trou ni chevauchement.`,
      );
    }
  });
  return errors;
}

function checkReference(ref: LegalReference): string[] {
  const errors: string[] = [];
  if (ref.numberings.length === 0) errors.push(`La référence « ${ref.id} » n'a aucun libellé (numérotation).`);
  if (!isIsoDate(ref.checkedOn))
    errors.push(`La référence « ${ref.id} » n'a pas de date de vérification valable (checkedOn).`);
  if (ref.annulled && !isIsoDate(ref.annulled.on))
    errors.push(`La référence « ${ref.id} » : date d'annulation invalide.`);
  return [...errors, ...checkNumberings(ref)];
}

function checkFinalBlock(content: GuideContent): string[] {
  const errors: string[] = [];
  if (content.final.questions.length === 0) errors.push('Le bloc final doit proposer des questions à se poser.');
  if (content.final.advice.length === 0) errors.push('Le bloc final doit dire où demander conseil.');
  return errors;
}

export function validateGuideContent(content: GuideContent): string[] {
  const references = new Set(content.references.map((r) => r.id));
  return [
    ...checkMeta(content),
    ...checkIds(content),
    ...checkQuestions(content),
    ...checkReachable(content),
    ...checkCycles(content),
    ...content.leaves.flatMap((l) => checkLeaf(l, references)),
    ...content.references.flatMap(checkReference),
    ...checkFinalBlock(content),
    ...checkTerrorismRule(content),
    ...checkCautionRule(content),
    ...checkPublicationRules(content),
  ];
}
