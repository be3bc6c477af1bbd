import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GroupCommit } from './group-commit.js';

describe('group commit', () => {
  it('saves what arrives in the same turn together, and answers each caller with its own result', async () => {
    const groups: number[][] = [];
    const commit = new GroupCommit<number, string>(async (items) => {
      groups.push(items);
      return items.map((n) => `saved ${n}`);
    });
    const results = await Promise.all([1, 2, 3, 4].map((n) => commit.submit(n)));
    assert.deepEqual(results, ['saved 1', 'saved 2', 'saved 3', 'saved 4']);
    assert.deepEqual(groups, [[1, 2, 3, 4]], 'one save for the four');
  });

  it('groups what arrives while a save is under way, and never more than the maximum size', async () => {
    const groups: number[][] = [];
    let release: () => void = () => undefined;
    const commit = new GroupCommit<number, number>(
      async (items) => {
        groups.push(items);
        if (groups.length === 1) await new Promise<void>((resolve) => (release = resolve));
        return items;
      },
      { maxSize: 3 },
    );
    const first = commit.submit(0);
    await new Promise((resolve) => setImmediate(resolve));
    const later = [1, 2, 3, 4, 5].map((n) => commit.submit(n));
    release();
    assert.deepEqual(await Promise.all([first, ...later]), [0, 1, 2, 3, 4, 5]);
    assert.deepEqual(groups, [[0], [1, 2, 3], [4, 5]]);
  });

  it('saves up to `concurrency` groups at once', async () => {
    const started: number[][] = [];
    const releases: (() => void)[] = [];
    const commit = new GroupCommit<number, number>(
      async (items) => {
        started.push(items);
        await new Promise<void>((resolve) => releases.push(resolve));
        return items;
      },
      { maxSize: 2, concurrency: 2 },
    );
    const all = Promise.all([1, 2, 3, 4, 5].map((n) => commit.submit(n)));
    while (started.length < 2) await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setTimeout(resolve, 5));
    assert.deepEqual(
      started,
      [
        [1, 2],
        [3, 4],
      ],
      'two groups in flight, the fifth item waits',
    );
    releases.shift()?.();
    while (started.length < 3) await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(started[2], [5]);
    for (const release of releases.splice(0)) release();
    await new Promise((resolve) => setImmediate(resolve));
    for (const release of releases.splice(0)) release();
    assert.deepEqual(await all, [1, 2, 3, 4, 5]);
  });

  it('with two turns, also gathers what arrives in the next turn of the event loop', async () => {
    for (const [turns, expected] of [
      [1, [[1], [2]]],
      [2, [[1, 2]]],
    ] as const) {
      const groups: number[][] = [];
      const commit = new GroupCommit<number, number>(
        async (items) => {
          groups.push(items);
          return items;
        },
        { turns },
      );
      const first = commit.submit(1);
      const second = new Promise<number>((resolve) => setImmediate(() => resolve(commit.submit(2))));
      assert.deepEqual(await Promise.all([first, second]), [1, 2]);
      assert.deepEqual(groups, expected, `${turns} turn(s)`);
    }
  });

  it('answers nobody before its group is saved', async () => {
    let saved = false;
    const commit = new GroupCommit<string, boolean>(async (items) => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      saved = true;
      return items.map(() => saved);
    });
    assert.equal(await commit.submit('a'), true);
  });

  it('when a group fails, saves each item alone: one bad item fails only its own caller', async () => {
    const calls: string[][] = [];
    const commit = new GroupCommit<string, string>(async (items) => {
      calls.push(items);
      if (items.includes('bad')) throw new Error('refused');
      return items.map((s) => s.toUpperCase());
    });
    const settled = await Promise.allSettled(['a', 'bad', 'c'].map((s) => commit.submit(s)));
    assert.deepEqual(
      settled.map((s) => (s.status === 'fulfilled' ? s.value : (s.reason as Error).message)),
      ['A', 'refused', 'C'],
    );
    assert.deepEqual(calls, [['a', 'bad', 'c'], ['a'], ['bad'], ['c']]);
  });

  it('refuses a save that does not answer every item', async () => {
    const commit = new GroupCommit<number, number>(async (items) => items.slice(1));
    await assert.rejects(commit.submit(1), /0 results for 1 items/);
  });

  it('idle() waits for everything submitted so far', async () => {
    const done: number[] = [];
    const commit = new GroupCommit<number, void>(async (items) => {
      await new Promise((resolve) => setTimeout(resolve, 10));
      done.push(...items);
      return items.map(() => undefined);
    });
    void commit.submit(1);
    void commit.submit(2);
    await commit.idle();
    assert.deepEqual(done, [1, 2]);
  });
});
