import { createHmac } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../db/index.js';
import { GroupCommit } from '../../lib/group-commit.js';
import { bucketOf, type BucketCounts, type RateRule, type RateStore } from './rate-limit.service.js';

interface Hit {
  key: string;
  rule: RateRule;
  now: number;
}

/** Expired rows are deleted at most this often (by whichever process counts a hit then). */
const PURGE_EVERY_MS = 60_000;

/**
 * Counts in the database (`rate_limit_counters`), shared by every process on
 * it: what several processes behind one proxy need (docs/operations.md). One
 * row per rule and key; the key is an HMAC under a secret derived from the
 * encryption key, so the table names no address. Hits arriving together are
 * counted in one statement (an upsert that also moves the row to the current
 * bucket), one round trip for the group; each hit still gets its own rank.
 * Rows whose two buckets are over are deleted once a minute through their
 * `expires_at` index.
 */
export class DatabaseRateStore implements RateStore {
  readonly #db: Db;
  readonly #secret: Buffer;
  readonly #group: GroupCommit<Hit, BucketCounts>;
  #lastPurge = 0;
  #purging: Promise<void> = Promise.resolve();
  #closed = false;

  constructor(db: Db, secret: Buffer, options: { concurrency?: number } = {}) {
    this.#db = db;
    this.#secret = secret;
    this.#group = new GroupCommit((hits) => this.#count(hits), {
      maxSize: 500,
      concurrency: options.concurrency ?? 2,
    });
  }

  /** The stored key: HMAC(secret, rule name + key), so the table holds no address. */
  keyOf(rule: RateRule, key: string): string {
    return createHmac('sha256', this.#secret).update(`${rule.name}\n${key}`).digest('base64url').slice(0, 32);
  }

  hit(rule: RateRule, key: string, now: number): Promise<BucketCounts> {
    if (this.#closed) return Promise.reject(new Error('rate-limit store closed'));
    return this.#group.submit({ key: this.keyOf(rule, key), rule, now });
  }

  async peek(rule: RateRule, key: string, now: number): Promise<BucketCounts> {
    const bucket = bucketOf(rule, now);
    const row = await this.#db
      .selectFrom('rate_limit_counters')
      .select(['bucket', 'hits', 'previous_hits'])
      .where('key', '=', this.keyOf(rule, key))
      .executeTakeFirst();
    if (!row || row.bucket < bucket - 1) return { bucket, current: 0, previous: 0 };
    if (row.bucket < bucket) return { bucket, current: 0, previous: row.hits };
    return { bucket: row.bucket, current: row.hits, previous: row.previous_hits };
  }

  async reset(rule: RateRule, key: string): Promise<void> {
    await this.#db.deleteFrom('rate_limit_counters').where('key', '=', this.keyOf(rule, key)).execute();
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.#group.idle();
    await this.#purging;
  }

  /** One upsert for a group of hits; hits of one key share its row and get consecutive ranks. */
  async #count(hits: Hit[]): Promise<BucketCounts[]> {
    const byKey = new Map<string, { bucket: number; expires: number; n: number }>();
    for (const hit of hits) {
      const bucket = bucketOf(hit.rule, hit.now);
      const row = byKey.get(hit.key);
      if (row) {
        row.n += 1;
        // Two hits of one key across a bucket's end: both count in the later bucket.
        if (bucket > row.bucket) Object.assign(row, { bucket, expires: (bucket + 2) * hit.rule.windowMs });
      } else byKey.set(hit.key, { bucket, expires: (bucket + 2) * hit.rule.windowMs, n: 1 });
    }
    // Rows in one order in every statement: two processes never wait on each other's rows in a cycle.
    const keys = [...byKey.keys()].sort();
    const rows = await this.#db
      .insertInto('rate_limit_counters')
      .values(
        keys.map((key) => {
          const row = byKey.get(key) as { bucket: number; expires: number; n: number };
          return { key, bucket: row.bucket, hits: row.n, previous_hits: 0, expires_at: row.expires };
        }),
      )
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          // Every right-hand side reads the row as it was (both engines).
          previous_hits: sql<number>`case when rate_limit_counters.bucket >= excluded.bucket then rate_limit_counters.previous_hits when rate_limit_counters.bucket = excluded.bucket - 1 then rate_limit_counters.hits else 0 end`,
          hits: sql<number>`case when rate_limit_counters.bucket >= excluded.bucket then rate_limit_counters.hits + excluded.hits else excluded.hits end`,
          bucket: sql<number>`case when rate_limit_counters.bucket > excluded.bucket then rate_limit_counters.bucket else excluded.bucket end`,
          expires_at: sql<number>`case when rate_limit_counters.bucket > excluded.bucket then rate_limit_counters.expires_at else excluded.expires_at end`,
        }),
      )
      .returning(['key', 'bucket', 'hits', 'previous_hits'])
      .execute();
    const totals = new Map(rows.map((r) => [r.key, r]));
    // The group's hits of one key took ranks total − n + 1 … total, in arrival order.
    const taken = new Map<string, number>();
    const out = hits.map((hit) => {
      const row = totals.get(hit.key);
      if (!row) throw new Error('rate-limit counter missing after upsert');
      const n = (byKey.get(hit.key) as { n: number }).n;
      const rank = (taken.get(hit.key) ?? 0) + 1;
      taken.set(hit.key, rank);
      return { bucket: Number(row.bucket), current: row.hits - n + rank, previous: row.previous_hits };
    });
    this.#purge(Math.max(...hits.map((h) => h.now)));
    return out;
  }

  /** Deletes the rows that count nothing any more; apart from the group, so a failure never counts a hit twice. */
  #purge(now: number): void {
    if (now - this.#lastPurge < PURGE_EVERY_MS) return;
    this.#lastPurge = now;
    this.#purging = this.#purging.then(() =>
      this.#db
        .deleteFrom('rate_limit_counters')
        .where('expires_at', '<', now)
        .execute()
        .then(
          () => undefined,
          // Tried again with the next hit.
          () => {
            this.#lastPurge = 0;
          },
        ),
    );
  }
}
