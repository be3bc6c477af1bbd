import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql, type Kysely } from 'kysely';
import { buildUser, loginAs } from '../../../tests/factories/index.js';
import { createTestApp, testConfig, type TestContext } from '../../../tests/setup/app.js';
import { captureOutput } from '../../../tests/setup/cli.js';
import { createTestDatabase, testEngine } from '../../../tests/setup/databases.js';
import { runCli } from '../../cli.js';
import { openDatabase, type Db } from '../../db/index.js';
import * as initial from '../../db/migrations/20261123000000_initial.js';
import * as auditChain from '../../db/migrations/20261127130100_audit_chain.js';
import { chainHead, entryHash, GENESIS_HASH, verifyChain } from './audit.chain.service.js';
import { recordAudit } from './audit.service.js';

const engine = testEngine();

/**
 * What someone with the database file could do, bypassing Vigie: the
 * append-only triggers lifted, a statement run, the triggers put back.
 */
async function tamper(db: Db, statement: ReturnType<typeof sql>): Promise<void> {
  if (engine === 'postgres') {
    await sql`alter table audit_events disable trigger audit_events_no_change`.execute(db);
    await statement.execute(db);
    await sql`alter table audit_events enable trigger audit_events_no_change`.execute(db);
  } else {
    await sql`drop trigger audit_events_no_update`.execute(db);
    await sql`drop trigger audit_events_no_delete`.execute(db);
    await statement.execute(db);
    await sql`create trigger audit_events_no_update before update on audit_events
      begin select raise(abort, 'audit_events is append-only'); end`.execute(db);
    await sql`create trigger audit_events_no_delete before delete on audit_events
      begin select raise(abort, 'audit_events is append-only'); end`.execute(db);
  }
}

async function ids(db: Db): Promise<number[]> {
  return (await db.selectFrom('audit_events').select('id').orderBy('id').execute()).map((r) => r.id);
}

describe(`the audit trail's hash chain (${engine})`, () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await createTestApp();
  });
  after(async () => ctx.close());

  it('links each entry to the one before, from the genesis hash, and keeps the head on the last one', async () => {
    // Arrange + Act
    const user = await buildUser(ctx.db);
    for (let i = 0; i < 3; i++)
      await recordAudit(ctx.db, { actorId: user.id, action: 'figure.set', entityType: 'figure', summary: `n° ${i}` });

    // Assert
    const rows = await ctx.db.selectFrom('audit_events').selectAll().orderBy('id').execute();
    assert.ok(rows.length >= 4);
    assert.equal(rows[0]?.prev_hash, GENESIS_HASH);
    let prev = GENESIS_HASH;
    for (const row of rows) {
      assert.equal(row.prev_hash, prev);
      assert.equal(row.hash, entryHash(prev, row));
      prev = row.hash ?? '';
    }
    const head = await chainHead(ctx.db);
    assert.deepEqual([head.lastHash, head.lastId, head.entries], [prev, rows.at(-1)?.id, rows.length]);
    const report = await verifyChain(ctx.db);
    assert.deepEqual([report.ok, report.entries, report.lastHash], [true, rows.length, prev]);
  });

  it('stays one chain when many entries are appended at the same time, inside and outside transactions', async () => {
    // Act: 40 appends at once (on PostgreSQL, over several pooled connections)
    const user = await buildUser(ctx.db);
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        i % 2 === 0
          ? recordAudit(ctx.db, { actorId: user.id, action: 'figure.set', entityType: 'figure', summary: `seul ${i}` })
          : ctx.db.transaction().execute(async (trx) => {
              await recordAudit(trx, {
                actorId: user.id,
                action: 'figure.set',
                entityType: 'figure',
                summary: `a ${i}`,
              });
              await recordAudit(trx, {
                actorId: user.id,
                action: 'figure.set',
                entityType: 'figure',
                summary: `b ${i}`,
              });
            }),
      ),
    );

    // Assert: no two entries claim the same predecessor, and the chain verifies
    const rows = await ctx.db.selectFrom('audit_events').select(['prev_hash']).execute();
    assert.equal(new Set(rows.map((r) => r.prev_hash)).size, rows.length, 'no fork');
    const report = await verifyChain(ctx.db);
    assert.equal(report.ok, true, JSON.stringify(report.problem));
    assert.equal(report.entries, rows.length);
  });

  it('leaves nothing in the chain when the transaction that recorded an entry rolls back', async () => {
    const before = await chainHead(ctx.db);
    await assert.rejects(
      ctx.db.transaction().execute(async (trx) => {
        await recordAudit(trx, { actorId: null, action: 'figure.set', entityType: 'figure', summary: 'annulé' });
        throw new Error('rollback');
      }),
      /rollback/,
    );
    assert.deepEqual(await chainHead(ctx.db), before);
    assert.equal((await verifyChain(ctx.db)).ok, true);
  });

  it('shows the latest hash to admins and verifies the chain from their page', async () => {
    // Arrange
    const { agent } = await loginAs(ctx, ['admin']);
    const head = await chainHead(ctx.db);

    // Act
    const page = await agent.get('/admin/journal');
    const noted = (await chainHead(ctx.db)).lastHash;
    const check = await agent.get(`/admin/journal/verification?empreinte=${noted}`);
    const unknown = await agent.get(`/admin/journal/verification?empreinte=${'a'.repeat(64)}`);

    // Assert
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes(head.lastHash) || page.body.includes(noted), 'the latest hash is on the page');
    assert.match(check.body, /Le journal est intact/);
    assert.match(check.body, /L’empreinte notée est celle de l’entrée n° \d+/);
    assert.match(unknown.body, /ne figure pas dans le journal/);
    assert.ok(
      await ctx.db.selectFrom('audit_events').select('id').where('action', '=', 'audit.verify').executeTakeFirst(),
    );
  });
});

describe(`tampering with the trail is found, and named (${engine})`, () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await createTestApp();
    for (let i = 0; i < 6; i++)
      await recordAudit(ctx.db, { actorId: null, action: 'figure.set', entityType: 'figure', summary: `n° ${i}` });
  });
  after(async () => ctx.close());

  it('names an entry changed in place, then one removed, then a tail cut off', async () => {
    const config = testConfig({}, ctx.app.config.database);
    const verify = async (...args: string[]) => {
      const io = captureOutput();
      const code = await runCli(['audit', 'verify', ...args], io, { config });
      return { code, ...io };
    };
    const whole = await verify();
    assert.equal(whole.code, 0, whole.stderr);
    assert.match(
      whole.stdout,
      /Journal d’audit intact : \d+ entrées? chaînées?\.\nEmpreinte la plus récente : [0-9a-f]{64}/,
    );
    const notedHash = /Empreinte la plus récente : ([0-9a-f]{64})/.exec(whole.stdout)?.[1] ?? '';
    const [, second, third] = await ids(ctx.db);

    // A summary rewritten
    await tamper(ctx.db, sql`update audit_events set summary = 'rien à voir' where id = ${third}`);
    const changed = await verify();
    assert.equal(changed.code, 1);
    assert.match(changed.stderr, new RegExp(`l’entrée n° ${third} a été modifiée après coup`));

    // An entry removed: the next one no longer follows
    const fresh = await createTestApp();
    try {
      for (let i = 0; i < 4; i++)
        await recordAudit(fresh.db, { actorId: null, action: 'figure.set', entityType: 'figure', summary: `n° ${i}` });
      const [, b, c, d] = await ids(fresh.db);
      await tamper(fresh.db, sql`delete from audit_events where id = ${c}`);
      const report = await verifyChain(fresh.db);
      assert.deepEqual(report.problem, { kind: 'link', id: d });
      assert.equal(report.lastId, b);

      // The newest entry removed: the chain left is valid, the head is not
      const other = await createTestApp();
      try {
        for (let i = 0; i < 3; i++)
          await recordAudit(other.db, {
            actorId: null,
            action: 'figure.set',
            entityType: 'figure',
            summary: `n° ${i}`,
          });
        const all = await ids(other.db);
        await tamper(other.db, sql`delete from audit_events where id = ${all.at(-1)}`);
        assert.deepEqual((await verifyChain(other.db)).problem, { kind: 'missing_tail', id: all.at(-1) });
      } finally {
        await other.close();
      }
    } finally {
      await fresh.close();
    }

    // A rewrite that recomputes every hash and the head passes the chain, not the hash noted before
    await tamper(ctx.db, sql`delete from audit_events where id >= ${second}`);
    const firstRow = await ctx.db.selectFrom('audit_events').selectAll().orderBy('id').executeTakeFirstOrThrow();
    await ctx.db
      .updateTable('audit_chain_head')
      .set({ last_hash: firstRow.hash ?? '', last_id: firstRow.id, entries: 1 })
      .execute();
    await recordAudit(ctx.db, { actorId: null, action: 'figure.set', entityType: 'figure', summary: 'réécrit' });
    const rewritten = await verify('--empreinte', notedHash);
    assert.equal(rewritten.code, 1);
    assert.match(rewritten.stdout, /Journal d’audit intact/);
    assert.match(rewritten.stderr, /l’empreinte notée ne figure pas dans le journal/);
  });
});

describe(`existing entries get a chain from the migration (${engine})`, () => {
  it('chains the rows written before it, in id order, and the next entry follows them', async () => {
    // Arrange: a database as it was before the chain, with three entries
    const database = await createTestDatabase(engine, { empty: true });
    const handle = openDatabase(database.config);
    try {
      const db = handle.db;
      // Migrations are written against Kysely<unknown> (frozen, no app types).
      const bare = db as unknown as Kysely<unknown>;
      await initial.up(bare);
      for (const summary of ['un', 'deux', 'trois'])
        await sql`insert into audit_events (at, actor_id, action, entity_type, entity_id, summary)
          values (${'2025-01-02T03:04:05.000Z'}, ${null}, ${'figure.set'}, ${'figure'}, ${null}, ${summary})`.execute(
          db,
        );

      // Act
      await auditChain.up(bare);
      await recordAudit(db, { actorId: null, action: 'figure.set', entityType: 'figure', summary: 'quatre' });

      // Assert
      const report = await verifyChain(db);
      assert.deepEqual([report.ok, report.entries], [true, 4]);
      const first = await db.selectFrom('audit_events').selectAll().orderBy('id').executeTakeFirstOrThrow();
      assert.equal(first.hash, entryHash(GENESIS_HASH, first));
      await assert.rejects(
        sql`update audit_events set summary = 'x' where id = ${first.id}`.execute(db),
        /append-only/,
        'the trail is append-only again after the migration',
      );
    } finally {
      await handle.destroy();
      await database.drop();
    }
  });
});

describe(`backups keep the chain (${engine})`, () => {
  it('restores a trail whose chain verifies with the same latest hash', async () => {
    // Arrange
    const dir = mkdtempSync(path.join(tmpdir(), 'vigie-chain-'));
    const source = await createTestDatabase();
    const target = await createTestDatabase(engine, { empty: true });
    const config = testConfig({ dataDir: path.join(dir, 'data') }, source.config);
    const handle = openDatabase(source.config);
    try {
      for (let i = 0; i < 5; i++)
        await recordAudit(handle.db, { actorId: null, action: 'figure.set', entityType: 'figure', summary: `n° ${i}` });
      const before = await chainHead(handle.db);

      // Act
      const file = path.join(dir, 'sauvegarde.zip');
      const saved = captureOutput();
      assert.equal(await runCli(['backup', file], saved, { config }), 0, saved.stderr);
      const restoredConfig = testConfig({ dataDir: path.join(dir, 'restauree') }, target.config);
      const restoredIo = captureOutput();
      assert.equal(await runCli(['restore', file], restoredIo, { config: restoredConfig }), 0, restoredIo.stderr);

      // Assert: the chain verifies on the copy and still holds the hash noted before the backup
      const restored = openDatabase(target.config);
      try {
        const report = await verifyChain(restored.db, before.lastHash);
        assert.equal(report.ok, true, JSON.stringify(report.problem));
        assert.equal(report.noted?.id, before.lastId);
      } finally {
        await restored.destroy();
      }
    } finally {
      await handle.destroy();
      await source.drop();
      await target.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
