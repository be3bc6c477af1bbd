import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * SQLite in WAL mode copies the log back into the database file from time to
 * time (a checkpoint, with its fsyncs). By default the connection that commits
 * does it, on the web server's only thread: every thousand pages, one request
 * waits for the disk. The checkpointer does it instead from a worker thread,
 * with its own connection, every `intervalMs`: commits only append to the log.
 *
 * The main connection keeps a much higher automatic threshold as a safety net:
 * if the worker stopped or fell behind, SQLite would checkpoint as before.
 */
const CHECKPOINT_INTERVAL_MS = 500;
/** Pages (of 4 KB) after which the main connection checkpoints itself: ~40 MB. */
export const FALLBACK_AUTOCHECKPOINT_PAGES = 10_000;

// Plain CommonJS, run with `eval`: the same code under tsx (tests, scripts) and from dist/.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 1000');
const checkpoint = () => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch (error) { parentPort.postMessage({ error: String(error && error.message || error) }); }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.close();
});
`;

export interface Checkpointer {
  stop(): Promise<void>;
}

export function startCheckpointer(
  file: string,
  onError: (message: string) => void,
  intervalMs = CHECKPOINT_INTERVAL_MS,
): Checkpointer {
  const module = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, module, intervalMs } });
  worker.on('message', (message: { error?: string }) => {
    if (message.error) onError(message.error);
  });
  worker.on('error', (error) => onError(error.message));
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  // After the listeners (attaching one refs the worker again): the worker
  // never keeps the process alive on its own.
  worker.unref();
  return {
    async stop() {
      worker.postMessage('stop');
      // A worker that does not answer within 2 s is ended: closing must never hang.
      const timeout = setTimeout(() => void worker.terminate(), 2_000);
      await exited;
      clearTimeout(timeout);
    },
  };
}
