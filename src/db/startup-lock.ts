import { sql } from 'kysely';
import { isPostgresDb, type Db } from './index.js';

/** PostgreSQL advisory lock key for start-up work (any constant; Kysely's migrator uses its own). */
const STARTUP_LOCK = 7_305_116_804_502_231n;

/**
 * Start-up work that writes (migrations, the default categories, the guide's
 * first version) runs one process at a time. With PostgreSQL, several
 * processes may start together on one database: each waits for a
 * session-level advisory lock, held on one pooled connection while `work`
 * runs on the others, then finds the work done and does nothing. Kysely's
 * migrator also locks on its own, but the defaults written after it
 * (« is the table empty? then fill it ») would race. SQLite is served by one
 * process: nothing to wait for.
 */
export async function oneProcessAtATime<T>(db: Db, work: () => Promise<T>): Promise<T> {
  if (!isPostgresDb(db)) return work();
  return db.connection().execute(async (connection) => {
    await sql`select pg_advisory_lock(${sql.lit(STARTUP_LOCK)})`.execute(connection);
    try {
      return await work();
    } finally {
      await sql`select pg_advisory_unlock(${sql.lit(STARTUP_LOCK)})`.execute(connection);
    }
  });
}
