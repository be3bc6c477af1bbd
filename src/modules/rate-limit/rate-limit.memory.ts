import { bucketOf, type BucketCounts, type RateRule, type RateStore } from './rate-limit.service.js';

/** Per rule: the counts of the current bucket and of the one before, each in its own map. */
interface RuleCounts {
  bucket: number;
  current: Map<string, number>;
  previous: Map<string, number>;
}

/**
 * Counts in this process's memory: the default with SQLite, which is served by
 * one process (docs/decisions/007-shared-rate-limits.md). When a rule's
 * bucket ends, its current map becomes the previous one and the map before is
 * dropped whole: expiry costs nothing per hit, whatever the number of keys.
 */
export class MemoryRateStore implements RateStore {
  readonly #rules = new Map<string, RuleCounts>();

  #at(rule: RateRule, now: number): RuleCounts {
    const bucket = bucketOf(rule, now);
    let counts = this.#rules.get(rule.name);
    if (!counts) {
      counts = { bucket, current: new Map(), previous: new Map() };
      this.#rules.set(rule.name, counts);
    } else if (bucket === counts.bucket + 1) {
      counts.previous = counts.current;
      counts.current = new Map();
      counts.bucket = bucket;
    } else if (bucket > counts.bucket + 1) {
      counts.previous = new Map();
      counts.current = new Map();
      counts.bucket = bucket;
    }
    // A clock that went back counts in the bucket already open.
    return counts;
  }

  hit(rule: RateRule, key: string, now: number): Promise<BucketCounts> {
    const counts = this.#at(rule, now);
    const current = (counts.current.get(key) ?? 0) + 1;
    counts.current.set(key, current);
    return Promise.resolve({ bucket: counts.bucket, current, previous: counts.previous.get(key) ?? 0 });
  }

  peek(rule: RateRule, key: string, now: number): Promise<BucketCounts> {
    const counts = this.#at(rule, now);
    return Promise.resolve({
      bucket: counts.bucket,
      current: counts.current.get(key) ?? 0,
      previous: counts.previous.get(key) ?? 0,
    });
  }

  reset(rule: RateRule, key: string): Promise<void> {
    const counts = this.#rules.get(rule.name);
    counts?.current.delete(key);
    counts?.previous.delete(key);
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.#rules.clear();
    return Promise.resolve();
  }
}
