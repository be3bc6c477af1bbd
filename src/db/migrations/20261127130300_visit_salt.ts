import { sql, type Kysely } from 'kysely';
import { isPostgres } from './dialect.js';

// Frozen in time. The visit counter's daily salt, shared by every server
// process (src/modules/stats/stats.counter.service.ts), and the visitors already
// counted today (a keyed hash of address and browser under that salt, never
// the address). Both hold only the current day: rows of earlier days are
// deleted at the day's change. PostgreSQL: unlogged (a crash loses only the
// day's distinction between new and returning visitors).
export async function up(db: Kysely<unknown>): Promise<void> {
  let salts = db.schema
    .createTable('visit_salts')
    .addColumn('day', 'text', (c) => c.primaryKey())
    .addColumn('salt', 'text', (c) => c.notNull());
  let seen = db.schema
    .createTable('visit_seen')
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('visitor', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('visit_seen_pk', ['day', 'visitor']);
  if (isPostgres(db)) {
    salts = salts.modifyFront(sql`unlogged`);
    seen = seen.modifyFront(sql`unlogged`);
  }
  await salts.execute();
  await seen.execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('visit_seen').execute();
  await db.schema.dropTable('visit_salts').execute();
}
