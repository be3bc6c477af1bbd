import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import path from 'node:path';

/**
 * Test support (not app code): real `vigie serve` processes, for the tests
 * that need more than app.inject — two processes on one database
 * (tests/scale/two-processes.test.ts), a kill -9 in the middle of a load
 * (tests/scale/crash.test.ts).
 */
const ROOT = path.resolve(import.meta.dirname, '../..');

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface VigieProcess {
  child: ChildProcess;
  /** Resolves once the process says it listens (its stdout line), rejects if it exits first. */
  ready: Promise<void>;
  /** Resolves with the exit code or signal once the process has ended. */
  exited: Promise<number | NodeJS.Signals | null>;
  output: string[];
  /** Resolves once the process's output (so far or to come) matches: no polling. */
  waitForOutput(pattern: RegExp): Promise<void>;
}

/**
 * `vigie serve` as shipped (bin/vigie.js runs dist/, built by scripts/test-node.sh before the
 * tests, rebuilt by bin/vigie.js when stale) with exactly this environment; its output is kept
 * for a failure's message.
 */
export function startVigie(env: NodeJS.ProcessEnv): VigieProcess {
  const output: string[] = [];
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/vigie.js'), 'serve'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal)),
  );
  const ready = new Promise<void>((resolve, reject) => {
    const seen = (chunk: Buffer) => {
      output.push(chunk.toString('utf8'));
      if (/Vigie écoute|aucun compte/.test(output.join(''))) resolve();
    };
    child.stdout?.on('data', seen);
    child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
    void exited.then((code) => reject(new Error(`vigie serve exited (${String(code)}):\n${output.join('')}`)));
  });
  // A rejection nobody awaits (the process ended after it was ready) is not an error.
  ready.catch(() => undefined);
  const waitForOutput = (pattern: RegExp) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!pattern.test(output.join(''))) return;
        child.stdout?.off('data', later);
        child.stderr?.off('data', later);
        resolve();
      };
      // Listeners run in order: `output` already holds the new chunk when this one runs.
      const later = () => check();
      child.stdout?.on('data', later);
      child.stderr?.on('data', later);
      void exited.then((code) => reject(new Error(`vigie serve exited (${String(code)}) before ${String(pattern)}`)));
      check();
    });
  return { child, ready, exited, output, waitForOutput };
}

/** Ends a process started here (SIGTERM: it closes cleanly) and waits for it. */
export async function stopVigie(p: VigieProcess): Promise<void> {
  if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGTERM');
  await p.exited;
}
