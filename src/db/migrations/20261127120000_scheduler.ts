import { sql, type Kysely } from 'kysely';

// Frozen in time. The scheduler's record: one row per job and period
// (« 2026-11-27 » for a daily job), claimed by the process that runs it, so
// that several server processes run each period once and a restarted one
// knows what was done (src/modules/jobs/README.md).
//
// Also: the school holidays and public holidays seeded into
// helpline_closures by 20261123050000 move to code, with their sources
// (src/lib/school-calendar.ts, src/lib/belgian-calendar.ts); several seeded
// dates were wrong (spring 2026 is 27 April – 10 May, not 4–17 May). Only the
// seeded kinds are removed: the board's own closures (kind « other ») stay.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('job_runs')
    .addColumn('job_name', 'text', (c) => c.notNull())
    .addColumn('period_key', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('claimed_by', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('lease_until', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('summary', 'text')
    .addColumn('error', 'text')
    .addPrimaryKeyConstraint('job_runs_pk', ['job_name', 'period_key'])
    .execute();
  await db.schema.createIndex('job_runs_started_idx').on('job_runs').columns(['job_name', 'started_at']).execute();
  await sql`delete from helpline_closures where kind in ('school_holiday', 'public_holiday')`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('job_runs').execute();
}
