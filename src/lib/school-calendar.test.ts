import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  computeSchoolYear,
  PUBLISHED_SCHOOL_YEARS,
  schoolClosureOn,
  schoolClosures,
  schoolYear,
} from './school-calendar.js';

describe('Fédération Wallonie-Bruxelles school calendar', () => {
  it('holds 2026-2027 as the Fédération published it, with its source and the date checked, still « à vérifier »', () => {
    // Only a school's copy of the Fédération's calendar file was read, not enseignement.be itself.
    const y = schoolYear(2026);
    assert.equal(y.status, 'secondary');
    assert.equal(y.startsOn, '2026-08-24');
    assert.equal(y.summerFrom, '2027-07-02');
    const periods = y.breaks.filter((b) => b.startsOn !== b.endsOn).map((b) => [b.startsOn, b.endsOn]);
    assert.deepEqual(periods, [
      ['2026-10-19', '2026-10-30'],
      ['2026-12-21', '2027-01-01'],
      ['2027-02-22', '2027-03-05'],
      ['2027-04-26', '2027-05-07'],
    ]);
    assert.match(y.sources[0]?.title ?? '', /Calendrier Scolaire/);
    assert.match(y.sources[0]?.url ?? '', /^https:\/\//);
    assert.equal(y.sources[0]?.checkedOn, '2026-11-27');
  });

  it('finds the holiday a date falls in, and says when it is to be checked', () => {
    assert.equal(schoolClosureOn('2026-10-22')?.label, 'Congé d’automne (Toussaint)');
    assert.equal(schoolClosureOn('2026-10-22')?.verified, false);
    assert.equal(schoolClosureOn('2026-11-02')?.label, 'Fête des morts');
    assert.equal(schoolClosureOn('2026-11-03'), undefined);
    // Summer 2026 ends the day before the official start of 2026-2027.
    assert.equal(schoolClosureOn('2026-08-23')?.label, 'Vacances d’été');
    assert.equal(schoolClosureOn('2026-08-24'), undefined);
    // Summer 2027 ends when 2027-2028 starts, which is not published yet.
    assert.equal(schoolClosureOn('2027-07-15')?.verified, false);
    // 2025-2026 was copied from schools' pages, not the official text.
    assert.equal(schoolClosureOn('2026-02-19')?.verified, false);
  });

  it('computes from the decree’s rules what the published years show', () => {
    // The rules give the official 2026-2027 periods exactly.
    const computed = computeSchoolYear(2026);
    const published = schoolYear(2026);
    for (const label of ['Congé d’automne (Toussaint)', 'Vacances d’hiver (Noël)', 'Congé de détente (Carnaval)']) {
      const c = computed.breaks.find((b) => b.label === label);
      const p = published.breaks.find((b) => b.label === label);
      assert.deepEqual([c?.startsOn, c?.endsOn], [p?.startsOn, p?.endsOn], label);
    }
    assert.equal(computed.breaks.find((b) => b.label.startsWith('Vacances de printemps'))?.startsOn, '2027-04-26');
    assert.equal(computed.breaks.find((b) => b.label === 'Mardi gras')?.startsOn, '2027-02-09');
    assert.equal(computed.summerFrom, '2027-07-03');
    // 2027-2028 is not published: computed, and every period marked « à vérifier ».
    const next = schoolYear(2027);
    assert.equal(next.status, 'computed');
    assert.equal(next.startsOn, '2027-08-30');
    assert.ok(schoolClosures(next).every((c) => !c.verified));
    // Christmas 2027 is a Saturday: the winter holidays start the Monday after.
    assert.equal(next.breaks.find((b) => b.label === 'Vacances d’hiver (Noël)')?.startsOn, '2027-12-27');
  });

  it('keeps the published years in order, each with a source', () => {
    const names = PUBLISHED_SCHOOL_YEARS.map((y) => y.name);
    assert.deepEqual(names, [...names].sort());
    for (const y of PUBLISHED_SCHOOL_YEARS) assert.ok(y.sources.length > 0, y.name);
  });
});
