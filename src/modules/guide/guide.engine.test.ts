// Over 300 lines: the guide engine's contract in one place: every scenario of the spec, input errors,
// results, dated references and a walk over every path of the flow. Pure tests (no database); the
// fixed answer sets above are shared by several groups.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { describe, test } from 'node:test';
import { guideContentFr } from './guide.content.js';
import {
  answersOnPath,
  evaluateGuide,
  getLeaf,
  getQuestion,
  guideProgress,
  listCategories,
  startQuestionId,
  type GuideAnswers,
  type GuideEvaluation,
  type GuideResult,
} from './guide.engine.js';
import {
  cloneContent,
  fixtureScenariosPath,
  isCited,
  loadScenarios,
  readScenarioChanges,
  readScenarios,
  sharedScenariosPath,
  splitMustCite,
} from '../../../tests/support/guide.js';
import type { GuideContent } from './guide.types.js';

const content = guideContentFr;
const T01: GuideAnswers = {
  Q_BOUND: 'Oui',
  Q_CONTEXT: 'Oui',
  Q_SITUATION: 'DEMANDE',
  Q_WHO: 'POLICE',
  Q_POLICE_DANGER: 'Non',
};
const T15: GuideAnswers = {
  Q_BOUND: 'Oui',
  Q_CONTEXT: 'Oui',
  Q_SITUATION: 'INFRACTION',
  Q_OFFENCE_TYPE: 'TERRORISME',
  Q_TERROR: 'Non',
};

function expectResult(evaluation: GuideEvaluation): GuideResult {
  assert.equal(evaluation.ok, true, `expected a result, got ${JSON.stringify(evaluation)}`);
  return evaluation as GuideResult;
}

describe('scenarios of the spec', () => {
  const { scenarios, source } = loadScenarios();

  test(`the scenario file is loaded (${source})`, () => {
    // 56 in the spec and 25 added by issue 11; fewer would mean a truncated file.
    assert.ok(scenarios.length >= 81, `only ${scenarios.length} scenarios`);
  });

  test('the repository copy differs from the shared spec only by the recorded changes', () => {
    const changes = readScenarioChanges();
    const fixture = new Map(readScenarios(fixtureScenariosPath).map((s) => [s.id, s]));
    const changed = new Set(changes.changed.map((c) => c.id));
    const added = new Set(changes.added.map((c) => c.id));
    for (const c of [...changes.changed, ...changes.added])
      assert.ok(fixture.has(c.id), `${c.id} is recorded but absent`);
    for (const c of changes.changed) assert.ok(c.reason.length > 20, `${c.id}: a change needs its reason`);
    // The spec beside the repository (in CI and locally) is compared scenario by scenario.
    const spec = existsSync(sharedScenariosPath) ? readScenarios(sharedScenariosPath) : [];
    for (const s of spec) {
      const mine = fixture.get(s.id);
      assert.ok(mine, `${s.id} of the spec is missing from the repository copy`);
      if (changed.has(s.id)) assert.notDeepEqual(mine, s, `${s.id} is recorded as changed but is identical`);
      else assert.deepEqual(mine, s, `${s.id} differs from the spec without a recorded reason`);
    }
    for (const id of fixture.keys()) {
      if (!spec.some((s) => s.id === id) && spec.length > 0) assert.ok(added.has(id), `${id} is new but not recorded`);
    }
  });

  test('the must-cite rule cannot be fooled by a neighbouring article or a missing reference', () => {
    assert.equal(isCited('art. 458 CP', ['art. 458bis CP', 'art. 458ter CP']), false);
    assert.equal(isCited('art. 46bis/1 CIC', ['art. 46bis/1 § 3 CIC annulé par C.C. n° 44/2019 du 14.03.2019']), false);
    assert.equal(isCited('RGPD art. 5 (minimisation)', ['RGPD']), false);
    assert.equal(
      isCited('art. 458 CP (témoignage en justice)', ['art. 458 CP (témoignage en justice ou devant une commission)']),
      true,
    );
  });

  for (const scenario of scenarios) {
    test(`${scenario.id} → ${scenario.expected_leaf} ${scenario.expected_category}`, () => {
      const result = expectResult(evaluateGuide(content, Object.fromEntries(scenario.answers)));
      assert.equal(result.leaf, scenario.expected_leaf);
      assert.equal(result.category, scenario.expected_category);
      for (const item of splitMustCite(scenario.must_cite)) {
        assert.ok(isCited(item, result.citations), `« ${item} » missing from ${JSON.stringify(result.citations)}`);
      }
      assert.deepEqual(
        result.path,
        scenario.answers.map(([q]) => q),
      );
    });
  }
});

describe('evaluateGuide: input errors', () => {
  test('no answer at all asks for the start question', () => {
    const r = evaluateGuide(content, {});
    assert.deepEqual(r, {
      ok: false,
      error: 'missing',
      missing: 'Q_BOUND',
      path: [],
      message: 'Il manque la réponse à la question « Q_BOUND » (Êtes-vous tenu·e au secret ?).',
    });
  });

  test('a partial path names the first unanswered question and the path so far', () => {
    const r = evaluateGuide(content, { Q_BOUND: 'Oui', Q_CONTEXT: 'Oui', Q_SITUATION: 'DEMANDE' });
    assert.equal(r.ok, false);
    assert.equal(r.ok === false && r.error, 'missing');
    if (r.ok === false && r.error === 'missing') {
      assert.equal(r.missing, 'Q_WHO');
      assert.deepEqual(r.path, ['Q_BOUND', 'Q_CONTEXT', 'Q_SITUATION']);
    }
  });

  test('an unknown question id is rejected and named, even when the path is complete', () => {
    const r = evaluateGuide(content, { ...T01, Q_INCONNUE: 'Oui' });
    assert.equal(r.ok === false && r.error, 'unknown_question');
    assert.equal(r.ok === false && r.error === 'unknown_question' && r.question, 'Q_INCONNUE');
    assert.match(r.ok === false ? r.message : '', /« Q_INCONNUE »/);
  });

  test('a leaf id is not a question', () => {
    const r = evaluateGuide(content, { ...T01, L10: 'Oui' });
    assert.equal(r.ok === false && r.error, 'unknown_question');
  });

  test('user-supplied keys like __proto__ are unknown questions, not object internals', () => {
    const answers = JSON.parse('{"__proto__": "Oui", "Q_BOUND": "Oui"}') as GuideAnswers;
    const r = evaluateGuide(content, answers);
    assert.equal(r.ok === false && r.error, 'unknown_question');
    assert.equal(r.ok === false && r.error === 'unknown_question' && r.question, '__proto__');
  });

  test('an unknown answer code is rejected, naming the question, the code and the allowed codes', () => {
    const r = evaluateGuide(content, { Q_BOUND: 'Peut-être' });
    assert.equal(r.ok === false && r.error, 'unknown_answer');
    if (r.ok === false && r.error === 'unknown_answer') {
      assert.equal(r.question, 'Q_BOUND');
      assert.equal(r.answer, 'Peut-être');
      assert.match(r.message, /« Peut-être ».*« Q_BOUND ».*Oui, NSP, Non/);
    }
  });

  test('answer codes are case-sensitive (the contract says OUI for Q_LEGAL_BASIS, Oui elsewhere)', () => {
    const r = evaluateGuide(content, { ...T01, Q_POLICE_DANGER: 'non' });
    assert.equal(r.ok === false && r.error, 'unknown_answer');
  });

  test('a code unknown to an off-path question is still rejected: it can only be a broken link', () => {
    const r = evaluateGuide(content, { ...T01, Q_SH1: 'Peut-être' });
    assert.equal(r.ok === false && r.error, 'unknown_answer');
  });
});

describe('evaluateGuide: results', () => {
  test('valid answers to questions off the path are ignored', () => {
    const plain = expectResult(evaluateGuide(content, T01));
    const noisy = expectResult(evaluateGuide(content, { ...T01, Q_SH1: 'Non', Q_TERROR: 'Oui', Q_URGENT: 'Oui' }));
    assert.deepEqual(noisy, plain);
    assert.equal(plain.leaf, 'L10');
  });

  test('the order of the answers does not matter', () => {
    const reversed = Object.fromEntries(Object.entries(T01).reverse());
    assert.deepEqual(evaluateGuide(content, reversed), evaluateGuide(content, T01));
  });

  test('a result carries the category label, texts, path, version and check date', () => {
    const r = expectResult(evaluateGuide(content, T01, new Date('2026-11-23T10:00:00Z')));
    assert.equal(r.categoryLabel, 'Vous devez vous taire');
    assert.match(r.text, /ni confirmer ni infirmer/);
    assert.deepEqual(r.path, ['Q_BOUND', 'Q_CONTEXT', 'Q_SITUATION', 'Q_WHO', 'Q_POLICE_DANGER']);
    // Issue 11: art. 46bis/1 CIC is no longer cited to a worker questioned by the police.
    assert.deepEqual(r.citations, ['ancien art. 458 CP (Code pénal de 1867)']);
    assert.equal(r.contentVersion, content.version);
    assert.match(r.checkedOn, /^\d{4}-\d{2}-\d{2}$/);
  });

  test('checkedOn is the oldest check among the content and the cited references', () => {
    const edited = cloneContent(content);
    const cp458 = edited.references.find((ref) => ref.id === 'CP_458');
    assert.ok(cp458);
    cp458.checkedOn = '2025-01-15';
    assert.equal(expectResult(evaluateGuide(edited, T01)).checkedOn, '2025-01-15');
    // A reference that the leaf does not cite does not age the result.
    const other = cloneContent(content);
    const rgpd = other.references.find((ref) => ref.id === 'RGPD');
    assert.ok(rgpd);
    rgpd.checkedOn = '2020-01-01';
    assert.equal(expectResult(evaluateGuide(other, T01)).checkedOn, content.checkedOn);
  });

  test('facts committed by a professional add the R14 reminder to the danger leaves (spec §2.6)', () => {
    const r = expectResult(
      evaluateGuide(content, {
        Q_BOUND: 'Oui',
        Q_CONTEXT: 'Oui',
        Q_SITUATION: 'INFRACTION',
        Q_OFFENCE_TYPE: 'PAR_UN_PRO',
        Q_URGENT: 'Non',
        Q_SERIOUS: 'Oui',
        Q_OTHER_MEANS: 'Non',
        Q_VULNERABLE: 'Non',
        Q_IMMINENT: 'Oui',
      }),
    );
    assert.equal(r.leaf, 'L44');
    assert.equal(r.notes.length, 1);
    assert.match(r.notes[0] ?? '', /ne peut pas servir à protéger un·e professionnel·le soupçonné·e/);
    // The same leaf reached through the plain danger branch has no such note.
    const plain = expectResult(
      evaluateGuide(content, {
        Q_BOUND: 'Oui',
        Q_CONTEXT: 'Oui',
        Q_SITUATION: 'DANGER',
        Q_URGENT: 'Non',
        Q_SERIOUS: 'Oui',
        Q_OTHER_MEANS: 'Non',
        Q_VULNERABLE: 'Non',
        Q_IMMINENT: 'Oui',
      }),
    );
    assert.deepEqual(plain.notes, []);
  });

  test('« je ne sais pas » to Q_BOUND counts as bound, and says so', () => {
    const r = expectResult(evaluateGuide(content, { ...T01, Q_BOUND: 'NSP' }));
    assert.equal(r.leaf, 'L10');
    assert.match(r.notes[0] ?? '', /considéré·e comme tenu·e/);
  });
});

describe('evaluateGuide: dated references (R26)', () => {
  /** The shipped content with a hypothetical new number for art. 458 from 9 April 2026. */
  function renumbered(): GuideContent {
    const edited = cloneContent(content);
    const cp458 = edited.references.find((ref) => ref.id === 'CP_458');
    assert.ok(cp458);
    cp458.numberings = [
      { label: 'art. 458 CP', validFrom: null, validUntil: '2026-04-08' },
      { label: 'art. 999 CP (ancien art. 458 CP)', validFrom: '2026-04-09', validUntil: null },
    ];
    return edited;
  }

  test('a renumbering changes the citation on its date, without touching the flow', () => {
    const edited = renumbered();
    const before = expectResult(evaluateGuide(edited, T01, new Date('2026-01-10T12:00:00Z')));
    const after = expectResult(evaluateGuide(edited, T01, new Date('2026-11-23T12:00:00Z')));
    assert.equal(before.citations[0], 'art. 458 CP');
    assert.equal(after.citations[0], 'art. 999 CP (ancien art. 458 CP)');
    assert.equal(after.leaf, before.leaf);
    assert.deepEqual(after.path, before.path);
    assert.equal(after.text, before.text);
  });

  test('the switch happens at midnight in Brussels, not in UTC', () => {
    const edited = renumbered();
    // 22:30 UTC on 8 April 2026 is 00:30 on 9 April in Brussels (summer time, UTC+2).
    const r = expectResult(evaluateGuide(edited, T01, new Date('2026-04-08T22:30:00Z')));
    assert.equal(r.citations[0], 'art. 999 CP (ancien art. 458 CP)');
    const eve = expectResult(evaluateGuide(edited, T01, new Date('2026-04-08T21:30:00Z')));
    assert.equal(eve.citations[0], 'art. 458 CP');
  });

  test('the shipped annulment of art. 46bis/1 § 3 CIC is itself a dated label', () => {
    const before = expectResult(evaluateGuide(content, T15, new Date('2019-03-13T12:00:00Z')));
    const after = expectResult(evaluateGuide(content, T15, new Date('2019-03-14T12:00:00Z')));
    assert.ok(before.citations.includes('art. 46bis/1 § 3 CIC'));
    assert.ok(after.citations.includes('art. 46bis/1 § 3 CIC annulé par C.C. n° 44/2019 du 14.03.2019'));
  });

  test('an invalid date is refused rather than silently read as today', () => {
    assert.throws(() => evaluateGuide(content, T01, new Date('not a date')), RangeError);
  });
});

/** Every complete answer set of the flow (it is a small acyclic graph). */
function allPaths(c: GuideContent): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  const go = (id: string, answers: Record<string, string>): void => {
    const q = getQuestion(c, id);
    if (!q) {
      out.push(answers);
      return;
    }
    for (const a of q.answers) go(a.next, { ...answers, [q.id]: a.code });
  };
  go(startQuestionId(c), {});
  return out;
}

describe('the whole flow', () => {
  const paths = allPaths(content);

  test('every path ends on a leaf with a category label and at least one citation', () => {
    assert.ok(paths.length > 100, `only ${paths.length} paths`);
    for (const answers of paths) {
      const r = expectResult(evaluateGuide(content, answers));
      assert.ok(r.citations.length > 0, r.leaf);
      assert.ok(r.categoryLabel.length > 0, r.leaf);
    }
  });

  test('every leaf of the content is the result of some path', () => {
    const reached = new Set(paths.map((a) => expectResult(evaluateGuide(content, a)).leaf));
    assert.deepEqual([...reached].sort(), content.leaves.map((l) => l.id).sort());
  });

  test('R13: no path through a terrorism answer ends on a duty to declare', () => {
    const terror = paths.filter((a) => a.Q_OFFENCE_TYPE === 'TERRORISME');
    assert.ok(terror.length >= 2);
    for (const answers of terror) {
      const r = expectResult(evaluateGuide(content, answers));
      assert.notEqual(r.category, 'MUST_DECLARE');
      assert.notEqual(r.category, 'MUST_ANSWER_INSTITUTION');
    }
  });
});

describe('helpers for the pages', () => {
  test('start question, question and leaf look-ups', () => {
    assert.equal(startQuestionId(content), 'Q_BOUND');
    assert.equal(getQuestion(content, 'Q_WHO')?.answers.length, 13);
    assert.equal(getQuestion(content, 'L10'), undefined);
    assert.equal(getLeaf(content, 'L20b')?.category, 'OUT_OF_SCOPE_REFER');
  });

  test('the seven categories have plain-French labels', () => {
    const categories = listCategories(content);
    assert.equal(categories.length, 7);
    assert.deepEqual(categories[0], {
      code: 'SILENCE',
      label: 'Vous devez vous taire',
      description: content.categories.SILENCE.description,
    });
    for (const c of categories) assert.ok(c.label.length > 5, c.code);
  });

  test('progress numbers the next question and offers the way back', () => {
    const p = guideProgress(content, { Q_BOUND: 'Oui', Q_CONTEXT: 'Oui' });
    assert.equal(p.ok, true);
    if (p.ok) {
      assert.deepEqual(p.current, { type: 'question', questionId: 'Q_SITUATION', number: 3 });
      assert.equal(p.previousQuestionId, 'Q_CONTEXT');
      assert.equal(p.steps[1]?.answerLabel, 'Oui');
      assert.ok(p.remainingAtMost >= 2);
    }
    const start = guideProgress(content, {});
    assert.deepEqual(start.ok && start.current, { type: 'question', questionId: 'Q_BOUND', number: 1 });
    assert.equal(start.ok && start.previousQuestionId, null);
  });

  test('changing an earlier answer keeps the others, which count again when their branch returns', () => {
    const kept = { ...T01, Q_SITUATION: 'DANGER' };
    const p = guideProgress(content, kept);
    assert.equal(p.ok && p.current.type === 'question' && p.current.questionId, 'Q_URGENT');
    assert.deepEqual(answersOnPath(content, kept), { Q_BOUND: 'Oui', Q_CONTEXT: 'Oui', Q_SITUATION: 'DANGER' });
    // Back to DEMANDE: the kept Q_WHO and Q_POLICE_DANGER answers lead straight to the result again.
    const back = guideProgress(content, { ...kept, Q_SITUATION: 'DEMANDE' });
    assert.deepEqual(back.ok && back.current, { type: 'result', leafId: 'L10' });
    assert.equal(back.ok && back.remainingAtMost, 0);
  });

  test('progress rejects unknown input like the evaluation does', () => {
    const p = guideProgress(content, { Q_NOPE: 'Oui' });
    assert.equal(p.ok === false && p.error, 'unknown_question');
  });
});
