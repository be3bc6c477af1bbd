import { sql, type Kysely } from 'kysely';
import { isPostgres } from './dialect.js';

// Frozen in time. Rate limits shared by every server process (src/modules/rate-limit/):
// one row per rule and key (an HMAC of it: no address is stored), holding the
// hits of the current bucket and of the one before, so a hit is one upsert
// whatever the table's size. Times are milliseconds since the epoch.
export async function up(db: Kysely<unknown>): Promise<void> {
  let table = db.schema
    .createTable('rate_limit_counters')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('bucket', 'bigint', (c) => c.notNull())
    .addColumn('hits', 'integer', (c) => c.notNull())
    .addColumn('previous_hits', 'integer', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull());
  // PostgreSQL: unlogged — counters need no crash safety (lost on a crash, the
  // limits start again from zero) and a commit that wrote only unlogged rows
  // waits for no disk flush, which keeps a sign-up's extra round trip cheap.
  if (isPostgres(db)) table = table.modifyFront(sql`unlogged`);
  await table.execute();
  await db.schema
    .createIndex('rate_limit_counters_expires_idx')
    .on('rate_limit_counters')
    .column('expires_at')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('rate_limit_counters').execute();
}
