import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { brusselsToUtc } from './icalendar.js';

describe('iCalendar times', () => {
  it('converts Brussels wall-clock time to UTC in winter and in summer time', () => {
    assert.equal(brusselsToUtc('2026-12-11', '19:00'), '20261211T180000Z');
    assert.equal(brusselsToUtc('2027-06-18', '19:00'), '20270618T170000Z');
    // The day summer time starts (28 March 2027, 02:00 → 03:00): 13:00 is already UTC+2.
    assert.equal(brusselsToUtc('2027-03-28', '13:00'), '20270328T110000Z');
  });
});
