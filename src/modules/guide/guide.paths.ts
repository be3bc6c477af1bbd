/**
 * Every path of the flow, grouped by the result it reaches: what a jurist reads to review a result
 * (issue 11: « each result with every path that reaches it »). The flow is a small acyclic graph
 * (a few hundred paths), so listing them all is cheap.
 */
import type { GuideContent } from './guide.types.js';

export interface PathStep {
  questionId: string;
  question: string;
  answerCode: string;
  answer: string;
}

export function pathsByLeaf(content: GuideContent): Map<string, PathStep[][]> {
  const questions = new Map(content.questions.map((q) => [q.id, q]));
  const out = new Map<string, PathStep[][]>();
  const go = (id: string, trail: PathStep[], depth: number): void => {
    const q = questions.get(id);
    if (!q || depth > 200) {
      out.set(id, [...(out.get(id) ?? []), trail]);
      return;
    }
    for (const a of q.answers) {
      go(a.next, [...trail, { questionId: q.id, question: q.label, answerCode: a.code, answer: a.label }], depth + 1);
    }
  };
  go(content.startQuestion, [], 0);
  return out;
}

/** Everything is « relu »: the content may say so. */
export function everythingReviewed(content: GuideContent): boolean {
  return [...content.leaves, ...content.references].every((item) => item.review !== undefined);
}
