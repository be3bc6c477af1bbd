import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createTestDatabase, testEngine, type TestDatabase } from '../../tests/setup/databases.js';
import { loadConfig } from '../config.js';
import { openDatabase, type DatabaseHandle } from './index.js';

/** PostgreSQL statements named after their text, so that each connection prepares them once. */
const postgresOnly = testEngine() === 'postgres' ? false : 'PostgreSQL only: runs in the PostgreSQL pass of the suite';

/** The statements this connection has prepared under our names (the look-up itself included). */
async function prepared(
  handle: DatabaseHandle,
  run: (db: DatabaseHandle['db']) => Promise<unknown>,
): Promise<string[]> {
  return handle.db.connection().execute(async (conn) => {
    await run(conn as unknown as DatabaseHandle['db']);
    const { rows } = await sql<{
      name: string;
      statement: string;
    }>`select name, statement from pg_prepared_statements`.execute(conn);
    return rows
      .filter((r) => r.name.startsWith('vigie_'))
      .map((r) => r.statement.trim().split(/\s+/).slice(0, 3).join(' ').toLowerCase());
  });
}

describe('prepared statements on PostgreSQL', { skip: postgresOnly }, () => {
  let database: TestDatabase;
  before(async () => {
    database = await createTestDatabase('postgres');
  });
  after(async () => database.drop());

  it('prepares data statements once per connection', async () => {
    let handle = openDatabase(database.config);
    try {
      await sql`create table prep_probe (id serial primary key, label text not null)`.execute(handle.db);
      await handle.destroy();
      handle = openDatabase(database.config);
      const statements = await prepared(handle, async (db) => {
        for (let i = 0; i < 3; i++) await sql`insert into prep_probe (label) values (${`ligne ${i}`})`.execute(db);
        const { rows } = await sql<{
          n: number;
        }>`select count(*)::int as n from prep_probe where label like ${'ligne%'}`.execute(db);
        assert.equal(rows[0]?.n, 3);
      });
      assert.deepEqual(
        statements.sort(),
        ['insert into prep_probe', 'select count(*)::int as', 'select name, statement'],
        'once each (three inserts, one statement)',
      );
    } finally {
      await handle.destroy();
    }
  });

  it('after another connection changed the schema, runs the statement again unnamed instead of failing', async () => {
    const reader = openDatabase(database.config);
    const writer = openDatabase(database.config);
    try {
      await sql`create table prep_change (id serial primary key)`.execute(writer.db);
      await sql`insert into prep_change default values`.execute(writer.db);
      await reader.db.connection().execute(async (db) => {
        const first = await sql<Record<string, unknown>>`select * from prep_change`.execute(db);
        assert.deepEqual(Object.keys(first.rows[0] ?? {}), ['id']);
        await sql`alter table prep_change add column note text default 'ajoutée'`.execute(writer.db);
        const second = await sql<Record<string, unknown>>`select * from prep_change`.execute(db);
        assert.deepEqual(second.rows[0], { id: 1, note: 'ajoutée' });
      });
    } finally {
      await reader.destroy();
      await writer.destroy();
    }
  });

  it('DATABASE_PREPARE=false names nothing', async () => {
    const config = loadConfig({
      DATABASE_URL: String((database.config as { url: string }).url),
      DATABASE_PREPARE: 'false',
    }).database;
    assert.deepEqual(config, { kind: 'postgres', url: (database.config as { url: string }).url, prepare: false });
    const handle = openDatabase(config);
    try {
      const statements = await prepared(handle, async (db) => {
        for (let i = 0; i < 2; i++) await sql`select ${i}::int as i`.execute(db);
      });
      assert.deepEqual(statements, []);
    } finally {
      await handle.destroy();
    }
  });
});
