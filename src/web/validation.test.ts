import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { formatNumberFr, formatYears } from '../lib/typography.js';
import { yearsLabel } from '../modules/reports/reports.present.js';
import {
  checkboxField,
  dateField,
  fieldsOf,
  idParam,
  isTicked,
  optionalDateField,
  optionalIdField,
  pageParam,
  parseForm,
  yearField,
  yearParam,
} from './validation.js';
import { pathId } from './route-params.js';
import { NotFoundError } from '../errors.js';

/**
 * Issue 10: one definition per kind of field. Before, each module had its own
 * copy: a checkbox was `=== 'oui'` here and « anything non-empty » there, an
 * id was `Number()` here and `parseInt` there (« 12abc » read as 12), a date
 * was JJ/MM/AAAA in the register but AAAA-MM-JJ only on the public site.
 */
describe('shared field schemas', () => {
  const first = (schema: z.ZodType, value: unknown) => {
    const result = parseForm(z.object({ f: schema }), { f: value });
    return result.ok ? { value: result.data.f as unknown } : { error: result.errors.f };
  };

  it('reads a checkbox the same way everywhere: its value when ticked, nothing when not', () => {
    for (const ticked of ['oui', 'on', '1', 'true']) assert.deepEqual(first(checkboxField, ticked), { value: true });
    for (const unticked of [undefined, '', 'non', 'x'])
      assert.deepEqual(first(checkboxField, unticked), { value: false });
  });

  it('reads an id only when it is a whole number, never the digits in front of something else', () => {
    assert.equal(idParam('12'), 12);
    assert.equal(idParam(['7', '8']), 7);
    for (const bad of ['12abc', '0', '-3', '1.5', '1e3', '9999999999', '', undefined])
      assert.equal(idParam(bad), undefined, String(bad));
  });

  it('reads a ticked box, a page and a year from a body or an address the one way the forms do', () => {
    for (const ticked of ['oui', 'on', '1', 'true', ['oui', 'x']]) assert.equal(isTicked(ticked), true, String(ticked));
    for (const unticked of [undefined, '', 'non', 'x']) assert.equal(isTicked(unticked), false, String(unticked));
    assert.equal(pageParam('3'), 3);
    for (const bad of ['2abc', '0', '-1', '99999999999999999999', '']) assert.equal(pageParam(bad), 1, bad);
    assert.equal(yearParam('2024'), 2024);
    for (const bad of ['2024.5', '20245', '24', '1800', 'abcd', '']) assert.equal(yearParam(bad), undefined, bad);
  });

  it('turns a path id into a 404 unless it is an id', () => {
    assert.equal(pathId('42'), 42);
    for (const bad of ['0', '12abc', '-1', '']) assert.throws(() => pathId(bad), NotFoundError, bad);
  });

  it('gives one French message per field kind', () => {
    assert.deepEqual(first(dateField('Date'), ''), { error: 'Date : ce champ est obligatoire.' });
    assert.deepEqual(first(dateField('Date'), '31/02/2026'), { error: 'Date : indiquez une date (JJ/MM/AAAA).' });
    assert.deepEqual(first(dateField('Date'), '5/3/2026'), { value: '2026-03-05' });
    assert.deepEqual(first(optionalDateField('Date de début'), ''), { value: null });
    assert.deepEqual(first(optionalDateField('Date de début'), '27/11/2026'), { value: '2026-11-27' });
    assert.deepEqual(first(yearField('Année'), '27'), { error: 'Année : une année sur quatre chiffres (ex. 2026).' });
    assert.deepEqual(first(yearField('Année', { min: 1900, max: 2100 }), '2300'), {
      error: 'Année : entre 1900 et 2100.',
    });
    assert.deepEqual(first(yearField('Année'), ' 2019 '), { value: 2019 });
  });

  it('has one optional id chosen in a list: empty is none, a forged value is refused with one message', () => {
    assert.deepEqual(first(optionalIdField('Confier à'), ''), { value: null });
    assert.deepEqual(first(optionalIdField('Confier à'), ' 12 '), { value: 12 });
    // The older helper (meetings' decisions) read « 12abc » or « 0 » as no choice at all, silently.
    for (const forged of ['12abc', '0', '-3'])
      assert.deepEqual(first(optionalIdField('Confier à'), forged), { error: 'Confier à : valeur inconnue.' }, forged);
  });
});

describe('one number and period formatter', () => {
  it('prints a period with an en dash wherever it is printed (the report used a hyphen)', () => {
    assert.equal(formatYears(2019, 2020), '2019–2020');
    assert.equal(formatYears(2019), '2019');
    assert.equal(yearsLabel([2019, 2020]), formatYears(2019, 2020));
    assert.equal(yearsLabel([2021]), '2021');
  });

  it('separates thousands with a narrow no-break space', () => {
    assert.equal(formatNumberFr(147263), '147\u202f263');
    assert.equal(formatNumberFr(12), '12');
  });
});

describe('a form body read without a cast', () => {
  it('gives the fields of a parsed body, and no field for anything that is not one', () => {
    const body = { email: 'a@example.org', roles: ['board'] };
    assert.equal(fieldsOf(body), body);
    for (const notAForm of [undefined, null, 'email=a@example.org', ['email'], Buffer.from('email=a'), 42])
      assert.deepEqual(fieldsOf(notAForm), {}, String(notAForm));
  });
});
