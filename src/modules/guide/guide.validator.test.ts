import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { guideContentFr } from './guide.content.js';
import { cloneContent, leafIn, questionIn, rewire } from '../../../tests/support/guide.js';
import { foldText, mentionsTerrorism, namesAnnulled46bis1P3 } from './guide.terrorism-rule.js';
import type { GuideContent, GuideLeaf } from './guide.types.js';
import { validateGuideContent } from './guide.validator.js';

/** Runs the validator on a modified copy of the shipped content. */
function errorsAfter(edit: (c: GuideContent) => void): string[] {
  const c = cloneContent(guideContentFr);
  edit(c);
  return validateGuideContent(c);
}

function assertSomeError(errors: string[], pattern: RegExp): void {
  assert.ok(
    errors.some((e) => pattern.test(e)),
    `no error matches ${pattern}; got ${JSON.stringify(errors, null, 1)}`,
  );
}

describe('structure', () => {
  test('the shipped content is valid', () => {
    assert.deepEqual(validateGuideContent(guideContentFr), []);
  });

  test('it holds the 33 questions and 43 leaves of the spec, plus the 9 and 17 of issue 11', () => {
    assert.equal(guideContentFr.questions.length, 42);
    assert.equal(guideContentFr.leaves.length, 60);
  });

  test('an answer leading nowhere is rejected, naming the answer and the question', () => {
    const errors = errorsAfter((c) => rewire(c, 'Q_WHO', 'PRESSE', 'L_NEXISTE_PAS'));
    assertSomeError(errors, /« PRESSE » de la question « Q_WHO » mène à « L_NEXISTE_PAS », qui n'existe pas/);
  });

  test('a node that no answer reaches is rejected', () => {
    const errors = errorsAfter((c) => {
      c.leaves.push({ ...leafIn(c, 'L25'), id: 'L98' });
    });
    assert.deepEqual(errors, ["La feuille « L98 » n'est atteignable depuis aucune réponse."]);
  });

  test('a question cut off from the flow is rejected with its whole unreachable branch', () => {
    const errors = errorsAfter((c) => rewire(c, 'Q_ORGA', 'DOSSIERS', 'L81'));
    assertSomeError(errors, /feuille « L82 » n'est atteignable/);
  });

  test('a cycle is rejected and shown as the loop it makes', () => {
    const errors = errorsAfter((c) => rewire(c, 'Q_SH5', 'Non', 'Q_SH1'));
    assertSomeError(errors, /Boucle dans le parcours : Q_SH1 → Q_SH2 → Q_SH3 → Q_SH4 → Q_SH5 → Q_SH1/);
    assert.equal(errors.filter((e) => e.startsWith('Boucle')).length, 1, 'one cycle, reported once');
  });

  test('a leaf without reference is rejected', () => {
    const errors = errorsAfter((c) => {
      leafIn(c, 'L25').references = [];
    });
    assert.deepEqual(errors, ['La feuille « L25 » ne cite aucune référence.']);
  });

  test('a leaf citing an unknown reference, or with an empty text, or an unknown category, is rejected', () => {
    const errors = errorsAfter((c) => {
      leafIn(c, 'L25').references.push({ ref: 'CP_999' });
      leafIn(c, 'L46').text = '  ';
      (leafIn(c, 'L18') as unknown as { category: string }).category = 'PEUT_ETRE';
    });
    assertSomeError(errors, /« L25 » cite la référence « CP_999 », qui n'existe pas/);
    assertSomeError(errors, /« L46 » n'a pas de texte/);
    assertSomeError(errors, /« L18 » a une catégorie inconnue : « PEUT_ETRE »/);
  });

  test('duplicate ids and answer codes are rejected', () => {
    const errors = errorsAfter((c) => {
      c.leaves.push({ ...leafIn(c, 'L25') });
      const q = questionIn(c, 'Q_BOUND');
      q.answers.push({ ...(q.answers[0] as GuideContent['questions'][number]['answers'][number]) });
    });
    assertSomeError(errors, /identifiant « L25 » est utilisé plusieurs fois/);
    assertSomeError(errors, /« Q_BOUND » propose deux fois la réponse « Oui »/);
  });
});

describe('references', () => {
  test('a reference without numbering or without check date is rejected', () => {
    const errors = errorsAfter((c) => {
      const ref = c.references.find((r) => r.id === 'RGPD');
      assert.ok(ref);
      ref.numberings = [];
      ref.checkedOn = '';
    });
    assertSomeError(errors, /« RGPD » n'a aucun libellé/);
    assertSomeError(errors, /« RGPD » n'a pas de date de vérification/);
  });

  test('numberings must follow each other day after day, open at both ends', () => {
    const gap = errorsAfter((c) => {
      const ref = c.references.find((r) => r.id === 'CP_458');
      assert.ok(ref);
      ref.numberings = [
        { label: 'art. 458 CP', validFrom: null, validUntil: '2026-04-08' },
        { label: 'art. 999 CP (ancien art. 458 CP)', validFrom: '2026-04-10', validUntil: null },
      ];
    });
    assertSomeError(gap, /doit commencer le lendemain de la fin du libellé précédent \(2026-04-09\)/);
    const closed = errorsAfter((c) => {
      const ref = c.references.find((r) => r.id === 'CP_458');
      assert.ok(ref);
      ref.numberings = [{ label: 'art. 458 CP', validFrom: null, validUntil: '2026-04-08' }];
    });
    assertSomeError(closed, /le dernier libellé doit valoir sans date de fin/);
    const fine = errorsAfter((c) => {
      const ref = c.references.find((r) => r.id === 'CIC_29');
      assert.ok(ref);
      ref.numberings = [
        { label: 'art. 29 CIC', validFrom: null, validUntil: '2026-04-08' },
        { label: 'art. 999 CIC (ancien art. 29 CIC)', validFrom: '2026-04-09', validUntil: null },
      ];
    });
    assert.deepEqual(fine, []);
  });

  test('impossible dates are rejected', () => {
    const errors = errorsAfter((c) => {
      const ref = c.references.find((r) => r.id === 'CP_458');
      assert.ok(ref);
      ref.checkedOn = '2026-02-30';
    });
    assertSomeError(errors, /« CP_458 » n'a pas de date de vérification valable/);
  });
});

/** A leaf that tells the worker to report terrorism: what rule R13 forbids. */
function terrorismDutyLeaf(): GuideLeaf {
  return {
    id: 'L4T',
    category: 'MUST_DECLARE',
    title: 'Vous devez signaler',
    points: ['Vous devez signaler.', 'Au procureur du Roi.'],
    steps: ['Signalez.'],
    text: "Vous devez déclarer au procureur du Roi les indices sérieux d'infraction terroriste.",
    references: [{ ref: 'CP_422BIS' }, { ref: 'CIC_46BIS1_P3' }],
    rules: ['R13'],
  };
}

describe('rule R13: never a duty for the worker to report terrorism', () => {
  test('a MUST_DECLARE leaf about reporting terrorism is rejected', () => {
    const errors = errorsAfter((c) => {
      c.leaves.push(terrorismDutyLeaf());
      rewire(c, 'Q_TERROR', 'Non', 'L4T');
      c.leaves = c.leaves.filter((l) => l.id !== 'L49');
    });
    assertSomeError(errors, /« L4T » \(MUST_DECLARE\) lie une obligation de déclarer au terrorisme/);
    assertSomeError(errors, /« L4T » \(MUST_DECLARE\) s'appuie sur « CIC_46BIS1_P3 », une disposition annulée/);
    assertSomeError(
      errors,
      /« L4T » \(MUST_DECLARE\) est atteinte après une question ou une réponse sur le terrorisme/,
    );
  });

  test('the words are caught whatever the case, accents or spacing', () => {
    for (const text of ['Signalez tout TERRORISTE présumé.', 'Signalez la Radicalisation.', 'Voir l’art. 137 CP.']) {
      const errors = errorsAfter((c) => {
        leafIn(c, 'L40').text += ` ${text}`;
      });
      assertSomeError(errors, /« L40 » \(MUST_DECLARE\) lie une obligation de déclarer au terrorisme/);
    }
    assert.equal(namesAnnulled46bis1P3('article 46 bis/1, §\u00a03 du CIC'), true);
    assert.equal(namesAnnulled46bis1P3('art. 46bis/1 § 1er CIC'), false);
    assert.equal(foldText('Infraction  TERRORISTE'), 'infraction terroriste');
    // « attentat à la pudeur » is a sexual offence, not terrorism.
    assert.equal(mentionsTerrorism('attentat à la pudeur sur mineur'), false);
  });

  test('a MUST_DECLARE leaf citing a terrorism reference is rejected even if its text is silent', () => {
    const errors = errorsAfter((c) => {
      leafIn(c, 'L40').references.push({ ref: 'CP_137' });
    });
    assertSomeError(errors, /« L40 » \(MUST_DECLARE\) lie une obligation de déclarer au terrorisme/);
  });

  test('re-wiring the terrorism branch to the urgency leaf is caught by the flow check', () => {
    const errors = errorsAfter((c) => {
      rewire(c, 'Q_TERROR', 'Oui', 'L40');
      c.leaves = c.leaves.filter((l) => l.id !== 'L48');
    });
    assert.deepEqual(errors, [
      'La feuille « L40 » (MUST_DECLARE) est atteinte après une question ou une réponse sur le terrorisme : le guide ne doit jamais conclure à une obligation de déclarer dans ce cas (règle R13).',
    ]);
  });

  test('a MUST_DECLARE leaf must rest on non-assistance (art. 422bis CP)', () => {
    const errors = errorsAfter((c) => {
      leafIn(c, 'L40').references = [{ ref: 'CP_458' }];
    });
    assertSomeError(errors, /« L40 » \(MUST_DECLARE\) doit citer « CP_422BIS »/);
  });

  test('the institution leaf may not cite the annulled § 3', () => {
    const errors = errorsAfter((c) => {
      leafIn(c, 'L13').references.push({ ref: 'CIC_46BIS1_P3' });
    });
    assertSomeError(errors, /« L13 » \(MUST_ANSWER_INSTITUTION\) s'appuie sur « CIC_46BIS1_P3 »/);
  });

  test('the institution leaf may not put a reporting duty on the worker', () => {
    const errors = errorsAfter((c) => {
      leafIn(c, 'L13').text += ' Le travailleur est tenu de signaler au procureur tout autre indice.';
    });
    assertSomeError(
      errors,
      /« L13 » \(MUST_ANSWER_INSTITUTION\) met une obligation de signaler à charge du travailleur/,
    );
  });

  test('the institution leaf must route the request through the direction or the presidency', () => {
    const errors = errorsAfter((c) => {
      leafIn(c, 'L14').text = 'Répondez aux renseignements administratifs demandés.';
    });
    assertSomeError(errors, /« L14 » \(MUST_ANSWER_INSTITUTION\) doit dire que la demande passe par la direction/);
  });

  test('a reference naming art. 46bis/1 § 3 must be marked annulled', () => {
    const errors = errorsAfter((c) => {
      const ref = c.references.find((r) => r.id === 'CIC_46BIS1_P3');
      assert.ok(ref);
      delete ref.annulled;
    });
    assertSomeError(errors, /« CIC_46BIS1_P3 » vise l'art. 46bis\/1 § 3 CIC.*doit porter la mention « annulled »/);
  });

  test('a SILENCE leaf may recall the annulled duty as history (L49)', () => {
    const l49 = leafIn(guideContentFr, 'L49');
    assert.equal(l49.category, 'SILENCE');
    assert.ok(l49.references.some((r) => r.ref === 'CIC_46BIS1_P3'));
    assert.deepEqual(validateGuideContent(guideContentFr), []);
  });
});
