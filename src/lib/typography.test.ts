import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  formatChangeFr,
  formatDateFr,
  formatMonthYearFr,
  formatNumberFr,
  frenchTypography,
  NBSP,
  NNBSP,
  sectionNumber,
} from './typography.js';

describe('French typography', () => {
  it('uses one apostrophe style and keeps « » and : ; ? ! with their words', () => {
    assert.equal(
      frenchTypography("L'équipe dit « Puis-je parler ? » : oui ; d'accord !"),
      `L’équipe dit «${NBSP}Puis-je parler${NNBSP}?${NBSP}»${NBSP}: oui${NNBSP}; d’accord${NNBSP}!`,
    );
    assert.equal(frenchTypography('«sans espaces»'), `«${NBSP}sans espaces${NBSP}»`);
  });

  it('is idempotent and leaves addresses, times and code alone', () => {
    const once = frenchTypography("Voir https://exemple.be/a?b=1 à 14:00 l'après-midi : « ok »");
    assert.equal(frenchTypography(once), once);
    assert.match(once, /https:\/\/exemple\.be\/a\?b=1 à 14:00/);
  });

  it('separates thousands with a narrow no-break space and writes changes with a real minus', () => {
    assert.equal(formatNumberFr(147263), `147${NNBSP}263`);
    assert.equal(formatNumberFr(52), '52');
    assert.equal(formatChangeFr(17), '+17');
    assert.equal(formatChangeFr(-2000), `−2${NNBSP}000`);
    assert.equal(formatChangeFr(null), '—');
  });

  it('writes dates and months out in French, with « 1er »', () => {
    assert.equal(formatDateFr('2020-03-01'), '1er mars 2020');
    assert.equal(formatDateFr('2021-09-29'), '29 septembre 2021');
    assert.equal(formatMonthYearFr('2017-03-14'), 'mars 2017');
  });

  it('numbers sections as the committee does: « 2. », « 2.1 »', () => {
    assert.equal(sectionNumber([2]), '2.');
    assert.equal(sectionNumber([2, 1]), '2.1');
  });
});
