import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isoDaysFrom } from './time.js';

describe('isoDaysFrom: the one « N days from now » of the sign-up, retention and outbox deadlines', () => {
  it('counts whole days of 24 hours forward and back, as an ISO instant', () => {
    const now = new Date('2026-11-27T21:15:00.000Z');
    assert.equal(isoDaysFrom(now, 7), '2026-12-04T21:15:00.000Z');
    assert.equal(isoDaysFrom(now, 30), '2026-12-27T21:15:00.000Z');
    assert.equal(isoDaysFrom(now, -30), '2026-10-28T21:15:00.000Z');
    assert.equal(isoDaysFrom(now, 0), '2026-11-27T21:15:00.000Z');
  });
});
