import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { KyselyPlugin } from 'kysely';
import { openDatabase, type DatabaseHandle, type Db } from '../../db/index.js';
import { createTestDatabase, testEngine, type TestDatabase } from '../../../tests/setup/databases.js';
import { MemoryRateStore } from './rate-limit.memory.js';
import { DatabaseRateStore } from './rate-limit.queries.js';
import { RateLimit, type RateStore } from './rate-limit.service.js';

const SECRET = Buffer.alloc(32, 9);
const HOUR = 60 * 60_000;
/** A bucket boundary, so that « t0 + x » falls where the test says. */
const t0 = Math.ceil(Date.UTC(2026, 10, 27, 9) / HOUR) * HOUR;

/** Counts the statements a database handle runs. */
function counted(db: Db): { db: Db; statements: () => number } {
  let n = 0;
  const plugin: KyselyPlugin = {
    transformQuery: (args) => args.node,
    transformResult: async (args) => {
      n++;
      return args.result;
    },
  };
  return { db: db.withPlugin(plugin), statements: () => n };
}

describe(`rate limits (${testEngine()})`, () => {
  let testDb: TestDatabase;
  const handles: DatabaseHandle[] = [];
  const open = () => {
    const handle = openDatabase(testDb.config);
    handles.push(handle);
    return handle.db;
  };
  before(async () => {
    testDb = await createTestDatabase();
  });
  after(async () => {
    for (const handle of handles) await handle.destroy();
    await testDb.drop();
  });

  const stores: Array<[string, () => RateStore]> = [
    ['in memory', () => new MemoryRateStore()],
    ['in the database', () => new DatabaseRateStore(open(), SECRET)],
  ];

  for (const [label, make] of stores) {
    describe(label, () => {
      it('allows max hits per window, refuses the next, and says when to retry', async () => {
        const limit = new RateLimit(make(), { name: `a-${label}`, max: 3, windowMs: HOUR });
        const decisions = [];
        for (let i = 0; i < 4; i++) decisions.push(await limit.hit('198.51.100.7', t0 + 60_000));
        assert.deepEqual(
          decisions.map((d) => d.allowed),
          [true, true, true, false],
        );
        assert.equal(decisions[3]?.count, 4);
        // Four hits in the current bucket: they weigh fully until it ends, then fade
        // through the next hour; a fifth is allowed once 4 × (1 − f) + 1 ≤ 3, f = ½.
        assert.equal(decisions[3]?.retryAfterMs, HOUR - 60_000 + HOUR / 2);
        assert.equal((await limit.hit('198.51.100.8', t0 + 60_000)).allowed, true, 'another key is not affected');
        assert.equal((await limit.check('198.51.100.7', t0 + HOUR + HOUR / 2 - 1_000)).allowed, false, 'too soon');
        assert.equal((await limit.check('198.51.100.7', t0 + HOUR + HOUR / 2)).allowed, true, 'after the wait');
        assert.equal((await limit.check('198.51.100.7', t0 + 3 * HOUR)).count, 0, 'two buckets later, nothing is left');
      });

      it('slides: hits of the previous bucket weigh by the part of it still in the window', async () => {
        const limit = new RateLimit(make(), { name: `b-${label}`, max: 10, windowMs: HOUR });
        for (let i = 0; i < 10; i++) await limit.hit('k', t0 + HOUR / 2);
        // A quarter into the next bucket, three quarters of the previous one still count: 7.5 + 1.
        const next = await limit.hit('k', t0 + HOUR + HOUR / 4);
        assert.equal(next.count, 8.5);
        assert.equal(next.allowed, true);
        const peek = await limit.check('k', t0 + HOUR + HOUR / 4);
        assert.equal(peek.count, 8.5, 'check counts nothing');
      });

      it('forgets a key on reset (a successful login after failures)', async () => {
        const limit = new RateLimit(make(), { name: `c-${label}`, max: 2, windowMs: HOUR });
        for (let i = 0; i < 3; i++) await limit.hit('compte:7', t0);
        assert.equal((await limit.check('compte:7', t0)).allowed, false);
        await limit.reset('compte:7');
        assert.equal((await limit.check('compte:7', t0)).count, 0);
        assert.equal((await limit.hit('compte:7', t0)).allowed, true);
      });

      it('gives each of many hits arriving together its own rank', async () => {
        const limit = new RateLimit(make(), { name: `d-${label}`, max: 5, windowMs: HOUR });
        const decisions = await Promise.all(Array.from({ length: 30 }, () => limit.hit('203.0.113.9', t0)));
        assert.deepEqual(
          decisions.map((d) => d.count),
          Array.from({ length: 30 }, (_, i) => i + 1),
        );
        assert.equal(decisions.filter((d) => d.allowed).length, 5);
      });
    });
  }

  it('holds one limit across two processes on one database', async () => {
    const rule = { name: 'shared', max: 4, windowMs: HOUR };
    const first = new RateLimit(new DatabaseRateStore(open(), SECRET), rule);
    const second = new RateLimit(new DatabaseRateStore(open(), SECRET), rule);
    const allowed: boolean[] = [];
    for (let i = 0; i < 3; i++) {
      allowed.push((await first.hit('192.0.2.44', t0)).allowed, (await second.hit('192.0.2.44', t0)).allowed);
    }
    assert.deepEqual(allowed, [true, true, true, true, false, false]);
  });

  it('stores no address: the key is an HMAC', async () => {
    const db = open();
    const limit = new RateLimit(new DatabaseRateStore(db, SECRET), { name: 'privacy', max: 9, windowMs: HOUR });
    await limit.hit('personne@exemple.be', t0);
    const keys = (await db.selectFrom('rate_limit_counters').select('key').execute()).map((r) => r.key);
    assert.ok(keys.length > 0);
    assert.ok(keys.every((k) => !k.includes('exemple') && !k.includes('@')));
  });

  // Issue 9: the work of a hit must not grow with the number of keys. Counted
  // in statements and in rows they return, not timed.
  it('counts a hit with one statement among 20,000 keys, and deletes expired rows by bucket', async () => {
    const db = open();
    const rule = { name: 'many', max: 3, windowMs: HOUR };
    const filler = new DatabaseRateStore(db, SECRET);
    const rows = Array.from({ length: 20_000 }, (_, i) => ({
      key: filler.keyOf(rule, `personne-${i}@exemple.be`),
      bucket: Math.floor(t0 / HOUR),
      hits: 1,
      previous_hits: 0,
      expires_at: (Math.floor(t0 / HOUR) + 2) * HOUR,
    }));
    for (let i = 0; i < rows.length; i += 2_000)
      await db
        .insertInto('rate_limit_counters')
        .values(rows.slice(i, i + 2_000))
        .execute();
    const { db: watched, statements } = counted(db);
    const store = new DatabaseRateStore(watched, SECRET);
    const limit = new RateLimit(store, rule);
    // The first hit also runs the once-a-minute purge (nothing has expired yet).
    await limit.hit('personne-20000@exemple.be', t0 + 1_000);
    await store.close();
    assert.equal(statements(), 2, 'one upsert, one purge');
    const store2 = new DatabaseRateStore(watched, SECRET);
    const limit2 = new RateLimit(store2, rule);
    await limit2.hit('personne-20001@exemple.be', t0 + 2_000);
    const decision = await limit2.hit('personne-12@exemple.be', t0 + 3_000);
    assert.equal(decision.count, 2, 'an existing key counts on');
    await store2.close();
    assert.equal(statements(), 2 + 3, 'one statement per hit, plus this store’s first purge');
    const count = async () =>
      Number(
        (
          await db
            .selectFrom('rate_limit_counters')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('key', 'in', [rows[0]?.key ?? '', rows[19_999]?.key ?? ''])
            .executeTakeFirstOrThrow()
        ).n,
      );
    assert.equal(await count(), 2);
    // Two hours later both buckets of these rows are over: the next hit's purge deletes them.
    const store3 = new DatabaseRateStore(db, SECRET);
    await new RateLimit(store3, rule).hit('quelqu-un@exemple.be', t0 + 2 * HOUR + 1);
    await store3.close();
    assert.equal(await count(), 0);
  });
});
