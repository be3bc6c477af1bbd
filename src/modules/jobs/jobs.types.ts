import type { Db } from '../../db/index.js';

/**
 * When a job is due. Each schedule cuts time into periods; a job runs at most
 * once per period, across every server process (src/modules/jobs/README.md).
 */
export type Schedule =
  /** Every N seconds (periods aligned on the Unix epoch). */
  | { every: 'interval'; seconds: number }
  /** Once a day, from this Brussels hour ("HH:MM"). */
  | { every: 'day'; at: string }
  /** Once a week, on this ISO weekday (1 = Monday), from this Brussels hour. */
  | { every: 'week'; weekday: number; at: string };

export interface JobContext {
  db: Db;
  /** The scheduler's clock: tests move it, jobs never read the wall clock. */
  now: Date;
  /** « 2026-11-27 » for a daily job: the period being run. */
  periodKey: string;
}

export interface JobDefinition {
  /** Stable identifier, e.g. `rota.reminders`: recorded in `job_runs`. */
  name: string;
  /** What the job does, in French, for the administrators' page. */
  label: string;
  schedule: Schedule;
  /**
   * How long a run may take before another process may take it over
   * (a crashed process never finishes its run). Default 10 minutes.
   */
  leaseSeconds?: number;
  /** Attempts per period before giving up until the next period. Default 3. */
  maxAttempts?: number;
  /**
   * Does the work due at `ctx.now`, everything missed included: after a
   * restart only the current period runs, so a job catches up by itself. It
   * must record what it did in the same transaction as its effect (an e-mail
   * queued and « reminder sent » marked together), so that a run taken over
   * after a crash never sends anything twice. Returns a short summary
   * (French, nothing identifying), e.g. « 3 rappels envoyés ».
   */
  run(ctx: JobContext): Promise<string | undefined>;
}
