import type { DbOrTrx } from '../../db/index.js';
import type { JobRunStatus } from '../../db/schema.js';

/**
 * The claimed row: whoever inserts (job, period) first runs it. Plain SQL
 * that both engines serialise on the primary key, so two processes on one
 * PostgreSQL (or two connections to one SQLite file) never both win.
 */
export async function insertClaim(
  db: DbOrTrx,
  row: { job: string; period: string; by: string; at: string; leaseUntil: string },
): Promise<boolean> {
  const res = await db
    .insertInto('job_runs')
    .values({
      job_name: row.job,
      period_key: row.period,
      status: 'running',
      attempts: 1,
      claimed_by: row.by,
      started_at: row.at,
      lease_until: row.leaseUntil,
    })
    .onConflict((oc) => oc.columns(['job_name', 'period_key']).doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
}

/**
 * Takes over a run whose lease expired (its process died) or a failed run
 * whose retry time came, while attempts remain. One conditional UPDATE: of
 * two processes trying at once, one changes the row, the other none.
 */
export async function reclaim(
  db: DbOrTrx,
  row: { job: string; period: string; by: string; at: string; leaseUntil: string; maxAttempts: number },
): Promise<boolean> {
  const res = await db
    .updateTable('job_runs')
    .set((eb) => ({
      status: 'running',
      claimed_by: row.by,
      started_at: row.at,
      lease_until: row.leaseUntil,
      attempts: eb('attempts', '+', 1),
      error: null,
      finished_at: null,
    }))
    .where('job_name', '=', row.job)
    .where('period_key', '=', row.period)
    .where('status', 'in', ['running', 'failed'])
    .where('lease_until', '<', row.at)
    .where('attempts', '<', row.maxAttempts)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Is another period of this job being run right now (a valid lease)? */
export async function runningElsewhere(db: DbOrTrx, job: string, period: string, at: string): Promise<boolean> {
  const row = await db
    .selectFrom('job_runs')
    .select('period_key')
    .where('job_name', '=', job)
    .where('period_key', '<>', period)
    .where('status', '=', 'running')
    .where('lease_until', '>=', at)
    .executeTakeFirst();
  return row !== undefined;
}

export async function finishRun(
  db: DbOrTrx,
  row: {
    job: string;
    period: string;
    by: string;
    status: Exclude<JobRunStatus, 'running'>;
    at: string;
    retryAt: string;
    summary: string | null;
    error: string | null;
  },
): Promise<void> {
  await db
    .updateTable('job_runs')
    .set({
      status: row.status,
      finished_at: row.at,
      lease_until: row.retryAt,
      summary: row.summary,
      error: row.error,
    })
    .where('job_name', '=', row.job)
    .where('period_key', '=', row.period)
    .where('claimed_by', '=', row.by)
    .execute();
}

/** Forgets finished runs started before `before`, keeping each job's latest. */
export async function pruneRuns(db: DbOrTrx, job: string, before: string): Promise<void> {
  const latest = await db
    .selectFrom('job_runs')
    .select((eb) => eb.fn.max('period_key').as('period'))
    .where('job_name', '=', job)
    .executeTakeFirst();
  await db
    .deleteFrom('job_runs')
    .where('job_name', '=', job)
    .where('status', '<>', 'running')
    .where('started_at', '<', before)
    .where('period_key', '<>', latest?.period ?? '')
    .execute();
}

export function findRun(db: DbOrTrx, job: string, period: string) {
  return db
    .selectFrom('job_runs')
    .selectAll()
    .where('job_name', '=', job)
    .where('period_key', '=', period)
    .executeTakeFirst();
}
