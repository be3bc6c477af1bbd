import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Db } from '../../db/index.js';
import { nowIso } from '../../lib/time.js';
import { finishRun, insertClaim, pruneRuns, reclaim, runningElsewhere } from './jobs.queries.js';
import { periodKey, periodSeconds } from './jobs.schedule.js';
import type { JobDefinition } from './jobs.types.js';

export interface SchedulerLog {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface SchedulerOptions {
  db: Db;
  /** The clock every job reads (tests inject one). */
  now?: () => Date;
  log?: SchedulerLog;
  /** Recorded in `job_runs.claimed_by`: which process ran what. */
  instanceId?: string;
}

export interface TickResult {
  job: string;
  period: string;
  outcome: 'done' | 'failed' | 'skipped';
  summary?: string;
}

const DEFAULT_LEASE_SECONDS = 600;
const DEFAULT_MAX_ATTEMPTS = 3;
const silent: SchedulerLog = { info: () => undefined, error: () => undefined };

const shift = (at: Date, seconds: number) => nowIso(new Date(at.getTime() + seconds * 1000));

/**
 * Runs the registered jobs, each at most once per period across every
 * process sharing the database: a process claims (job, period) by inserting
 * its row in `job_runs` first; the others see the row and skip. A run whose
 * process died is taken over when its lease expires; a failed run is retried
 * (1, 2, 4… minutes later) up to `maxAttempts`. After a restart, only the
 * current period runs: jobs catch up by themselves (see JobDefinition.run).
 */
export class Scheduler {
  readonly #db: Db;
  readonly #now: () => Date;
  readonly #log: SchedulerLog;
  readonly instanceId: string;
  readonly #jobs = new Map<string, JobDefinition>();
  #timer: NodeJS.Timeout | null = null;
  #ticking: Promise<TickResult[]> | null = null;
  #lastPrune = 0;

  constructor(options: SchedulerOptions) {
    this.#db = options.db;
    this.#now = options.now ?? (() => new Date());
    this.#log = options.log ?? silent;
    this.instanceId = options.instanceId ?? `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  }

  register(job: JobDefinition): void {
    if (this.#jobs.has(job.name)) throw new Error(`Job ${job.name} registered twice`);
    if (job.schedule.every === 'interval' && !(job.schedule.seconds >= 1))
      throw new Error(`Job ${job.name}: an interval of at least one second`);
    this.#jobs.set(job.name, job);
  }

  get jobs(): readonly JobDefinition[] {
    return [...this.#jobs.values()];
  }

  /** Runs every job due now, one after the other; resolves when they are done. */
  tick(): Promise<TickResult[]> {
    // One tick at a time in a process: a slow job never overlaps itself.
    this.#ticking ??= this.#tickOnce().finally(() => {
      this.#ticking = null;
    });
    return this.#ticking;
  }

  async #tickOnce(): Promise<TickResult[]> {
    const results: TickResult[] = [];
    for (const job of this.#jobs.values()) results.push(await this.runIfDue(job));
    const now = this.#now();
    if (now.getTime() - this.#lastPrune >= 3_600_000) {
      this.#lastPrune = now.getTime();
      for (const job of this.#jobs.values()) {
        // Keep a month of daily records, a day of frequent ones.
        const keep = Math.max(86_400, Math.min(31 * 86_400, 100 * periodSeconds(job.schedule)));
        await pruneRuns(this.#db, job.name, shift(now, -keep));
      }
    }
    return results;
  }

  /** Claims the job's current period and runs it, unless done, running or claimed elsewhere. */
  async runIfDue(job: JobDefinition): Promise<TickResult> {
    const now = this.#now();
    const at = nowIso(now);
    const period = periodKey(job.schedule, now);
    const claim = {
      job: job.name,
      period,
      by: this.instanceId,
      at,
      leaseUntil: shift(now, job.leaseSeconds ?? DEFAULT_LEASE_SECONDS),
    };
    if (await runningElsewhere(this.#db, job.name, period, at)) return { job: job.name, period, outcome: 'skipped' };
    const claimed =
      (await insertClaim(this.#db, claim)) ||
      (await reclaim(this.#db, { ...claim, maxAttempts: job.maxAttempts ?? DEFAULT_MAX_ATTEMPTS }));
    if (!claimed) return { job: job.name, period, outcome: 'skipped' };
    try {
      const summary = (await job.run({ db: this.#db, now, periodKey: period })) ?? null;
      await finishRun(this.#db, {
        ...claim,
        status: 'done',
        at: nowIso(this.#now()),
        retryAt: at,
        summary,
        error: null,
      });
      if (summary) this.#log.info({ job: job.name, period, summary }, 'job done');
      return { job: job.name, period, outcome: 'done', ...(summary ? { summary } : {}) };
    } catch (error) {
      const message = error instanceof Error ? error.message.slice(0, 500) : 'erreur inconnue';
      const row = await this.#db
        .selectFrom('job_runs')
        .select('attempts')
        .where('job_name', '=', job.name)
        .where('period_key', '=', period)
        .executeTakeFirst();
      const retryIn = 60 * 2 ** Math.max(0, (row?.attempts ?? 1) - 1);
      const end = this.#now();
      await finishRun(this.#db, {
        ...claim,
        status: 'failed',
        at: nowIso(end),
        retryAt: shift(end, retryIn),
        summary: null,
        error: message,
      });
      this.#log.error({ job: job.name, period, err: error }, 'job failed');
      return { job: job.name, period, outcome: 'failed' };
    }
  }

  /** Ticks every `intervalMs` until stop(). */
  start(intervalMs = 15_000): void {
    if (this.#timer) return;
    const run = () => {
      this.tick().catch((err: unknown) => this.#log.error({ err }, 'scheduler tick failed'));
    };
    this.#timer = setInterval(run, intervalMs);
    this.#timer.unref();
    run();
  }

  /** Stops ticking and waits for the current tick to finish. */
  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await this.#ticking?.catch(() => undefined);
  }
}
