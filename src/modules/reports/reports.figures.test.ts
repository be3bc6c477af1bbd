import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestContext } from '../../../tests/setup/app.js';
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
    for (const [i, kind] of (['individual', 'individual', 'organisation'] as const).entries()) {
      await db
        .insertInto('signatures')
        .values({
          kind,
          name: `Signataire ${i}`,
          function_or_org: '',
          town: 'Namur',
          email: `s${i}@exemple.be`,
          locale: 'fr',
          show_publicly: 1,
          newsletter: 0,
          contact: 0,
          hidden: 0,
          status: 'confirmed',
          quarantine_reasons: '',
          search_text: '',
          token_hash: null,
          created_at: now,
          confirmed_at: now,
          expires_at: null,
          updated_at: now,
        })
        .execute();
    }
    // A quarantined one never counts.
    await db
      .insertInto('signatures')
      .values({
        kind: 'individual',
        name: 'Robot',
        function_or_org: '',
        town: '',
        email: 'bot@yopmail.com',
        locale: 'fr',
        show_publicly: 0,
        newsletter: 0,
        contact: 0,
        hidden: 0,
        status: 'quarantined',
        quarantine_reasons: 'honeypot',
        search_text: '',
        token_hash: null,
        created_at: now,
        confirmed_at: null,
        expires_at: null,
        updated_at: now,
      })
      .execute();
    await db
      .insertInto('members')
      .values({
        kind: 'organisation',
        name: 'Service membre',
        contact_email: '',
        contact_phone: '',
        joined_on: '2026-02-01',
        left_on: null,
        show_publicly: 1,
        notes: '',
        created_at: now,
        updated_at: now,
      })
      .execute();
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
