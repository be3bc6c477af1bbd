/**
 * Rule R13 as a content check: the guide must never tell a worker that they must report
 * indications of terrorism. The active duty of art. 46bis/1 § 3 CIC was annulled by the
 * Cour constitutionnelle (arrêt n° 44/2019, 14 March 2019); only the institution's passive duty
 * to answer a written requisition (§§ 1-2) remains.
 *
 * No single signal is trusted, because content is edited by hand:
 *  1. structure: a reference naming art. 46bis/1 § 3 must be marked `annulled`, and no leaf of an
 *     obligation category may cite an annulled reference;
 *  2. words: obligation leaves are read (title, text, citations) with accents and case folded;
 *  3. flow: no path that went through a terrorism question or answer may end on MUST_DECLARE, so
 *     re-wiring « TERRORISME » to the urgency leaf is caught even if that leaf never says the word.
 */
import type { GuideContent, GuideLeaf, LegalReference } from './guide.types.js';

/** Lowercase, accents removed, apostrophes and spaces unified: « Terroriste » = « terroriste ». */
export function foldText(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’‘`´]/g, "'")
    .replace(/\s+/g, ' ');
}

// « attentat » is deliberately absent: « attentat à la pudeur » is a sexual offence (art. 458bis).
const TERRORISM = /terror|radicalis|\bart(icle)?\.? ?137\b/;
const ARTICLE_46BIS1_P3 = /46 ?bis ?\/ ?1 ?,? ?(§|par\.?|paragraphe) ?3\b/;
const WORKER = /\b(vous|travailleu\w*|assistant\w*|intervenant\w*|personnel|agents?)\b/;
const DUTY = /\b(devez|doit|doivent|obligation|obligatoire|(etes|est|sont) (tenu|oblige)\w*)\b/;
const REPORTING = /\b(signal\w*|declar\w*|denonc\w*|procureur|parquet|police)\b/;
const INSTITUTION_ROUTE = /\b(direct\w*|presiden\w*)\b/;

/** Spec §0.2: under current law a duty to act or alert essentially means art. 422bis CP. */
const NON_ASSISTANCE_REFERENCE = 'CP_422BIS';

export function mentionsTerrorism(value: string): boolean {
  return TERRORISM.test(foldText(value));
}

export function namesAnnulled46bis1P3(value: string): boolean {
  return ARTICLE_46BIS1_P3.test(foldText(value));
}

function isAnnulled(reference: LegalReference): boolean {
  return reference.annulled !== undefined || reference.numberings.some((n) => namesAnnulled46bis1P3(n.label));
}

function referenceText(reference: LegalReference): string {
  return [reference.id, reference.fullTitle ?? '', ...reference.numberings.map((n) => n.label)].join(' ');
}

/** Everything a reader of the leaf sees: title, text and the words of each citation. */
function leafWords(leaf: GuideLeaf, references: Map<string, LegalReference>): string {
  const citations = leaf.references.map((c) => {
    const ref = references.get(c.ref);
    return [ref ? referenceText(ref) : c.ref, c.pinpoint ?? '', c.qualifier ?? ''].join(' ');
  });
  return [leaf.title, leaf.text, ...citations].join(' ');
}

function checkReferencesMarked(content: GuideContent): string[] {
  return content.references
    .filter((r) => r.numberings.some((n) => namesAnnulled46bis1P3(n.label)) && r.annulled === undefined)
    .map(
      (r) =>
        `La référence « ${r.id} » vise l'art. 46bis/1 § 3 CIC, annulé par la Cour constitutionnelle (arrêt n° 44/2019) : elle doit porter la mention « annulled » (règle R13).`,
    );
}

function citesAnnulled(leaf: GuideLeaf, references: Map<string, LegalReference>): string[] {
  return leaf.references
    .filter((c) => {
      const ref = references.get(c.ref);
      return ref !== undefined && isAnnulled(ref);
    })
    .map(
      (c) =>
        `La feuille « ${leaf.id} » (${leaf.category}) s'appuie sur « ${c.ref} », une disposition annulée : une disposition annulée ne peut fonder aucune obligation (règle R13).`,
    );
}

function checkMustDeclare(leaf: GuideLeaf, references: Map<string, LegalReference>): string[] {
  const errors: string[] = [];
  const words = leafWords(leaf, references);
  const terrorRefs = leaf.references.filter((c) => references.get(c.ref)?.topics?.includes('terrorism'));
  if (mentionsTerrorism(words) || terrorRefs.length > 0) {
    errors.push(
      `La feuille « ${leaf.id} » (MUST_DECLARE) lie une obligation de déclarer au terrorisme : depuis l'arrêt C.C. n° 44/2019, aucun·e travailleur·se n'est tenu·e de déclarer des indices d'infraction terroriste (règle R13).`,
    );
  }
  if (namesAnnulled46bis1P3(words)) {
    errors.push(`La feuille « ${leaf.id} » (MUST_DECLARE) invoque l'art. 46bis/1 § 3 CIC, annulé (règle R13).`);
  }
  if (!leaf.references.some((c) => c.ref === NON_ASSISTANCE_REFERENCE)) {
    errors.push(
      `La feuille « ${leaf.id} » (MUST_DECLARE) doit citer « ${NON_ASSISTANCE_REFERENCE} » (non-assistance à personne en danger), seule base actuelle d'une obligation d'alerter.`,
    );
  }
  return errors;
}

function sentences(value: string): string[] {
  return foldText(value).split(/[.;:!?]/);
}

function checkMustAnswerInstitution(leaf: GuideLeaf, references: Map<string, LegalReference>): string[] {
  const errors: string[] = [];
  const text = `${leaf.title}. ${leaf.text}`;
  const workerDuty = sentences(text).find((s) => WORKER.test(s) && DUTY.test(s) && REPORTING.test(s));
  if (workerDuty !== undefined) {
    errors.push(
      `La feuille « ${leaf.id} » (MUST_ANSWER_INSTITUTION) met une obligation de signaler à charge du travailleur (« ${workerDuty.trim()} ») : seule l'institution répond, sur réquisition écrite (règle R13).`,
    );
  }
  if (!INSTITUTION_ROUTE.test(foldText(text))) {
    errors.push(
      `La feuille « ${leaf.id} » (MUST_ANSWER_INSTITUTION) doit dire que la demande passe par la direction ou la présidence de l'institution (règle R12).`,
    );
  }
  if (namesAnnulled46bis1P3(leafWords(leaf, references))) {
    errors.push(
      `La feuille « ${leaf.id} » (MUST_ANSWER_INSTITUTION) invoque l'art. 46bis/1 § 3 CIC, annulé (règle R13).`,
    );
  }
  return errors;
}

/** Ids of every node reached after a question or an answer that speaks of terrorism. */
function nodesAfterTerrorism(content: GuideContent): Set<string> {
  const questions = new Map(content.questions.map((q) => [q.id, q]));
  const tainted = new Set<string>();
  const stack: string[] = [];
  for (const q of content.questions) {
    for (const a of q.answers) {
      const target = questions.get(a.next);
      const targetWords = target ? `${target.label} ${target.text} ${target.help}` : '';
      if (mentionsTerrorism(`${a.code} ${a.label} ${a.resultNote ?? ''} ${targetWords}`)) stack.push(a.next);
    }
  }
  while (stack.length > 0) {
    const id = stack.pop() as string;
    if (tainted.has(id)) continue;
    tainted.add(id);
    for (const a of questions.get(id)?.answers ?? []) stack.push(a.next);
  }
  return tainted;
}

function checkTerrorismPaths(content: GuideContent): string[] {
  const tainted = nodesAfterTerrorism(content);
  return content.leaves
    .filter((l) => l.category === 'MUST_DECLARE' && tainted.has(l.id))
    .map(
      (l) =>
        `La feuille « ${l.id} » (MUST_DECLARE) est atteinte après une question ou une réponse sur le terrorisme : le guide ne doit jamais conclure à une obligation de déclarer dans ce cas (règle R13).`,
    );
}

/** All R13 findings, in French; empty when the content respects the rule. */
export function checkTerrorismRule(content: GuideContent): string[] {
  const references = new Map(content.references.map((r) => [r.id, r]));
  const leafErrors = content.leaves.flatMap((leaf) => {
    if (leaf.category === 'MUST_DECLARE')
      return [...citesAnnulled(leaf, references), ...checkMustDeclare(leaf, references)];
    if (leaf.category === 'MUST_ANSWER_INSTITUTION') {
      return [...citesAnnulled(leaf, references), ...checkMustAnswerInstitution(leaf, references)];
    }
    return [];
  });
  return [...checkReferencesMarked(content), ...leafErrors, ...checkTerrorismPaths(content)];
}
