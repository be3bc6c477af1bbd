/**
 * Start-up, command line, memory and log cost of a built checkout, measured on
 * real processes (`node bin/vigie.js …`, as npm start and an operator run them).
 *
 *   npx tsx scripts/bench-start.ts [--runs 5] [--seconds 10]
 *
 * Prints a Markdown table for docs/benchmarks.md.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const NODE = path.join(ROOT, 'node_modules/.bin/node');
const VIGIE = path.join(ROOT, 'bin/vigie.js');
const { values } = parseArgs({
  options: { runs: { type: 'string', default: '5' }, seconds: { type: 'string', default: '10' } },
});
const RUNS = Number(values.runs);
const SECONDS = Number(values.seconds);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (typeof a === 'object' && a ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const memory = (pid: number, field: 'VmRSS' | 'VmHWM') =>
  Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024;

interface Running {
  child: ChildProcess;
  port: number;
  msToFirstAnswer: number;
}

async function startServer(dataDir: string, logLevel: string): Promise<Running> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(NODE, [VIGIE, 'serve'], {
    env: {
      PATH: process.env.PATH ?? '',
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: logLevel,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (;;) {
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { child, port, msToFirstAnswer: performance.now() - started };
    if (child.exitCode !== null) throw new Error('the server stopped');
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function stop(r: Running): Promise<void> {
  const closed = new Promise((resolve) => r.child.once('close', resolve));
  r.child.kill('SIGTERM');
  await closed;
}

async function load(port: number, url: string): Promise<number> {
  const result = await autocannon({ url: `http://127.0.0.1:${port}${url}`, connections: 10, duration: SECONDS });
  return result.requests.average;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'vigie-bench-start-'));
  const rows: string[] = [];
  try {
    spawnSync(NODE, [path.join(ROOT, 'scripts/build.mjs')], { stdio: 'inherit' });

    const help: number[] = [];
    for (let i = 0; i < RUNS * 2; i++) {
      const t = performance.now();
      spawnSync(NODE, [VIGIE, '--help'], { stdio: 'ignore' });
      help.push(performance.now() - t);
    }
    rows.push(`| \`vigie --help\` (whole process) | ${median(help).toFixed(0)} ms | median of ${help.length} |`);

    const first = await startServer(path.join(dir, 'first'), 'warn');
    await stop(first);
    rows.push(
      `| \`npm start\` → first HTTP answer, new database | ${first.msToFirstAnswer.toFixed(0)} ms | creates and migrates the database |`,
    );

    const starts: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const r = await startServer(path.join(dir, 'first'), 'warn');
      starts.push(r.msToFirstAnswer);
      await stop(r);
    }
    rows.push(
      `| \`npm start\` → first HTTP answer, existing database | ${median(starts).toFixed(0)} ms | median of ${RUNS} |`,
    );

    const server = await startServer(path.join(dir, 'first'), 'warn');
    await fetch(`http://127.0.0.1:${server.port}/manifeste`);
    await new Promise((r) => setTimeout(r, 3000));
    const idle = memory(server.child.pid ?? 0, 'VmRSS');
    const rpsWarn = await load(server.port, '/manifeste');
    const peak = memory(server.child.pid ?? 0, 'VmHWM');
    await stop(server);
    rows.push(`| memory (RSS), idle after start | ${idle.toFixed(0)} MB | after one page |`);
    rows.push(
      `| memory (RSS), peak under a page load | ${peak.toFixed(0)} MB | /manifeste, 10 connections × ${SECONDS} s |`,
    );

    const info = await startServer(path.join(dir, 'first'), 'info');
    await fetch(`http://127.0.0.1:${info.port}/manifeste`);
    const rpsInfo = await load(info.port, '/manifeste');
    await stop(info);
    rows.push(`| /manifeste, LOG_LEVEL=warn | ${rpsWarn.toFixed(0)} req/s | no request line |`);
    rows.push(
      `| /manifeste, LOG_LEVEL=info | ${rpsInfo.toFixed(0)} req/s | one line per request: ${((1 - rpsInfo / rpsWarn) * 100).toFixed(1)} % fewer |`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  process.stdout.write(`| measure | value | note |\n|---|---|---|\n${rows.join('\n')}\n`);
}

await main();
