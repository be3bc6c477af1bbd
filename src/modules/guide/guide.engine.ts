/**
 * The « Puis-je parler ? » engine: a pure walk over the content. It holds no legal knowledge of
 * its own; every branch, text and citation comes from the content, so a jurist's edit never
 * needs a code change.
 */
import { belgianDate, formatCitation } from './guide.references.js';
import {
  GUIDE_CATEGORIES,
  type GuideAnswer,
  type GuideCategory,
  type GuideContact,
  type GuideContent,
  type GuideLeaf,
  type GuideQuestion,
  type IsoDate,
  type LeafCitation,
  type LegalReference,
} from './guide.types.js';
import { AppError } from '../../errors.js';

/** A cited source as the result page lists it: full title, link, and whether it was read in the official text. */
export interface GuideSource {
  citation: string;
  fullTitle: string;
  url: string | null;
  /** Where and when the wording was checked in the official text; null = not verified. */
  verified: { url: string; checkedOn: IsoDate } | null;
}

/** Answers keyed by question id, e.g. { Q_BOUND: 'Oui' } (what a form or a query string gives). */
export type GuideAnswers = Readonly<Record<string, string>>;

export interface GuideResult {
  ok: true;
  leaf: string;
  category: GuideCategory;
  /** Plain-French label of the category: « Vous devez vous taire ». */
  categoryLabel: string;
  title: string;
  /** Two to four short points (what you may, must, must not do). */
  points: string[];
  /** « Que faire maintenant ? »: at most three steps. */
  steps: string[];
  /** Numbers to call on this path, only those checked against their official source. */
  contacts: GuideContact[];
  /** The long explanation (« En savoir plus »). */
  text: string;
  /** Sentences added by answers on the path (e.g. the R14 reminder). */
  notes: string[];
  /** Reference labels valid on the evaluation date, with the leaf's pinpoints and qualifiers. */
  citations: string[];
  /** The same citations with full titles, links and verification, for the page. */
  sources: GuideSource[];
  /** 'draft' until a jurist has marked every result and reference « relu ». */
  status: GuideContent['status'];
  /** Oldest check date among the content and the cited references (R26: « vérifié le… »). */
  checkedOn: IsoDate;
  contentVersion: string;
  /** Question ids visited, in order. */
  path: string[];
}

export interface GuideMissingAnswer {
  ok: false;
  error: 'missing';
  missing: string;
  path: string[];
  message: string;
}

export interface GuideUnknownQuestion {
  ok: false;
  error: 'unknown_question';
  question: string;
  message: string;
}

export interface GuideUnknownAnswer {
  ok: false;
  error: 'unknown_answer';
  question: string;
  answer: string;
  message: string;
}

export type GuideInputError = GuideUnknownQuestion | GuideUnknownAnswer;
export type GuideEvaluation = GuideResult | GuideMissingAnswer | GuideInputError;

/** Thrown when the content itself is broken (run validateGuideContent at start-up and in tests). */
class GuideContentError extends AppError {
  override readonly name: string = 'GuideContentError';
  constructor(message: string) {
    super('GUIDE_CONTENT_BROKEN', message);
  }
}

interface GuideIndex {
  questions: Map<string, GuideQuestion>;
  leaves: Map<string, GuideLeaf>;
  references: Map<string, LegalReference>;
  longestFrom: Map<string, number>;
}

// Content objects are immutable in practice; caching the index keeps calls cheap and pure.
const indexes = new WeakMap<GuideContent, GuideIndex>();

function indexOf(content: GuideContent): GuideIndex {
  const cached = indexes.get(content);
  if (cached) return cached;
  const index: GuideIndex = {
    questions: new Map(content.questions.map((q) => [q.id, q])),
    leaves: new Map(content.leaves.map((l) => [l.id, l])),
    references: new Map(content.references.map((r) => [r.id, r])),
    longestFrom: new Map(),
  };
  indexes.set(content, index);
  return index;
}

export function startQuestionId(content: GuideContent): string {
  return content.startQuestion;
}

export function getQuestion(content: GuideContent, id: string): GuideQuestion | undefined {
  return indexOf(content).questions.get(id);
}

export function getLeaf(content: GuideContent, id: string): GuideLeaf | undefined {
  return indexOf(content).leaves.get(id);
}

export interface CategoryListItem {
  code: GuideCategory;
  label: string;
  description: string;
}

/** The categories in the spec's order, with their plain-French label and explanation. */
export function listCategories(content: GuideContent): CategoryListItem[] {
  return GUIDE_CATEGORIES.map((code) => ({ code, ...content.categories[code] }));
}

function answerFor(answers: GuideAnswers, questionId: string): string | undefined {
  // hasOwn: answers come from user input, never read inherited keys such as « constructor ».
  return Object.hasOwn(answers, questionId) ? answers[questionId] : undefined;
}

/**
 * Rejects input that names something the guide does not know. All given answers are checked,
 * even off the path: a code that exists nowhere can only be a broken link or a tampered URL.
 */
function checkAnswers(content: GuideContent, answers: GuideAnswers): GuideInputError | null {
  const { questions } = indexOf(content);
  for (const id of Object.keys(answers)) {
    if (!questions.has(id)) {
      return {
        ok: false,
        error: 'unknown_question',
        question: id,
        message: `La question « ${id} » n'existe pas dans le guide.`,
      };
    }
  }
  for (const [id, code] of Object.entries(answers)) {
    const question = questions.get(id);
    if (question && !question.answers.some((a) => a.code === code)) {
      const allowed = question.answers.map((a) => a.code).join(', ');
      return {
        ok: false,
        error: 'unknown_answer',
        question: id,
        answer: String(code),
        message: `La réponse « ${String(code)} » n'existe pas pour la question « ${id} ». Réponses possibles : ${allowed}.`,
      };
    }
  }
  return null;
}

interface Step {
  question: GuideQuestion;
  answer: GuideAnswer;
}

type Walk =
  { kind: 'leaf'; leaf: GuideLeaf; steps: Step[] } | { kind: 'question'; question: GuideQuestion; steps: Step[] };

function nodeQuestion(index: GuideIndex, id: string): GuideQuestion | GuideLeaf {
  const node = index.questions.get(id) ?? index.leaves.get(id);
  if (!node) throw new GuideContentError(`Le guide renvoie vers « ${id} », qui n'existe pas.`);
  return node;
}

function isQuestion(node: GuideQuestion | GuideLeaf): node is GuideQuestion {
  return 'answers' in node;
}

/** Follows the answers from the start until a leaf or the first unanswered question. */
function walk(content: GuideContent, answers: GuideAnswers): Walk {
  const index = indexOf(content);
  const steps: Step[] = [];
  const seen = new Set<string>();
  let node = nodeQuestion(index, content.startQuestion);
  while (isQuestion(node)) {
    if (seen.has(node.id)) throw new GuideContentError(`Le guide boucle sur la question « ${node.id} ».`);
    seen.add(node.id);
    const code = answerFor(answers, node.id);
    const answer = node.answers.find((a) => a.code === code);
    if (!answer) return { kind: 'question', question: node, steps };
    steps.push({ question: node, answer });
    node = nodeQuestion(index, answer.next);
  }
  return { kind: 'leaf', leaf: node, steps };
}

function earliest(dates: IsoDate[]): IsoDate {
  return dates.reduce((min, d) => (d < min ? d : min));
}

function citationsOf(
  content: GuideContent,
  leaf: GuideLeaf,
  extra: LeafCitation[],
  day: IsoDate,
): { labels: string[]; checked: IsoDate[]; sources: GuideSource[] } {
  const index = indexOf(content);
  const labels: string[] = [];
  const checked: IsoDate[] = [];
  const sources: GuideSource[] = [];
  for (const citation of [...leaf.references, ...extra]) {
    const reference = index.references.get(citation.ref);
    if (!reference)
      throw new GuideContentError(`La feuille « ${leaf.id} » cite « ${citation.ref} », qui n'existe pas.`);
    const label = formatCitation(reference, citation, day);
    if (labels.includes(label)) continue;
    labels.push(label);
    checked.push(reference.checkedOn);
    sources.push({
      citation: label,
      fullTitle: reference.fullTitle ?? label,
      url: reference.officialText?.url ?? reference.url ?? null,
      verified: reference.officialText ?? null,
    });
  }
  return { labels, checked, sources };
}

/** The leaf's contacts that carry an official source and a check date; the others are never shown. */
function verifiedContacts(content: GuideContent, leaf: GuideLeaf): GuideContact[] {
  return (leaf.contacts ?? []).flatMap((id) => {
    const contact = content.contacts.find((c) => c.id === id);
    return contact?.source ? [contact] : [];
  });
}

/**
 * Evaluates a full answer set. `on` picks which numbering of each reference is cited
 * (default: now, in Belgian time); it never changes the flow.
 */
export function evaluateGuide(content: GuideContent, answers: GuideAnswers, on: Date = new Date()): GuideEvaluation {
  const inputError = checkAnswers(content, answers);
  if (inputError) return inputError;
  const result = walk(content, answers);
  const path = result.steps.map((s) => s.question.id);
  if (result.kind === 'question') {
    return {
      ok: false,
      error: 'missing',
      missing: result.question.id,
      path,
      message: `Il manque la réponse à la question « ${result.question.id} » (${result.question.label}).`,
    };
  }
  const { leaf } = result;
  const extra = result.steps.flatMap((s) => s.answer.references ?? []);
  const { labels, checked, sources } = citationsOf(content, leaf, extra, belgianDate(on));
  return {
    ok: true,
    leaf: leaf.id,
    category: leaf.category,
    categoryLabel: content.categories[leaf.category].label,
    title: leaf.title,
    points: leaf.points,
    steps: leaf.steps,
    contacts: verifiedContacts(content, leaf),
    text: leaf.text,
    notes: result.steps.flatMap((s) => (s.answer.resultNote ? [s.answer.resultNote] : [])),
    citations: labels,
    sources,
    status: content.status,
    checkedOn: earliest([content.checkedOn, ...checked]),
    contentVersion: content.version,
    path,
  };
}

export interface ProgressStep {
  questionId: string;
  questionLabel: string;
  answerCode: string;
  answerLabel: string;
}

export interface GuideProgress {
  ok: true;
  /** Questions already answered on the current path, in order. */
  steps: ProgressStep[];
  /** What to show next: the next question (numbered from 1), or the result. */
  current: { type: 'question'; questionId: string; number: number } | { type: 'result'; leafId: string };
  /** Where a « Retour » button goes; answers are kept, so going forward again is one click. */
  previousQuestionId: string | null;
  /** Upper bound of questions still to answer, current one included (0 at the result). */
  remainingAtMost: number;
}

/** Longest number of questions from a node to a leaf; the flow is acyclic (validator). */
function longestFrom(content: GuideContent, id: string): number {
  const index = indexOf(content);
  const cached = index.longestFrom.get(id);
  if (cached !== undefined) return cached;
  const question = index.questions.get(id);
  const value = question ? 1 + Math.max(...question.answers.map((a) => longestFrom(content, a.next))) : 0;
  index.longestFrom.set(id, value);
  return value;
}

/** Where a partial answer set stands: for « question 3 », the back button and a progress bar. */
export function guideProgress(content: GuideContent, answers: GuideAnswers): GuideProgress | GuideInputError {
  const inputError = checkAnswers(content, answers);
  if (inputError) return inputError;
  const result = walk(content, answers);
  const steps = result.steps.map((s) => ({
    questionId: s.question.id,
    questionLabel: s.question.label,
    answerCode: s.answer.code,
    answerLabel: s.answer.label,
  }));
  const last = steps.at(-1);
  return {
    ok: true,
    steps,
    current:
      result.kind === 'question'
        ? { type: 'question', questionId: result.question.id, number: steps.length + 1 }
        : { type: 'result', leafId: result.leaf.id },
    previousQuestionId: last?.questionId ?? null,
    remainingAtMost: result.kind === 'question' ? longestFrom(content, result.question.id) : 0,
  };
}

/** Only the answers the path uses, e.g. to build a clean, shareable result URL. */
export function answersOnPath(content: GuideContent, answers: GuideAnswers): Record<string, string> {
  const result = walk(content, answers);
  return Object.fromEntries(result.steps.map((s) => [s.question.id, s.answer.code]));
}
