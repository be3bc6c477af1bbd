import { randomBytes } from 'node:crypto';

/**
 * Long exports (PDF, DOCX of many years) run as in-memory jobs so that the
 * page can show their progress without JavaScript. One process, nothing
 * persisted: a restart loses running jobs, and the board simply asks again.
 * A job belongs to the user who started it and expires after 15 minutes.
 */
export interface ExportJob {
  id: string;
  userId: number;
  span: string;
  format: string;
  status: 'running' | 'done' | 'failed';
  progress: number;
  step: string;
  result: Buffer | null;
  startedAt: number;
  done: Promise<void>;
}

const TTL_MS = 15 * 60 * 1000;
const MAX_JOBS = 50;
const jobs = new Map<string, ExportJob>();

function sweep(now = Date.now()): void {
  for (const [id, job] of jobs) if (now - job.startedAt > TTL_MS) jobs.delete(id);
  while (jobs.size >= MAX_JOBS) {
    const oldest = jobs.keys().next().value;
    if (oldest === undefined) break;
    jobs.delete(oldest);
  }
}

export function startJob(
  owner: { userId: number; span: string; format: string },
  work: (progress: (step: string, fraction: number) => void) => Promise<Buffer>,
  describeError: (error: unknown) => string,
): ExportJob {
  sweep();
  const job: ExportJob = {
    id: randomBytes(12).toString('base64url'),
    ...owner,
    status: 'running',
    progress: 0,
    step: 'démarrage',
    result: null,
    startedAt: Date.now(),
    done: Promise.resolve(),
  };
  job.done = work((step, fraction) => {
    job.step = step;
    job.progress = Math.max(job.progress, Math.min(1, fraction));
  }).then(
    (buffer) => {
      job.result = buffer;
      job.status = 'done';
      job.progress = 1;
      job.step = 'terminé';
    },
    (error: unknown) => {
      job.status = 'failed';
      job.step = describeError(error);
    },
  );
  jobs.set(job.id, job);
  return job;
}

export function findJob(id: string, userId: number): ExportJob | undefined {
  sweep();
  const job = jobs.get(id);
  return job && job.userId === userId ? job : undefined;
}

/** Resolves true when the job ends within `ms`. */
export async function settlesWithin(job: ExportJob, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  const result = await Promise.race([job.done.then(() => true), timeout]);
  clearTimeout(timer);
  return result;
}
