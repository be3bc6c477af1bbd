import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { createTestDatabase, testEngine, type TestDatabase } from '../../tests/setup/databases.js';
import { openNotifier, type Notifier } from './notify.js';

const postgresOnly = testEngine() === 'postgres' ? false : 'PostgreSQL only: runs in the PostgreSQL pass of the suite';

/** Resolves at the next call of the returned handler. */
function nextCall(): { handler: () => void; called: Promise<void> } {
  let resolve: () => void = () => undefined;
  const called = new Promise<void>((r) => {
    resolve = r;
  });
  return { handler: () => resolve(), called };
}

describe('notifications between processes', () => {
  it('SQLite: one process, nobody to tell — listening and notifying do nothing', async () => {
    let heard = 0;
    const notifier = openNotifier({ kind: 'sqlite', file: ':memory:' }, () => undefined);
    await notifier.listen('vigie_public_cache', () => heard++);
    await notifier.notify('vigie_public_cache');
    await notifier.close();
    assert.equal(heard, 0);
  });
});

describe('notifications between processes on PostgreSQL', { skip: postgresOnly }, () => {
  let database: TestDatabase;
  const notifiers: Notifier[] = [];
  const open = () => {
    const notifier = openNotifier(database.config, () => undefined);
    notifiers.push(notifier);
    return notifier;
  };
  before(async () => {
    database = await createTestDatabase('postgres');
  });
  after(async () => {
    for (const notifier of notifiers) await notifier.close();
    await database.drop();
  });

  it('a message sent by one process reaches the others', async () => {
    const sender = open();
    const receiver = open();
    const { handler, called } = nextCall();
    await receiver.listen('vigie_public_cache', handler);
    await sender.notify('vigie_public_cache');
    await called;
  });

  it('after a lost connection, the handlers run once it is back (messages may have been missed)', async () => {
    const receiver = open();
    let calls = 0;
    const back = nextCall();
    await receiver.listen('vigie_public_cache', () => {
      calls++;
      back.handler();
    });
    const admin = new pg.Client({ connectionString: database.config.kind === 'postgres' ? database.config.url : '' });
    await admin.connect();
    try {
      const killed = await admin.query(
        "select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and query like 'listen %' and pid <> pg_backend_pid()",
      );
      assert.ok((killed.rowCount ?? 0) >= 1, 'the listening connection was found');
    } finally {
      await admin.end();
    }
    await back.called;
    assert.ok(calls >= 1);
    // And it listens again: a new message is heard.
    const again = nextCall();
    await receiver.listen('vigie_public_cache', again.handler);
    await open().notify('vigie_public_cache');
    await again.called;
  });
});
