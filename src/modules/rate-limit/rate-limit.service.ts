/**
 * Rate limits: at most `max` hits per `windowMs` for one key (an IP address,
 * an e-mail address, an account). A sliding window estimated from two fixed
 * buckets (the current one and the one before, weighted by how much of it
 * still falls in the window), so a hit costs the same whatever the number of
 * keys: one counter to add to, two to read. Expired counts go away by
 * bucket, never by a scan (issue 9). The counts live in a `RateStore`: in
 * memory for one process (SQLite), in the database when several processes
 * serve one PostgreSQL (docs/decisions/007-shared-rate-limits.md).
 */

export interface RateRule {
  /** Unique per rule: the store keeps its counts apart from the other rules'. */
  name: string;
  max: number;
  windowMs: number;
}

/** What a store keeps per rule and key. */
export interface BucketCounts {
  /** floor(now / windowMs). */
  bucket: number;
  /** Hits in `bucket`; after `hit`, this hit's own rank among them. */
  current: number;
  /** Hits in the bucket before. */
  previous: number;
}

/** Where the counts live. Every method takes the rule for its name and window. */
export interface RateStore {
  /** Counts one hit of `key` at `now` (milliseconds); the counts include it. */
  hit(rule: RateRule, key: string, now: number): Promise<BucketCounts>;
  /** The counts at `now`, without counting anything. */
  peek(rule: RateRule, key: string, now: number): Promise<BucketCounts>;
  /** Forgets the key's counts (a successful login after failures). */
  reset(rule: RateRule, key: string): Promise<void>;
  /** Waits for the hits in flight; the store takes no more. */
  close(): Promise<void>;
}

export interface RateDecision {
  /** `hit`: this hit is within the limit. `check`: one more hit would be. */
  allowed: boolean;
  /** The estimated number of hits in the last window (this one included, for `hit`). */
  count: number;
  /** 0 when allowed; otherwise how long until one more hit is allowed (if nothing else is counted meanwhile). */
  retryAfterMs: number;
}

export function bucketOf(rule: RateRule, now: number): number {
  return Math.floor(now / rule.windowMs);
}

/** previous × (share of the previous bucket still in the window) + current. */
export function estimate(rule: RateRule, counts: BucketCounts, now: number): number {
  const elapsed = (now - counts.bucket * rule.windowMs) / rule.windowMs;
  const weight = Math.min(1, Math.max(0, 1 - elapsed));
  return counts.previous * weight + counts.current;
}

/**
 * Milliseconds until estimate + 1 ≤ max, if no hit is counted meanwhile: the
 * previous bucket's weight shrinks through the current bucket; once the
 * current bucket is over, its own hits become the shrinking previous ones.
 */
export function retryAfter(rule: RateRule, counts: BucketCounts, now: number): number {
  const start = counts.bucket * rule.windowMs;
  const room = rule.max - 1;
  let at: number;
  if (counts.current <= room) {
    const share = counts.previous > 0 ? 1 - (room - counts.current) / counts.previous : 0;
    at = start + rule.windowMs * Math.max(0, share);
  } else {
    const share = counts.current > 0 ? 1 - room / counts.current : 0;
    at = start + rule.windowMs + rule.windowMs * Math.max(0, share);
  }
  return Math.max(0, Math.ceil(at - now));
}

export class RateLimit {
  constructor(
    private readonly store: RateStore,
    readonly rule: RateRule,
  ) {
    if (!(rule.max >= 1 && rule.windowMs >= 1)) throw new Error(`rate limit ${rule.name}: max and window must be ≥ 1`);
  }

  /** Counts a hit and says whether it is within the limit (a hit over it is counted too). */
  async hit(key: string, now: number = Date.now()): Promise<RateDecision> {
    const counts = await this.store.hit(this.rule, key, now);
    const count = estimate(this.rule, counts, now);
    const allowed = count <= this.rule.max;
    return { allowed, count, retryAfterMs: allowed ? 0 : retryAfter(this.rule, counts, now) };
  }

  /** Whether one more hit would be allowed, without counting one (e.g. before checking a password). */
  async check(key: string, now: number = Date.now()): Promise<RateDecision> {
    const counts = await this.store.peek(this.rule, key, now);
    const count = estimate(this.rule, counts, now);
    const allowed = count + 1 <= this.rule.max;
    return { allowed, count, retryAfterMs: allowed ? 0 : retryAfter(this.rule, counts, now) };
  }

  /** Forgets the key (e.g. a successful login clears its failures). */
  reset(key: string): Promise<void> {
    return this.store.reset(this.rule, key);
  }
}
