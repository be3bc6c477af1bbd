import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

/**
 * Heavy work off the event loop (issue 9: a 5,000-row import preview took
 * 6 s during which every other request, /healthz included, waited). A task
 * names an exported function of a module; it runs in a worker thread with
 * plain data as arguments (structured clone) and returns plain data. At most
 * a few run at once; the others wait their turn without blocking anything.
 * The function may take a progress callback as its last argument.
 */
export interface OffThreadTask {
  /** The module's URL (`new URL('./x.js', import.meta.url)`). */
  module: URL;
  exportName: string;
  args: unknown[];
  /** Called with what the function passes to its progress callback. */
  onProgress?: (...values: unknown[]) => void;
}

type WorkerMessage =
  | { type: 'progress'; values: unknown[] }
  | { type: 'result'; value: unknown }
  | { type: 'error'; name: string; message: string };

/** Errors thrown in the worker come back with their name and message. */
class OffThreadError extends Error {
  constructor(
    override readonly name: string,
    message: string,
  ) {
    super(message);
  }
}

const MAX_RUNNING = Math.max(1, Math.min(2, availableParallelism() - 1));
let running = 0;
const waiting: Array<() => void> = [];

async function turn(): Promise<() => void> {
  if (running >= MAX_RUNNING) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  return () => {
    running--;
    waiting.shift()?.();
  };
}

/** Under tsx (tests, development) the sources are TypeScript; built, they are JavaScript. */
function sourceUrl(url: URL): URL {
  return import.meta.url.endsWith('.ts') ? new URL(url.href.replace(/\.js$/, '.ts')) : url;
}

export async function runOffThread<T>(task: OffThreadTask): Promise<T> {
  const release = await turn();
  try {
    return await new Promise<T>((resolve, reject) => {
      const worker = new Worker(sourceUrl(new URL('./off-thread.worker.js', import.meta.url)), {
        workerData: { module: sourceUrl(task.module).href, exportName: task.exportName, args: task.args },
      });
      let settled = false;
      worker.on('message', (message: WorkerMessage) => {
        if (message.type === 'progress') task.onProgress?.(...message.values);
        else if (message.type === 'result') {
          settled = true;
          resolve(message.value as T);
        } else {
          settled = true;
          reject(new OffThreadError(message.name, message.message));
        }
      });
      worker.on('error', (error) => {
        settled = true;
        reject(error);
      });
      worker.on('exit', (code) => {
        if (!settled) reject(new Error(`worker stopped (code ${code}) before answering`));
      });
    });
  } finally {
    release();
  }
}
