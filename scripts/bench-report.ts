/**
 * Report benchmark (not a test): a ten-year report over 10,000 requests.
 * Fills a fresh database with the register benchmark's synthetic data, then
 * measures the printable page through app.inject (session, queries,
 * rendering), the Markdown and JSON exports, and the PDF and DOCX renderers
 * when they are installed.
 *
 *   npx tsx scripts/bench-report.ts [--engine sqlite|postgres] [--requests 10000] [--iterations 5]
 *
 * Targets: page under 2 s, PDF under 10 s (worst run). Exits 1 when one is
 * missed, after printing every figure. Results go in docs/benchmarks.md.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { buildApp } from '../src/app.js';
import type { AppConfig, DatabaseConfig } from '../src/config.js';
import { openDatabase } from '../src/db/index.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { createUser } from '../src/modules/auth/auth.service.js';
import { binaryRenderer, renderExport } from '../src/modules/reports/reports.export.js';
import { buildReport } from '../src/modules/reports/reports.service.js';
import { ensureDefaultTaxonomy } from '../src/modules/taxonomy/taxonomy.service.js';
import { testConfig } from '../tests/setup/app.js';
import { fillRegister } from './bench-register-data.js';

const PAGE_TARGET_MS = 2000;
const PDF_TARGET_MS = 10_000;
const PASSWORD = 'banc d’essai du rapport';
const BENCH_DB = 'vigie_bench_report';

const { values: args } = parseArgs({
  options: {
    engine: { type: 'string', default: 'sqlite' },
    requests: { type: 'string', default: '10000' },
    iterations: { type: 'string', default: '5' },
  },
});
const engine = args.engine;
if (engine !== 'sqlite' && engine !== 'postgres') throw new Error('--engine must be sqlite or postgres');
const count = Number(args.requests);
const iterations = Number(args.iterations);

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'vigie-bench-report-'));
let database: DatabaseConfig;
let dropDb = async () => undefined as void;
if (engine === 'sqlite') database = { kind: 'sqlite', file: path.join(dataDir, 'bench.sqlite') };
else {
  const adminUrl = execFileSync('bash', ['scripts/postgres.sh'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  }).trim();
  const admin = async (statement: string) => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    try {
      await c.query(statement);
    } finally {
      await c.end();
    }
  };
  await admin(`drop database if exists ${BENCH_DB} with (force)`);
  await admin(`create database ${BENCH_DB}`);
  const u = new URL(adminUrl);
  u.pathname = `/${BENCH_DB}`;
  database = { kind: 'postgres', url: u.toString() };
  dropDb = () => admin(`drop database if exists ${BENCH_DB} with (force)`);
}

// The test configuration follows every new setting; only what the benchmark needs is overridden.
const config: AppConfig = testConfig(
  {
    dataDir,
    publicUrl: 'http://vigie.bench',
    encryptionKey: randomBytes(32).toString('base64'),
    organisationName: 'Comité (banc d’essai)',
    logLevel: 'silent',
  },
  database,
);

const handle = openDatabase(database);
await migrateToLatest(handle.db);
await ensureDefaultTaxonomy(handle.db);
const app: FastifyInstance = await buildApp(config, { database: handle, migrate: false });
await app.ready();
const email = 'bench@bench.invalid';
const userId = await createUser(handle.db, { email, displayName: 'Banc', roles: ['board'], password: PASSWORD }, null);
const t0 = performance.now();
await fillRegister(handle.db, { count, today: '2025-12-31', boardUserIds: [userId], vault: app.vault });
process.stderr.write(`register filled: ${count} requests in ${Math.round(performance.now() - t0)} ms\n`);

const cookies = new Map<string, string>();
const keep = (res: LightMyRequestResponse) => {
  for (const c of res.cookies) cookies.set(c.name, c.value);
  return res;
};
const header = () => [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
const get = async (url: string) => keep(await app.inject({ method: 'GET', url, headers: { cookie: header() } }));
const login = await get('/connexion');
const csrf = /name="_csrf" value="([^"]+)"/.exec(login.body)?.[1] ?? '';
keep(
  await app.inject({
    method: 'POST',
    url: '/connexion',
    payload: new URLSearchParams({ _csrf: csrf, email, password: PASSWORD }).toString(),
    headers: { cookie: header(), 'content-type': 'application/x-www-form-urlencoded' },
  }),
);

const years = Array.from({ length: 10 }, (_, i) => 2016 + i);
const span = '2016-2025';
interface Result {
  name: string;
  runs: number[];
  size: number;
}
const results: Result[] = [];
async function measure(name: string, fn: () => Promise<number>, n = iterations): Promise<Result> {
  await fn(); // warm-up
  const runs: number[] = [];
  let size = 0;
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    size = await fn();
    runs.push(performance.now() - start);
  }
  const r = { name, runs, size };
  results.push(r);
  return r;
}
const expectOk = (res: LightMyRequestResponse) => {
  if (res.statusCode !== 200) throw new Error(`HTTP ${res.statusCode}`);
  return res.rawPayload.length;
};

const report = await buildReport(handle.db, years, { organisationName: config.organisationName });
process.stderr.write(`report: ${report.requests.kinds.length} kinds, ${report.warnings.length} warnings\n`);
await measure(
  'buildReport (queries + model)',
  async () => (await buildReport(handle.db, years, { organisationName: config.organisationName })).years.length,
);
const page = await measure('page /bureau/rapport/2016-2025', async () =>
  expectOk(await get(`/bureau/rapport/${span}`)),
);
await measure('Markdown export', async () => expectOk(await get(`/bureau/rapport/${span}.md?malgre=1`)));
await measure('JSON export', async () => expectOk(await get(`/bureau/rapport/${span}.json?malgre=1`)));
let pdf: Result | undefined;
if (await binaryRenderer('pdf'))
  pdf = await measure(
    'PDF (build + render)',
    async () =>
      (await renderExport(await buildReport(handle.db, years, { organisationName: config.organisationName }), 'pdf'))
        .length,
    Math.min(3, iterations),
  );
if (await binaryRenderer('docx'))
  await measure(
    'DOCX (build + render)',
    async () =>
      (await renderExport(await buildReport(handle.db, years, { organisationName: config.organisationName }), 'docx'))
        .length,
    Math.min(3, iterations),
  );

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
process.stdout.write(
  `\nEngine: ${engine}; ${count} requests over 10 years; Node ${process.version}; ${os.cpus()[0]?.model ?? '?'}\n\n`,
);
process.stdout.write('| Scenario | median (ms) | worst (ms) | size |\n|---|---:|---:|---:|\n');
for (const r of results)
  process.stdout.write(
    `| ${r.name} | ${Math.round(median(r.runs))} | ${Math.round(Math.max(...r.runs))} | ${Math.round(r.size / 1024)} kB |\n`,
  );

await app.close();
await handle.destroy();
await dropDb();
rmSync(dataDir, { recursive: true, force: true });
const pageWorst = Math.max(...page.runs);
const pdfWorst = pdf ? Math.max(...pdf.runs) : 0;
if (pageWorst >= PAGE_TARGET_MS || pdfWorst >= PDF_TARGET_MS) {
  process.stderr.write(
    `target missed: page ${Math.round(pageWorst)} ms (< ${PAGE_TARGET_MS}), PDF ${Math.round(pdfWorst)} ms (< ${PDF_TARGET_MS})\n`,
  );
  process.exit(1);
}
