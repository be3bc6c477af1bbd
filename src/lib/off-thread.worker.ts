import { parentPort, workerData } from 'node:worker_threads';

/** Runs one task of src/lib/off-thread.ts and reports back; the thread ends with it. */
interface TaskData {
  module: string;
  exportName: string;
  args: unknown[];
}

const task = workerData as TaskData;
const port = parentPort;
if (!port) throw new Error('off-thread.worker runs in a worker thread only');

try {
  const mod = (await import(task.module)) as Record<string, unknown>;
  const fn = mod[task.exportName];
  if (typeof fn !== 'function') throw new Error(`${task.exportName} is not a function of ${task.module}`);
  const progress = (...values: unknown[]) => port.postMessage({ type: 'progress', values });
  const value: unknown = await (fn as (...args: unknown[]) => unknown)(...task.args, progress);
  port.postMessage({ type: 'result', value });
} catch (error) {
  const e = error instanceof Error ? error : new Error(String(error));
  port.postMessage({ type: 'error', name: e.name, message: e.message });
}
