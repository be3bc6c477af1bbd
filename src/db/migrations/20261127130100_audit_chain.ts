import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { isPostgres } from './dialect.js';

// Frozen in time. The audit trail becomes a hash chain: each entry carries the
// hash of the one before it and its own hash over its fields and that link.
// A single-row chain head (the last hash) is updated in the same transaction
// as each insert; updating it first makes concurrent appends wait their turn.
// Existing entries get their chain here, in id order.

const GENESIS = '0'.repeat(64);

/** Same rule as src/modules/audit/audit.chain.service.ts at the time of writing (kept here: migrations import no app code). */
function entryHash(
  prev: string,
  e: {
    at: string;
    actor_id: number | null;
    action: string;
    entity_type: string;
    entity_id: string | null;
    summary: string;
  },
): string {
  const fields = [prev, e.at, e.actor_id, e.action, e.entity_type, e.entity_id, e.summary];
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

interface Row {
  id: number;
  at: string;
  actor_id: number | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  summary: string;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('audit_events').addColumn('prev_hash', 'text').execute();
  await db.schema.alterTable('audit_events').addColumn('hash', 'text').execute();
  await db.schema
    .createTable('audit_chain_head')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('last_id', 'integer')
    .addColumn('last_hash', 'text', (c) => c.notNull())
    .addColumn('entries', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  // The triggers that keep the trail append-only are lifted for this one pass.
  const pg = isPostgres(db);
  if (pg) await sql`alter table audit_events disable trigger audit_events_no_change`.execute(db);
  else {
    await sql`drop trigger audit_events_no_update`.execute(db);
  }
  let prev = GENESIS;
  let lastId: number | null = null;
  let entries = 0;
  for (let after = 0; ;) {
    const { rows } = await sql<Row>`select id, at, actor_id, action, entity_type, entity_id, summary
      from audit_events where id > ${after} order by id limit 1000`.execute(db);
    if (rows.length === 0) break;
    for (const row of rows) {
      const hash = entryHash(prev, { ...row, actor_id: row.actor_id === null ? null : Number(row.actor_id) });
      await sql`update audit_events set prev_hash = ${prev}, hash = ${hash} where id = ${row.id}`.execute(db);
      prev = hash;
      lastId = Number(row.id);
      entries++;
      after = Number(row.id);
    }
  }
  await sql`insert into audit_chain_head (id, last_id, last_hash, entries) values (1, ${lastId}, ${prev}, ${entries})`.execute(
    db,
  );
  if (pg) await sql`alter table audit_events enable trigger audit_events_no_change`.execute(db);
  else {
    await sql`create trigger audit_events_no_update before update on audit_events
      begin select raise(abort, 'audit_events is append-only'); end`.execute(db);
  }
  await db.schema.createIndex('audit_events_hash_idx').on('audit_events').column('hash').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('audit_events_hash_idx').execute();
  await db.schema.dropTable('audit_chain_head').execute();
  if (isPostgres(db)) await sql`alter table audit_events disable trigger audit_events_no_change`.execute(db);
  else await sql`drop trigger audit_events_no_update`.execute(db);
  await db.schema.alterTable('audit_events').dropColumn('hash').execute();
  await db.schema.alterTable('audit_events').dropColumn('prev_hash').execute();
  if (isPostgres(db)) await sql`alter table audit_events enable trigger audit_events_no_change`.execute(db);
  else
    await sql`create trigger audit_events_no_update before update on audit_events
      begin select raise(abort, 'audit_events is append-only'); end`.execute(db);
}
