import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestContext } from '../../../tests/setup/app.js';
import { buildMember } from '../../../tests/factories/members.js';
import { buildSignature } from '../../../tests/factories/manifesto.js';
import { setFigure } from '../figures/figures.service.js';
import { buildReport } from './reports.service.js';

describe(`report key figures computed from Vigie's records (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await createTestApp();
    const db = ctx.db;
    const set = (year: number, key: string, value: number) => setFigure(db, { year, key, value, note: '' }, null);
    // Typed by hand, before Vigie counted signatures (the seed's 1,062 in 2020).
    await set(2025, 'manifesto.signatures.individuals.total', 1062);
    await set(2025, 'manifesto.signatures.individuals.new', 22);
    // A hand-typed figure for a year Vigie has records for: the records win.
    await set(2026, 'manifesto.signatures.individuals.new', 999);
    await set(2026, 'board.meetings', 18);
    const now = '2026-03-01T10:00:00.000Z';
    for (const [i, kind] of (['individual', 'individual', 'organisation'] as const).entries())
      await buildSignature(db, {
        kind,
        name: `Signataire ${i}`,
        town: 'Namur',
        email: `s${i}@exemple.be`,
        show_publicly: 1,
        created_at: now,
        confirmed_at: now,
        updated_at: now,
      });
    // A quarantined one never counts.
    await buildSignature(db, {
      name: 'Robot',
      email: 'bot@yopmail.com',
      status: 'quarantined',
      quarantine_reasons: 'honeypot',
      created_at: now,
      confirmed_at: null,
      updated_at: now,
    });
    await buildMember(db, { name: 'Service membre', joined_on: '2026-02-01', created_at: now, updated_at: now });
  });
  after(async () => ctx.close());

  it('takes signatures and members from the records from their first year, continuing the hand-typed total', async () => {
    const report = await buildReport(ctx.db, [2025, 2026], { organisationName: 'CVTS' });
    const figure = (key: string) => report.keyFigures.find((f) => f.key === key)?.byYear;
    assert.deepEqual(figure('manifesto.signatures.individuals.new'), {
      '2025': { value: 22, source: 'manual' },
      '2026': { value: 2, source: 'records' },
    });
    const total = figure('manifesto.signatures.individuals.total');
    assert.deepEqual(total?.['2025'], { value: 1062, source: 'manual' });
    assert.equal(total?.['2026']?.value, 1064);
    assert.equal(total?.['2026']?.source, 'records');
    assert.match(total?.['2026']?.note ?? '', /1\s?062 comptées avant Vigie/);
    assert.deepEqual(figure('manifesto.signatures.organisations.new')?.['2026'], { value: 1, source: 'records' });
    assert.deepEqual(figure('members.organisations.total')?.['2026'], { value: 1, source: 'records' });
    assert.equal(
      figure('members.organisations.total')?.['2025']?.value ?? null,
      null,
      'no member before 2026: nothing invented',
    );
    assert.deepEqual(figure('board.meetings')?.['2026'], { value: 18, source: 'manual' });
  });
});
