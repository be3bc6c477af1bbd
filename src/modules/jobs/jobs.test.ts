import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, type TestDatabase } from '../../../tests/setup/databases.js';
import { openDatabase, type DatabaseHandle } from '../../db/index.js';
import { queueMail } from '../mail/mail.service.js';
import { findRun } from './jobs.queries.js';
import { periodKey } from './jobs.schedule.js';
import { Scheduler } from './jobs.service.js';
import type { JobDefinition } from './jobs.types.js';

/** A clock the test moves by hand. */
class Clock {
  constructor(public at: Date) {}
  readonly now = () => this.at;
  set(iso: string): void {
    this.at = new Date(iso);
  }
}

describe(`scheduler (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let testDb: TestDatabase;
  // Two handles on one database: two server processes, as far as the scheduler can tell.
  let first: DatabaseHandle;
  let second: DatabaseHandle;
  before(async () => {
    testDb = await createTestDatabase();
    first = openDatabase(testDb.config);
    second = openDatabase(testDb.config);
  });
  after(async () => {
    await first.destroy();
    await second.destroy();
    await testDb.drop();
  });

  it('cuts time into periods in Brussels time', () => {
    const daily = { every: 'day', at: '08:00' } as const;
    // 06:59 UTC is 07:59 in Brussels in winter: still yesterday's period.
    assert.equal(periodKey(daily, new Date('2026-11-27T06:59:00Z')), '2026-11-26');
    assert.equal(periodKey(daily, new Date('2026-11-27T07:00:00Z')), '2026-11-27');
    // Summer time: 08:00 in Brussels is 06:00 UTC.
    assert.equal(periodKey(daily, new Date('2026-07-01T06:00:00Z')), '2026-07-01');
    const weekly = { every: 'week', weekday: 1, at: '07:00' } as const;
    // Friday 27 November 2026 → the week began on Monday 23.
    assert.equal(periodKey(weekly, new Date('2026-11-27T12:00:00Z')), '2026-11-23');
    // Monday 30 at 06:30 Brussels: still last week's period.
    assert.equal(periodKey(weekly, new Date('2026-11-30T05:30:00Z')), '2026-11-23');
    assert.equal(periodKey(weekly, new Date('2026-11-30T06:30:00Z')), '2026-11-30');
    const interval = { every: 'interval', seconds: 15 } as const;
    assert.equal(periodKey(interval, new Date('2026-11-27T10:00:14.900Z')), '2026-11-27T10:00:00Z');
    assert.equal(periodKey(interval, new Date('2026-11-27T10:00:15.000Z')), '2026-11-27T10:00:15Z');
  });

  it('runs a job once per period, even when two processes tick at the same moment', async () => {
    const clock = new Clock(new Date('2026-11-27T09:00:00Z'));
    let runs = 0;
    const job: JobDefinition = {
      name: 'test.once',
      label: 'Test',
      schedule: { every: 'day', at: '08:00' },
      run: async ({ db, now, periodKey: period }) => {
        runs++;
        await queueMail(
          db,
          { to: 'bureau@test.invalid', subject: `Rappel ${period}`, text: '…', purpose: 'test' },
          now,
        );
        return 'un rappel';
      },
    };
    const a = new Scheduler({ db: first.db, now: clock.now, instanceId: 'a' });
    const b = new Scheduler({ db: second.db, now: clock.now, instanceId: 'b' });
    a.register(job);
    b.register(job);
    const [ra, rb] = await Promise.all([a.tick(), b.tick()]);
    assert.equal(runs, 1);
    assert.deepEqual([ra[0]?.outcome, rb[0]?.outcome].sort(), ['done', 'skipped']);
    // Later the same day: nothing more.
    clock.set('2026-11-27T16:00:00Z');
    await Promise.all([a.tick(), b.tick()]);
    assert.equal(runs, 1);
    const mails = await first.db.selectFrom('mail_outbox').select('subject').where('purpose', '=', 'test').execute();
    assert.deepEqual(
      mails.map((m) => m.subject),
      ['Rappel 2026-11-27'],
    );
    // The next morning: the next period.
    clock.set('2026-11-28T07:30:00Z');
    await Promise.all([b.tick(), a.tick()]);
    assert.equal(runs, 2);
    const run = await findRun(first.db, 'test.once', '2026-11-28');
    assert.equal(run?.status, 'done');
    assert.equal(run?.summary, 'un rappel');
  });

  it('after a restart, runs the current period once, not every missed one', async () => {
    const clock = new Clock(new Date('2026-12-01T09:00:00Z'));
    const periods: string[] = [];
    const job: JobDefinition = {
      name: 'test.catchup',
      label: 'Test',
      schedule: { every: 'day', at: '08:00' },
      run: async ({ periodKey: period }) => {
        periods.push(period);
        return undefined;
      },
    };
    const before = new Scheduler({ db: first.db, now: clock.now });
    before.register(job);
    await before.tick();
    await before.stop();
    // Down for two days; a new process starts on 4 December.
    clock.set('2026-12-04T10:00:00Z');
    const restarted = new Scheduler({ db: second.db, now: clock.now });
    restarted.register(job);
    await restarted.tick();
    await restarted.tick();
    // And another process right after, on the same day.
    const another = new Scheduler({ db: first.db, now: clock.now });
    another.register(job);
    await another.tick();
    assert.deepEqual(periods, ['2026-12-01', '2026-12-04']);
  });

  it('takes over a run whose process died, once its lease has expired', async () => {
    const clock = new Clock(new Date('2026-11-27T10:00:00Z'));
    await first.db
      .insertInto('job_runs')
      .values({
        job_name: 'test.takeover',
        period_key: '2026-11-27',
        status: 'running',
        attempts: 1,
        claimed_by: 'dead-process',
        started_at: '2026-11-27T07:00:00.000Z',
        lease_until: '2026-11-27T10:05:00.000Z',
      })
      .execute();
    let runs = 0;
    const s = new Scheduler({ db: second.db, now: clock.now, instanceId: 'survivor' });
    s.register({
      name: 'test.takeover',
      label: 'Test',
      schedule: { every: 'day', at: '08:00' },
      run: async () => {
        runs++;
        return undefined;
      },
    });
    assert.equal((await s.tick())[0]?.outcome, 'skipped', 'the lease still holds');
    clock.set('2026-11-27T10:06:00Z');
    assert.equal((await s.tick())[0]?.outcome, 'done');
    assert.equal(runs, 1);
    const run = await findRun(first.db, 'test.takeover', '2026-11-27');
    assert.equal(run?.claimed_by, 'survivor');
    assert.equal(run?.attempts, 2);
  });

  it('retries a failed run later, up to its attempts, and records the error', async () => {
    const clock = new Clock(new Date('2026-11-27T10:00:00Z'));
    let calls = 0;
    const s = new Scheduler({ db: first.db, now: clock.now });
    s.register({
      name: 'test.retry',
      label: 'Test',
      schedule: { every: 'day', at: '08:00' },
      maxAttempts: 2,
      run: async () => {
        calls++;
        throw new Error('serveur SMTP injoignable');
      },
    });
    assert.equal((await s.tick())[0]?.outcome, 'failed');
    assert.equal((await findRun(first.db, 'test.retry', '2026-11-27'))?.error, 'serveur SMTP injoignable');
    assert.equal((await s.tick())[0]?.outcome, 'skipped', 'not before a minute');
    clock.set('2026-11-27T10:01:01Z');
    assert.equal((await s.tick())[0]?.outcome, 'failed');
    clock.set('2026-11-27T12:00:00Z');
    assert.equal((await s.tick())[0]?.outcome, 'skipped', 'attempts exhausted for today');
    assert.equal(calls, 2);
    clock.set('2026-11-28T08:00:00Z');
    assert.equal((await s.tick())[0]?.outcome, 'failed', 'tomorrow is another period');
    assert.equal(calls, 3);
  });

  it('never runs two periods of one job at the same time', async () => {
    const clock = new Clock(new Date('2026-11-27T10:00:00Z'));
    let release: () => void = () => undefined;
    const blocked = new Promise<void>((resolve) => {
      release = resolve;
    });
    let runs = 0;
    const job: JobDefinition = {
      name: 'test.overlap',
      label: 'Test',
      schedule: { every: 'interval', seconds: 15 },
      run: async () => {
        runs++;
        await blocked;
        return undefined;
      },
    };
    const a = new Scheduler({ db: first.db, now: clock.now, instanceId: 'a' });
    const b = new Scheduler({ db: second.db, now: clock.now, instanceId: 'b' });
    a.register(job);
    b.register(job);
    const slow = a.tick();
    // Let a's claim reach the database before b looks.
    while ((await findRun(second.db, 'test.overlap', '2026-11-27T10:00:00Z')) === undefined)
      await new Promise((r) => setImmediate(r));
    clock.set('2026-11-27T10:00:20Z');
    assert.equal((await b.tick())[0]?.outcome, 'skipped');
    release();
    await slow;
    assert.equal((await b.tick())[0]?.outcome, 'done');
    assert.equal(runs, 2);
  });

  it('refuses a job registered twice', () => {
    const s = new Scheduler({ db: first.db });
    const job: JobDefinition = {
      name: 'test.twice',
      label: 'Test',
      schedule: { every: 'day', at: '08:00' },
      run: async () => undefined,
    };
    s.register(job);
    assert.throws(() => s.register(job), /registered twice/);
  });
});
