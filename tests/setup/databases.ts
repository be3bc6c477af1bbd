import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';
import type { DatabaseConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/index.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { ensureDefaultTaxonomy } from '../../src/modules/taxonomy/taxonomy.service.js';
import { ensureGuideContent } from '../../src/modules/guide/guide.versions.service.js';

/**
 * Each test file gets its own real database, copied from a migrated template:
 * a file copy for SQLite, `CREATE DATABASE … TEMPLATE` for PostgreSQL.
 * TEST_DB=postgres (with TEST_DATABASE_URL) selects PostgreSQL.
 */
export const TMP_DIR = path.resolve('.tmp/test');
const SQLITE_TEMPLATE = path.join(TMP_DIR, 'template.sqlite');
/**
 * PostgreSQL database names carry a prefix of this checkout (a hash of its
 * path), so two clones testing on one server never drop each other's databases.
 */
const PG_PREFIX = `vigie_${createHash('sha256').update(process.cwd()).digest('hex').slice(0, 8)}`;
const PG_TEMPLATE = `${PG_PREFIX}_template`;

export type Engine = 'sqlite' | 'postgres';

export function testEngine(): Engine {
  const engine = process.env.TEST_DB ?? 'sqlite';
  if (engine !== 'sqlite' && engine !== 'postgres')
    throw new Error(`TEST_DB must be sqlite or postgres, not ${engine}`);
  return engine;
}

function adminUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DB=postgres needs TEST_DATABASE_URL (scripts/test-all.sh provides it)');
  if (!/^postgres(ql)?:\/\/\S+$/.test(url))
    throw new Error(`TEST_DATABASE_URL is not a postgres:// URL: ${JSON.stringify(url)}`);
  return url;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function migrate(config: DatabaseConfig): Promise<void> {
  const handle = openDatabase(config);
  try {
    await migrateToLatest(handle.db);
    await ensureDefaultTaxonomy(handle.db);
    await ensureGuideContent(handle.db);
  } finally {
    await handle.destroy();
  }
}

/** Builds the template once per run (the test script calls this before the files). */
export async function prepareTemplate(engine: Engine = testEngine()): Promise<void> {
  if (engine === 'sqlite') {
    mkdirSync(TMP_DIR, { recursive: true });
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${SQLITE_TEMPLATE}${suffix}`, { force: true });
    await migrate({ kind: 'sqlite', file: SQLITE_TEMPLATE });
    // Fold the WAL into the main file so a plain copy is complete.
    const handle = openDatabase({ kind: 'sqlite', file: SQLITE_TEMPLATE });
    await handle.destroy();
    return;
  }
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    const old = await client.query<{ datname: string }>(
      'select datname from pg_database where datname like $1 or datname = $2',
      [`${PG_PREFIX}\\_t\\_%`, PG_TEMPLATE],
    );
    for (const row of old.rows) await client.query(`drop database if exists "${row.datname}" with (force)`);
    await client.query(`create database ${PG_TEMPLATE}`);
  } finally {
    await client.end();
  }
  await migrate({ kind: 'postgres', url: withDatabase(adminUrl(), PG_TEMPLATE) });
}

export interface TestDatabase {
  config: DatabaseConfig;
  drop(): Promise<void>;
}

/** `empty`: a database with no table at all (as an operator creates it), instead of a migrated copy. */
export async function createTestDatabase(
  engine: Engine = testEngine(),
  options: { empty?: boolean } = {},
): Promise<TestDatabase> {
  const id = randomBytes(6).toString('hex');
  if (engine === 'sqlite') {
    if (!existsSync(SQLITE_TEMPLATE)) await prepareTemplate('sqlite');
    const file = path.join(TMP_DIR, `db-${id}.sqlite`);
    if (!options.empty) copyFileSync(SQLITE_TEMPLATE, file);
    return {
      config: { kind: 'sqlite', file },
      drop: async () => {
        for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
      },
    };
  }
  const name = `${PG_PREFIX}_t_${id}`;
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    const exists = await client.query('select 1 from pg_database where datname = $1', [PG_TEMPLATE]);
    if (exists.rowCount === 0) {
      await client.end();
      await prepareTemplate('postgres');
      return createTestDatabase('postgres', options);
    }
    // Two files starting together may both copy the template; PostgreSQL
    // refuses a copy while another one runs, so wait and retry briefly.
    for (let attempt = 0; ; attempt++) {
      try {
        await client.query(`create database ${name}${options.empty ? '' : ` template ${PG_TEMPLATE}`}`);
        break;
      } catch (error) {
        if (attempt >= 20 || !/being accessed by other users/.test(String(error))) throw error;
        await new Promise((r) => setTimeout(r, 250 + Math.random() * 250));
      }
    }
  } finally {
    await client.end().catch(() => undefined);
  }
  return {
    config: { kind: 'postgres', url: withDatabase(adminUrl(), name) },
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl() });
      await c.connect();
      // pg's pool.end() resolves once it has asked its clients to end, not once
      // their sockets are gone: wait for the server to see them leave, so that
      // `force` never kills a connection this process still listens to (its
      // « terminating connection » error would surface after the test).
      for (let i = 0; i < 60; i++) {
        const { rows } = await c.query<{ n: string }>('select count(*) as n from pg_stat_activity where datname = $1', [
          name,
        ]);
        if (Number(rows[0]?.n ?? 0) === 0) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
