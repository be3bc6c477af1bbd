import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loginAs } from '../../../tests/factories/index.js';
import { createTestApp, type TestContext } from '../../../tests/setup/app.js';
import type { ActivityReport } from '../reports/reports.model.js';

/**
 * The yearly report's meeting, retreat and shift counts come from the board's
 * records (meetings, rota) for the years Vigie holds them, and from the
 * figures typed by hand before.
 */
describe(`report counts from the organisation's records (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await createTestApp({}, { clock: () => new Date('2026-11-27T10:00:00Z') });
  });
  after(async () => ctx.close());

  it('counts meetings held, the retreat and the shifts held, and keeps the typed figures of earlier years', async () => {
    const { agent, user } = await loginAs(ctx);
    const at = '2026-01-01T00:00:00.000Z';
    await ctx.db
      .insertInto('yearly_figures')
      .values([
        { year: 2024, key: 'board.meetings', value: 17, note: '', updated_by: null, updated_at: at },
        { year: 2024, key: 'helpline.shifts', value: 40, note: '', updated_by: null, updated_at: at },
        { year: 2025, key: 'board.meetings', value: 99, note: '', updated_by: null, updated_at: at },
      ])
      .execute();
    const meeting = (held_on: string, kind: 'meeting' | 'retreat', cancelled_at: string | null = null) => ({
      kind,
      held_on,
      cancelled_at,
      created_at: at,
      updated_at: at,
    });
    await ctx.db
      .insertInto('board_meetings')
      .values([
        meeting('2025-01-16', 'meeting'),
        meeting('2025-02-13', 'meeting'),
        meeting('2025-03-13', 'meeting', '2025-03-01T00:00:00.000Z'),
        meeting('2025-06-20', 'retreat'),
      ])
      .execute();
    const shift = (held_on: string, user_id: number | null) => ({
      held_on,
      starts_at: '13:00',
      ends_at: '16:00',
      user_id,
      created_at: at,
    });
    await ctx.db
      .insertInto('helpline_shifts')
      .values([
        shift('2025-01-09', user.id),
        shift('2025-01-16', user.id),
        shift('2025-01-23', null),
        shift('2025-01-30', user.id),
      ])
      .execute();

    const res = await agent.post('/bureau/rapport/2024-2025/export', { format: 'json', malgre: '1' });
    assert.equal(res.statusCode, 200);
    const json = JSON.parse(res.body) as ActivityReport;
    const figure = (key: string) => json.keyFigures.find((f) => f.key === key)?.byYear;
    assert.deepEqual(figure('board.meetings')?.['2024'], { value: 17, source: 'manual' });
    // Records win over the typed 99: two meetings held, the cancelled one not counted.
    assert.deepEqual(figure('board.meetings')?.['2025'], { value: 2, source: 'records' });
    assert.deepEqual(figure('board.retreats')?.['2025'], { value: 1, source: 'records' });
    assert.deepEqual(figure('helpline.shifts')?.['2024'], { value: 40, source: 'manual' });
    // The shift nobody held is not counted.
    assert.deepEqual(figure('helpline.shifts')?.['2025'], { value: 3, source: 'records' });
  });
});
