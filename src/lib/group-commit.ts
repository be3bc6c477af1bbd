/**
 * Group commit: saves concurrent submissions together. Whatever arrives in
 * the same turn of the event loop, or while earlier groups are being saved,
 * is handed to `save` as one list — one transaction and one commit for many
 * sign-ups instead of one each. Each caller still gets its own result, and
 * only once its group is committed: an acknowledged submission is a stored one.
 *
 * `concurrency` groups may be in flight at once: 1 for SQLite (one writer
 * anyway), a few for PostgreSQL, whose round trips and commits then overlap.
 * Measured with scripts/bench-public.ts: larger groups beat more, smaller
 * ones, so a group takes everything waiting (up to `maxSize`).
 *
 * If a group fails, each of its items is saved again alone, so that one bad
 * item never fails the others.
 */
export interface GroupCommitOptions {
  /** Largest group handed to `save` (default 50). */
  maxSize?: number;
  /** Groups being saved at the same time (default 1). */
  concurrency?: number;
  /**
   * Turns of the event loop to wait before saving a group (default 1): the
   * first lets every request already received reach the queue, a second one
   * also the requests whose bytes arrived meanwhile. No timer: when nothing
   * else is going on, a turn takes microseconds.
   */
  turns?: number;
}

interface Waiting<I, O> {
  item: I;
  resolve: (out: O) => void;
  reject: (error: unknown) => void;
}

export class GroupCommit<I, O> {
  readonly #save: (items: I[]) => Promise<O[]>;
  readonly #maxSize: number;
  readonly #concurrency: number;
  readonly #turns: number;
  #queue: Waiting<I, O>[] = [];
  #scheduled = false;
  readonly #inFlight = new Set<Promise<void>>();

  constructor(save: (items: I[]) => Promise<O[]>, options: GroupCommitOptions = {}) {
    this.#save = save;
    this.#maxSize = Math.max(1, options.maxSize ?? 50);
    this.#concurrency = Math.max(1, options.concurrency ?? 1);
    this.#turns = Math.max(1, options.turns ?? 1);
  }

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.#queue.push({ item, resolve, reject });
      this.#schedule();
    });
  }

  /** Resolves once everything submitted so far is saved (the server waits for it on shutdown). */
  async idle(): Promise<void> {
    while (this.#queue.length > 0 || this.#inFlight.size > 0 || this.#scheduled) {
      await (this.#inFlight.size > 0
        ? Promise.race(this.#inFlight)
        : new Promise<void>((resolve) => setImmediate(resolve)));
    }
  }

  #schedule(): void {
    if (this.#scheduled || this.#queue.length === 0 || this.#inFlight.size >= this.#concurrency) return;
    this.#scheduled = true;
    // After the current turn: the other requests already received join the group.
    const after = (turns: number) =>
      setImmediate(() => {
        if (turns > 1) return after(turns - 1);
        this.#scheduled = false;
        while (this.#queue.length > 0 && this.#inFlight.size < this.#concurrency) this.#start();
      });
    after(this.#turns);
  }

  #start(): void {
    const group = this.#queue.splice(0, this.#maxSize);
    const flight: Promise<void> = this.#saveGroup(group).finally(() => {
      this.#inFlight.delete(flight);
      this.#schedule();
    });
    this.#inFlight.add(flight);
  }

  async #saveGroup(group: Waiting<I, O>[]): Promise<void> {
    try {
      const results = await this.#save(group.map((g) => g.item));
      if (results.length !== group.length)
        throw new Error(`group commit: ${results.length} results for ${group.length} items`);
      group.forEach((g, i) => g.resolve(results[i] as O));
    } catch (error) {
      if (group.length === 1) {
        group[0]?.reject(error);
        return;
      }
      for (const g of group) {
        try {
          const [result] = await this.#save([g.item]);
          g.resolve(result as O);
        } catch (alone) {
          g.reject(alone);
        }
      }
    }
  }
}
