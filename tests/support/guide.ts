/**
 * Test-only helpers: the spec's scenarios and the rule deciding that a « must cite » item is
 * present among the citations. Not a *.test.ts file, so the runner does not execute it alone.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { GuideContent, GuideLeaf, GuideQuestion } from '../../src/modules/guide/guide.types.js';

export interface GuideScenario {
  id: string;
  answers: [string, string][];
  expected_leaf: string;
  expected_category: string;
  must_cite: string;
}

/** The spec lives in shared/, beside the repository clone (locally and in CI). */
export const sharedScenariosPath = fileURLToPath(
  new URL('../../../shared/specs/guide-scenarios.jsonl', import.meta.url),
);
export const fixtureScenariosPath = fileURLToPath(new URL('../fixtures/guide-scenarios.jsonl', import.meta.url));

export function readScenarios(path: string): GuideScenario[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as GuideScenario);
}

const scenarioChangesPath = fileURLToPath(new URL('../fixtures/guide-scenario-changes.json', import.meta.url));

export interface ScenarioChanges {
  changed: { id: string; change: string; reason: string }[];
  added: { id: string; situation: string }[];
}

export function readScenarioChanges(): ScenarioChanges {
  return JSON.parse(readFileSync(scenarioChangesPath, 'utf8')) as ScenarioChanges;
}

/**
 * The repository copy is the reference since issue 11's legal review corrected some expected
 * results; every difference with the spec is listed, with its reason, in guide-scenario-changes.json.
 */
export function loadScenarios(): { scenarios: GuideScenario[]; source: string } {
  return { scenarios: readScenarios(fixtureScenariosPath), source: fixtureScenariosPath };
}

function normalise(value: string): string {
  return value.replace(/[’‘]/g, "'").replace(/\s+/g, ' ').trim().toLowerCase();
}

/**
 * A must-cite item such as « art. 458 CP (témoignage en justice possible s'ils sont convoqués
 * par un juge) » names a reference, then often a scenario-specific remark in brackets. The item
 * is present when a citation contains it whole, or contains the part before that final remark
 * (« art. 458 CP »). « art. 458bis CP » does not contain « art. 458 CP », so articles stay distinct.
 */
function mustCiteCore(item: string): string {
  const match = /^(.*\S) \([^()]*\)$/.exec(item.trim());
  return match?.[1] ?? item.trim();
}

export function isCited(item: string, citations: readonly string[]): boolean {
  const whole = normalise(item);
  const core = normalise(mustCiteCore(item));
  return citations.some((c) => normalise(c).includes(whole) || normalise(c).includes(core));
}

export function splitMustCite(mustCite: string): string[] {
  return mustCite
    .split(' ; ')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export function cloneContent(content: GuideContent): GuideContent {
  return structuredClone(content);
}

export function leafIn(content: GuideContent, id: string): GuideLeaf {
  const leaf = content.leaves.find((l) => l.id === id);
  if (!leaf) throw new Error(`leaf ${id} not in content`);
  return leaf;
}

export function questionIn(content: GuideContent, id: string): GuideQuestion {
  const question = content.questions.find((q) => q.id === id);
  if (!question) throw new Error(`question ${id} not in content`);
  return question;
}

/** Sets where one answer of a question leads (to rewire the flow in validator tests). */
export function rewire(content: GuideContent, questionId: string, code: string, next: string): void {
  const answer = questionIn(content, questionId).answers.find((a) => a.code === code);
  if (!answer) throw new Error(`answer ${questionId}=${code} not in content`);
  answer.next = next;
}
