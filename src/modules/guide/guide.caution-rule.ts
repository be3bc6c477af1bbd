/**
 * Rule R03 as a content check: « dans le doute, abstiens-toi ». Every « je ne sais pas » answer
 * must lead to the branch most protective of the secret, so no path that went through one may
 * end on an obligation (`MUST_ANSWER_INSTITUTION`, `MUST_DECLARE`). The one exception is the start
 * question (« Êtes-vous tenu·e au secret ? »), where « je ne sais pas » means « consider yourself
 * bound », which is itself the protective choice.
 *
 * Found by the legal review of issue 11: « je ne sais pas » at « institution de sécurité
 * sociale ? » led to « votre institution est obligée de répondre », so an ASBL could have handed
 * data to the prosecutor with no legal basis.
 */
import { foldText } from './guide.terrorism-rule.js';
import { OBLIGATION_CATEGORIES, type GuideAnswer, type GuideContent, type GuideQuestion } from './guide.types.js';

const UNSURE_LABEL = /je ne sais pas|pas sur\b|pas sure\b|pas sur·e|j'ai un doute|\bincertain/;

/** An answer that says « I do not know »: code NSP, or a label of doubt, whatever its code. */
function isUnsureAnswer(answer: GuideAnswer): boolean {
  return answer.code === 'NSP' || UNSURE_LABEL.test(foldText(answer.label));
}

interface Trail {
  steps: string[];
  unsure: string | null;
}

/** All R03 findings, in French; one per leaf and first unsure answer, with one example path. */
export function checkCautionRule(content: GuideContent): string[] {
  const questions = new Map<string, GuideQuestion>(content.questions.map((q) => [q.id, q]));
  const leaves = new Map(content.leaves.map((l) => [l.id, l]));
  const found = new Map<string, string>();
  const visit = (id: string, trail: Trail, depth: number): void => {
    // The validator reports cycles elsewhere; a bound keeps this walk finite on broken content.
    if (depth > 200) return;
    const question = questions.get(id);
    if (!question) {
      const leaf = leaves.get(id);
      if (leaf && trail.unsure && OBLIGATION_CATEGORIES.includes(leaf.category)) {
        const key = `${leaf.id}|${trail.unsure}`;
        if (!found.has(key)) {
          found.set(
            key,
            `Règle R03 (dans le doute, abstenez-vous) : la réponse « je ne sais pas » ${trail.unsure} mène au résultat « ${leaf.id} » (${leaf.category}), une obligation. Un « je ne sais pas » doit mener à la branche la plus protectrice du secret. Parcours : ${[...trail.steps, leaf.id].join(' → ')}.`,
          );
        }
      }
      return;
    }
    for (const answer of question.answers) {
      const step = `${question.id}=${answer.code}`;
      const unsure =
        trail.unsure ??
        (question.id !== content.startQuestion && isUnsureAnswer(answer) ? `à « ${question.label} » (${step})` : null);
      visit(answer.next, { steps: [...trail.steps, step], unsure }, depth + 1);
    }
  };
  visit(content.startQuestion, { steps: [], unsure: null }, 0);
  return [...found.values()];
}
