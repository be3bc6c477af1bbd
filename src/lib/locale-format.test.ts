import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatCount, formatDay } from './locale-format.js';

/** Issue 10: the Manifesto's pages had their own copies of the public site's date and number formatters. */
describe('dates and counts in the visitor’s language, one formatter each', () => {
  it('writes a day the way each language does', () => {
    assert.equal(formatDay('fr', '2026-01-15'), '15 janvier 2026');
    assert.equal(formatDay('nl', '2026-01-15'), '15 januari 2026');
    assert.equal(formatDay('en', '2026-01-15'), '15 January 2026');
    assert.equal(formatDay('fr', '2026-11-26', true), 'jeudi 26 novembre 2026');
  });

  it('groups the thousands of a count the way each language does', () => {
    assert.equal(formatCount('fr', 1234), '1\u202f234');
    assert.equal(formatCount('nl', 1234), '1.234');
    assert.equal(formatCount('en', 1234), '1,234');
  });
});
