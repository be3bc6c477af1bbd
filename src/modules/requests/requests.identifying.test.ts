import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { findIdentifyingText } from './requests.identifying.js';

interface CorpusLine {
  text: string;
  identifying: boolean;
  category: string;
}

const corpus: CorpusLine[] = readFileSync(
  new URL('../../../tests/fixtures/identifying-corpus.jsonl', import.meta.url),
  'utf8',
)
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as CorpusLine);

describe('identifying-text detector', () => {
  it('flags the names the penetration test saved without warning', () => {
    for (const [text, excerpt] of [
      ['Ahmed Benali demande si son employeur peut lire ses notes', 'Ahmed Benali'],
      ['Kevin Vanderbeke, AS au CPAS de Mons, demande s’il doit répondre', 'Kevin Vanderbeke'],
      ['Appel de Zorglub au sujet d’un rapport demandé par le SAJ', 'Zorglub'],
    ] as const) {
      const names = findIdentifyingText(text).filter((h) => h.kind === 'name');
      assert.deepEqual(
        names.map((h) => h.excerpt),
        [excerpt],
        text,
      );
    }
  });

  it('finds bank accounts and street addresses, and leaves functions alone', () => {
    assert.deepEqual(findIdentifyingText('Virement sur BE68 5390 0754 7034 demain'), [
      { kind: 'iban', excerpt: 'BE68 5390 0754 7034' },
    ]);
    assert.deepEqual(
      findIdentifyingText('Elle vit rue des Tanneurs 23 à Bruxelles').map((h) => h.kind),
      ['address'],
    );
    assert.deepEqual(findIdentifyingText('Mme la Présidente du CPAS de Namur demande les listes'), []);
    assert.deepEqual(findIdentifyingText('Madame l’Échevine demande les coordonnées des bénéficiaires'), []);
  });

  it('holds a corpus of at least 150 lines, half naming someone', () => {
    assert.ok(corpus.length >= 150, `${corpus.length} lines`);
    const naming = corpus.filter((line) => line.identifying).length;
    assert.ok(Math.abs(naming - corpus.length / 2) <= corpus.length * 0.05, `${naming} of ${corpus.length}`);
  });

  it('reaches recall ≥ 95 % with false alarms ≤ 10 % on the corpus', () => {
    const missed = corpus.filter((line) => line.identifying && findIdentifyingText(line.text).length === 0);
    const alarms = corpus.filter((line) => !line.identifying && findIdentifyingText(line.text).length > 0);
    const positives = corpus.filter((line) => line.identifying).length;
    const recall = 1 - missed.length / positives;
    const falseAlarms = alarms.length / (corpus.length - positives);
    assert.ok(recall >= 0.95, `recall ${recall}; missed: ${missed.map((l) => l.text).join(' | ')}`);
    assert.ok(falseAlarms <= 0.1, `false alarms ${falseAlarms}: ${alarms.map((l) => l.text).join(' | ')}`);
  });
});
