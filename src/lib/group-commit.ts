/**
 * Group commit: saves concurrent submissions together. Whatever arrives in
 * the same turn of the event loop, or while a group is being saved, is handed
 * to `save` as one list — one transaction and one commit for many sign-ups
 * instead of one each. Each caller still gets its own result, and only once
 * its group is committed: an acknowledged submission is a stored one.
 *
 * If a group fails, each of its items is saved again alone, so that one bad
 * item never fails the others.
 */
export class GroupCommit<I, O> {
  readonly #save: (items: I[]) => Promise<O[]>;
  readonly #maxSize: number;
  #queue: { item: I; resolve: (out: O) => void; reject: (error: unknown) => void }[] = [];
  #scheduled = false;
  #running: Promise<void> | null = null;

  constructor(save: (items: I[]) => Promise<O[]>, maxSize = 50) {
    this.#save = save;
    this.#maxSize = maxSize;
  }

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.#queue.push({ item, resolve, reject });
      this.#schedule();
    });
  }

  /** Resolves once everything submitted so far is saved (the server waits for it on shutdown). */
  async idle(): Promise<void> {
    while (this.#queue.length > 0 || this.#running || this.#scheduled) {
      await (this.#running ?? new Promise<void>((resolve) => setImmediate(resolve)));
    }
  }

  #schedule(): void {
    if (this.#scheduled || this.#running) return;
    this.#scheduled = true;
    // After the current turn: the other requests already received join the group.
    setImmediate(() => {
      this.#scheduled = false;
      this.#running = this.#drain().finally(() => {
        this.#running = null;
        if (this.#queue.length > 0) this.#schedule();
      });
    });
  }

  async #drain(): Promise<void> {
    while (this.#queue.length > 0) {
      const group = this.#queue.splice(0, this.#maxSize);
      try {
        const results = await this.#save(group.map((g) => g.item));
        if (results.length !== group.length) throw new Error(`group commit: ${results.length} results for ${group.length} items`);
        group.forEach((g, i) => g.resolve(results[i] as O));
      } catch (error) {
        if (group.length === 1) {
          group[0]?.reject(error);
          continue;
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
}
