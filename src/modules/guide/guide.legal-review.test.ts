/**
 * Issue 11: what a jurist's review of every path found. Each finding has a test that fails on the
 * content or code before the fix (the scenarios N01–N25 in tests/fixtures cover the new paths).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { guideContentFr } from './guide.content.js';
import { evaluateGuide, type GuideEvaluation, type GuideResult } from './guide.engine.js';
import { cloneContent, leafIn, questionIn, rewire } from '../../../tests/support/guide.js';
import { validateGuideContent } from './guide.validator.js';

const content = guideContentFr;
const BOUND = { Q_BOUND: 'Oui', Q_CONTEXT: 'Oui' };

function result(evaluation: GuideEvaluation): GuideResult {
  assert.equal(evaluation.ok, true, JSON.stringify(evaluation));
  return evaluation as GuideResult;
}

describe('dangerous findings', () => {
  test('R03 is a validator rule: « je ne sais pas » at Q_ISS leading to an obligation fails (item 1)', () => {
    const before = cloneContent(content);
    rewire(before, 'Q_ISS', 'NSP', 'Q_46_FORM');
    const errors = validateGuideContent(before);
    assert.ok(
      errors.some((e) => /R03/.test(e) && /Q_ISS=NSP/.test(e) && /« L13 »/.test(e)),
      JSON.stringify(errors),
    );
    assert.deepEqual(validateGuideContent(content), []);
  });

  test('R03 also watches labels of doubt whatever the code, and spares the start question', () => {
    const edited = cloneContent(content);
    const q = questionIn(edited, 'Q_46_FORM');
    const unsure = q.answers.find((a) => a.code === 'NSP');
    assert.ok(unsure);
    unsure.code = 'PEUT_ETRE';
    unsure.next = 'Q_46_SCOPE';
    assert.ok(validateGuideContent(edited).some((e) => /R03/.test(e) && /Q_46_FORM=PEUT_ETRE/.test(e)));
    // « je ne sais pas » at Q_BOUND means « consider yourself bound »: the path to L13 stays allowed.
    const r = result(
      evaluateGuide(content, {
        ...BOUND,
        Q_BOUND: 'NSP',
        Q_SITUATION: 'DEMANDE',
        Q_WHO: 'PARQUET',
        Q_ISS: 'Oui',
        Q_46_FORM: 'Oui',
        Q_46_SCOPE: 'Oui',
      }),
    );
    assert.equal(r.leaf, 'L13');
  });

  test('an unsure ASBL hands nothing over: the direction checks (item 1)', () => {
    const r = result(evaluateGuide(content, { ...BOUND, Q_SITUATION: 'DEMANDE', Q_WHO: 'PARQUET', Q_ISS: 'NSP' }));
    assert.equal(r.leaf, 'L11b');
    assert.notEqual(r.category, 'MUST_ANSWER_INSTITUTION');
    assert.match(r.text, /15 janvier 1990/);
    assert.match(r.text, /rien ne sort/);
  });

  test('a judge asking in writing is not testimony; a summons still is (item 2)', () => {
    const written = result(
      evaluateGuide(content, {
        ...BOUND,
        Q_SITUATION: 'DEMANDE',
        Q_WHO: 'JUGE',
        Q_JUDGE: 'ECRIT_TRIBUNAL',
        Q_COURT_MANDATE: 'Non',
      }),
    );
    assert.equal(written.leaf, 'L28');
    assert.doesNotMatch(written.text, /Présentez-vous à la convocation/);
    assert.match(written.points.join(' '), /vous n'envoyez rien vous-même/);
    const summons = result(
      evaluateGuide(content, {
        ...BOUND,
        Q_SITUATION: 'DEMANDE',
        Q_WHO: 'JUGE',
        Q_JUDGE: 'TEMOIN',
        Q_TESTIFY_WHERE: 'JUSTICE',
      }),
    );
    assert.equal(summons.category, 'TESTIFY_NO_OBLIGATION');
  });
});

describe('wrong findings', () => {
  const danger = { ...BOUND, Q_SITUATION: 'DANGER', Q_URGENT: 'Non', Q_SERIOUS: 'Oui', Q_OTHER_MEANS: 'Non' };

  test('art. 458bis is offered only with one of its two conditions (item 3)', () => {
    const q = questionIn(content, 'Q_458BIS');
    assert.deepEqual(
      q.answers.map((a) => a.code),
      ['DANGER_VICTIME', 'AUTRES_VICTIMES', 'AUCUNE', 'NSP'],
    );
    const none = result(evaluateGuide(content, { ...danger, Q_VULNERABLE: 'Oui', Q_458BIS: 'AUCUNE' }));
    assert.equal(none.category, 'SILENCE');
    const unsure = result(evaluateGuide(content, { ...danger, Q_VULNERABLE: 'Oui', Q_458BIS: 'NSP' }));
    assert.equal(unsure.leaf, none.leaf);
    const others = result(evaluateGuide(content, { ...danger, Q_VULNERABLE: 'Oui', Q_458BIS: 'AUTRES_VICTIMES' }));
    assert.equal(others.category, 'MAY_SPEAK');
  });

  test('the headline carries the duty when the path establishes it (item 4)', () => {
    const duty = content.categories.MUST_DECLARE.label;
    const child = result(evaluateGuide(content, { ...danger, Q_VULNERABLE: 'Oui', Q_458BIS: 'DANGER_VICTIME' }));
    assert.equal(child.categoryLabel, duty);
    assert.match(child.title, /devez/);
    const necessity = result(evaluateGuide(content, { ...danger, Q_VULNERABLE: 'Non', Q_IMMINENT: 'Oui' }));
    assert.equal(necessity.categoryLabel, duty);
    assert.match(necessity.title, /devez alerter/);
  });

  test('a serious, real, not imminent danger gets its own words, not « une inquiétude ne suffit pas »', () => {
    const r = result(evaluateGuide(content, { ...danger, Q_VULNERABLE: 'Non', Q_IMMINENT: 'Non' }));
    assert.notEqual(r.leaf, 'L41');
    assert.doesNotMatch(r.text, /inquiétude, une rumeur ou un risque vague/);
    assert.match(r.text, /sérieux/);
  });

  test('the suspect and the colleague questioned as a witness no longer share a result (item 7)', () => {
    const me = result(evaluateGuide(content, { ...BOUND, Q_SITUATION: 'MIS_EN_CAUSE', Q_SUSPECT: 'MOI' }));
    const colleague = result(evaluateGuide(content, { ...BOUND, Q_SITUATION: 'MIS_EN_CAUSE', Q_SUSPECT: 'AUTRE_PRO' }));
    assert.equal(me.leaf, 'L90');
    assert.equal(colleague.category, 'SILENCE');
    assert.match(colleague.text, /vous restez tenu·e au secret/);
    assert.doesNotMatch(me.text, /un·e collègue/);
  });
});

describe('imprecise findings', () => {
  test('wordings: « notamment », « oblige ou autorise », the refusal, « ou de ses proches »', () => {
    assert.match(leafIn(content, 'L10').text, /notamment/);
    assert.doesNotMatch(leafIn(content, 'L10').text, /là seulement/);
    assert.match(leafIn(content, 'L22').text, /vous obliger ou vous autoriser/);
    assert.match(leafIn(content, 'L12').text, /doit être refusée par l'institution/);
    assert.match(questionIn(content, 'Q_C2').text, /ou de ses proches/);
  });

  test('a text is cited only where it applies: no art. 46bis/1 to the police, sector texts by sector', () => {
    const police = result(
      evaluateGuide(content, { ...BOUND, Q_SITUATION: 'DEMANDE', Q_WHO: 'POLICE', Q_POLICE_DANGER: 'Non' }),
    );
    assert.ok(!police.citations.some((c) => c.includes('46bis')), JSON.stringify(police.citations));
    const share = {
      ...BOUND,
      Q_SITUATION: 'PARTAGER',
      Q_SH_LAW: 'NON',
      Q_SH1: 'Oui',
      Q_SH2: 'Oui',
      Q_SH3: 'Oui',
      Q_SH4: 'Oui',
      Q_SH5: 'Oui',
    };
    const other = result(evaluateGuide(content, { ...share, Q_SH_SECTOR: 'AUTRE' }));
    assert.ok(!other.citations.some((c) => /PMS|aide à la jeunesse/.test(c)), JSON.stringify(other.citations));
    const pms = result(evaluateGuide(content, { ...share, Q_SH_SECTOR: 'PMS' }));
    assert.ok(pms.citations.some((c) => c.startsWith('décret PMS')));
    assert.equal(pms.leaf, other.leaf);
  });

  test('the SPP IS circular carries its date', () => {
    const r = content.references.find((x) => x.id === 'CIRC_SPP_IS');
    assert.match(r?.fullTitle ?? '', /20 juillet 2017/);
  });
});

describe('the new Code pénal (item 6)', () => {
  const police = { ...BOUND, Q_SITUATION: 'DEMANDE', Q_WHO: 'POLICE', Q_POLICE_DANGER: 'Non' };

  test('from 8 April 2026, 1867 numbers are cited as « ancien art. … CP (Code pénal de 1867) »', () => {
    const eve = result(evaluateGuide(content, police, new Date('2026-04-07T12:00:00Z')));
    const day = result(evaluateGuide(content, police, new Date('2026-04-08T12:00:00Z')));
    assert.equal(eve.citations[0], 'art. 458 CP');
    assert.equal(day.citations[0], 'ancien art. 458 CP (Code pénal de 1867)');
    for (const id of ['CP_458', 'CP_458BIS', 'CP_458TER', 'CP_422BIS', 'CP_137']) {
      const ref = content.references.find((r) => r.id === id);
      assert.ok(ref?.penalCode1867, id);
      assert.match(ref.numberings.at(-1)?.label ?? '', /^ancien art\. .* CP \(Code pénal de 1867\)$/);
    }
    const cic = content.references.find((r) => r.id === 'CIC_46BIS1');
    assert.match(cic?.numberings.at(-1)?.label ?? '', /ancien Code pénal/);
  });

  test('a bare old number after that date, or a new number without its official source, is refused', () => {
    const stale = cloneContent(content);
    const ref = stale.references.find((r) => r.id === 'CP_458');
    assert.ok(ref);
    ref.numberings = [{ label: 'art. 458 CP', validFrom: null, validUntil: null }];
    assert.ok(validateGuideContent(stale).some((e) => /CP_458/.test(e) && /Code pénal/.test(e)));

    const guessed = cloneContent(content);
    const g = guessed.references.find((r) => r.id === 'CP_458');
    assert.ok(g?.penalCode1867);
    g.penalCode1867 = {
      article: '458',
      newArticle: '999',
      source: 'https://refli.be/fr/lex/2024002088',
      checkedOn: '2026-11-27',
    };
    g.numberings = [
      { label: 'art. 458 CP', validFrom: null, validUntil: '2026-04-07' },
      { label: 'art. 999 CP (ancien art. 458 CP)', validFrom: '2026-04-08', validUntil: null },
    ];
    assert.ok(validateGuideContent(guessed).some((e) => /texte officiel/.test(e)));
    g.penalCode1867.source = 'https://www.ejustice.just.fgov.be/eli/loi/2024/02/29/2024002088/justel';
    assert.deepEqual(validateGuideContent(guessed), []);
    const r = result(evaluateGuide(guessed, police, new Date('2026-11-27T12:00:00Z')));
    assert.equal(r.citations[0], 'art. 999 CP (ancien art. 458 CP)');
  });
});

describe('what the public reads', () => {
  test('no reviewer note in a public text; they live in reviewNotes', () => {
    const leaked = cloneContent(content);
    const l17 = leafIn(leaked, 'L17');
    l17.references = [{ ref: 'CP_458', qualifier: '⚠ point à valider juridiquement' }];
    assert.ok(validateGuideContent(leaked).some((e) => /résultat L17|citation de L17/.test(e)));
    assert.match(leafIn(content, 'L17').reviewNotes ?? '', /R16/);
  });

  test('every result fits a phone: 2 to 4 points, 1 to 3 steps', () => {
    for (const l of content.leaves) {
      assert.ok(l.points.length >= 2 && l.points.length <= 4, l.id);
      assert.ok(l.steps.length >= 1 && l.steps.length <= 3, l.id);
    }
    const long = cloneContent(content);
    leafIn(long, 'L10').steps = ['un', 'deux', 'trois', 'quatre'];
    assert.ok(validateGuideContent(long).some((e) => /L10/.test(e) && /1 à 3 étapes/.test(e)));
  });

  test('« reviewed » is earned: only when every result and reference is marked « relu »', () => {
    const early = cloneContent(content);
    early.status = 'reviewed';
    assert.ok(validateGuideContent(early).some((e) => /pas encore relus/.test(e)));
    const done = cloneContent(content);
    for (const item of [...done.leaves, ...done.references]) item.review = { by: 'Me A. Juriste', on: '2026-11-27' };
    assert.ok(validateGuideContent(done).some((e) => /statut « reviewed »/.test(e)));
    done.status = 'reviewed';
    assert.deepEqual(validateGuideContent(done), []);
  });

  test('a number to call is shown only with its official source and check date', () => {
    const urgent = { ...BOUND, Q_SITUATION: 'DANGER', Q_URGENT: 'Oui' };
    const shown = result(evaluateGuide(content, urgent)).contacts;
    assert.deepEqual(
      shown.map((c) => c.phone),
      ['112', '101'],
    );
    for (const c of shown) assert.match(c.source?.checkedOn ?? '', /^\d{4}-\d{2}-\d{2}$/);
    // SOS Enfants has no verified number yet: the result that names it shows no number.
    const otherMeans = { ...BOUND, Q_SITUATION: 'DANGER', Q_URGENT: 'Non', Q_SERIOUS: 'Oui', Q_OTHER_MEANS: 'Oui' };
    assert.deepEqual(leafIn(content, 'L42').contacts, ['SOS_ENFANTS']);
    assert.deepEqual(result(evaluateGuide(content, otherMeans)).contacts, []);
    const unchecked = cloneContent(content);
    const c112 = unchecked.contacts.find((c) => c.id === 'URGENCE_112');
    assert.ok(c112);
    delete c112.source;
    assert.deepEqual(
      result(evaluateGuide(unchecked, urgent)).contacts.map((c) => c.phone),
      ['101'],
    );
  });

  test('sources list full titles, links and whether the text was read officially', () => {
    const r = result(
      evaluateGuide(content, { ...BOUND, Q_SITUATION: 'DEMANDE', Q_WHO: 'POLICE', Q_POLICE_DANGER: 'Non' }),
    );
    assert.equal(r.sources[0]?.fullTitle, 'Code pénal de 1867, article 458 (violation du secret professionnel)');
    assert.match(r.sources[0]?.url ?? '', /^https:\/\/www\.ejustice\.just\.fgov\.be\//);
    assert.equal(r.sources[0]?.verified, null);
    assert.equal(r.status, 'draft');
  });
});
