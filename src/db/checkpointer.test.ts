import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { openDatabase } from './index.js';

/** SQLite only, whatever TEST_DB says: the checkpointer is SQLite's. */
describe('SQLite checkpoints from a worker thread', () => {
  const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  async function fill(backgroundCheckpoint: boolean): Promise<{ before: number; after: number; rows: number }> {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'vigie-checkpoint-'));
    const file = path.join(dir, 'db.sqlite');
    const handle = openDatabase({ kind: 'sqlite', file }, { backgroundCheckpoint });
    try {
      await sql`create table t (id integer primary key, body text not null)`.execute(handle.db);
      await wait(700);
      const before = statSync(file).size;
      // About 200 pages: far under the main connection's own threshold in both cases (1,000 and 10,000).
      for (let i = 0; i < 100; i++) await sql`insert into t (body) values (${'x'.repeat(8_000)})`.execute(handle.db);
      await wait(1_200);
      const after = statSync(file).size;
      const { rows } = await sql<{ n: number }>`select count(*) as n from t`.execute(handle.db);
      return { before, after, rows: Number(rows[0]?.n) };
    } finally {
      await handle.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it('copies committed pages into the database file without the main connection doing it', async () => {
    const background = await fill(true);
    assert.equal(background.rows, 100);
    assert.ok(
      background.after >= background.before + 100 * 8_000,
      `the file grew by the rows (${background.before} → ${background.after} bytes)`,
    );
  });

  it('(without it, the same writes stay in the log until SQLite’s own threshold)', async () => {
    const foreground = await fill(false);
    assert.equal(foreground.rows, 100);
    assert.ok(
      foreground.after < foreground.before + 100 * 8_000,
      `the file did not grow yet (${foreground.before} → ${foreground.after} bytes)`,
    );
  });

  it('never keeps a process alive on its own (a script that forgets to close still ends)', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'vigie-checkpoint-'));
    try {
      const script = `import { openDatabase } from ${JSON.stringify(new URL('./index.ts', import.meta.url).href)};
        const h = openDatabase({ kind: 'sqlite', file: ${JSON.stringify(path.join(dir, 'db.sqlite'))} }, { backgroundCheckpoint: true });
        await h.db.selectNoFrom((eb) => eb.lit(1).as('one')).execute();
        console.log('done');`;
      const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        encoding: 'utf8',
        timeout: 20_000,
      });
      assert.equal(result.signal, null, 'ended by itself, not by the timeout');
      assert.equal(result.status, 0, result.stderr);
      assert.match(result.stdout, /done/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stops with the database: closing never hangs, and the data is all there afterwards', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'vigie-checkpoint-'));
    const file = path.join(dir, 'db.sqlite');
    try {
      const handle = openDatabase({ kind: 'sqlite', file }, { backgroundCheckpoint: true });
      await sql`create table t (id integer primary key)`.execute(handle.db);
      for (let i = 0; i < 50; i++) await sql`insert into t default values`.execute(handle.db);
      await handle.destroy();
      const again = openDatabase({ kind: 'sqlite', file });
      const { rows } = await sql<{ n: number }>`select count(*) as n from t`.execute(again.db);
      assert.equal(Number(rows[0]?.n), 50);
      await again.destroy();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
