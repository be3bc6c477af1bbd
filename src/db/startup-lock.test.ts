import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, testEngine, type TestDatabase } from '../../tests/setup/databases.js';
import { ensureGuideContent } from '../modules/guide/guide.versions.service.js';
import { ensureDefaultTaxonomy } from '../modules/taxonomy/taxonomy.service.js';
import { openDatabase, type DatabaseHandle } from './index.js';
import { migrateToLatest } from './migrate.js';
import { oneProcessAtATime } from './startup-lock.js';

const postgresOnly = testEngine() === 'postgres' ? false : 'PostgreSQL only: runs in the PostgreSQL pass of the suite';

/** What a server does at start, on its own connections (as a second process would). */
async function start(handle: DatabaseHandle): Promise<void> {
  await oneProcessAtATime(handle.db, async () => {
    await migrateToLatest(handle.db);
    await ensureDefaultTaxonomy(handle.db);
    await ensureGuideContent(handle.db);
  });
}

describe('several processes starting together on one PostgreSQL', { skip: postgresOnly }, () => {
  let database: TestDatabase;
  const handles: DatabaseHandle[] = [];
  before(async () => {
    database = await createTestDatabase('postgres', { empty: true });
  });
  after(async () => {
    for (const handle of handles) await handle.destroy();
    await database.drop();
  });

  it('migrate an empty database and write its defaults once', async () => {
    for (let i = 0; i < 3; i++) handles.push(openDatabase(database.config));
    await Promise.all(handles.map((handle) => start(handle)));
    const db = handles[0]?.db;
    assert.ok(db);
    const guides = await db.selectFrom('guide_versions').select('id').execute();
    assert.equal(guides.length, 1, 'one first version of the guide');
    const entries = await db.selectFrom('taxonomy_entries').select(['type', 'code']).execute();
    const distinct = new Set(entries.map((e) => `${e.type}:${e.code}`));
    assert.ok(entries.length > 10);
    assert.equal(entries.length, distinct.size, 'each default category once');
  });
});
