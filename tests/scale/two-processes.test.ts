import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openDatabase, type DatabaseHandle } from '../../src/db/index.js';
import { hashToken } from '../../src/lib/tokens.js';
import { queueMail } from '../../src/modules/mail/mail.service.js';
import { publishManifesto } from '../factories/index.js';
import { createTestDatabase, testEngine, type TestDatabase } from '../setup/databases.js';
import { TEST_KEY } from '../setup/app.js';
import { freePort, startVigie, stopVigie, type VigieProcess } from '../support/processes.js';
import { startSmtp, type SmtpListener } from '../support/smtp.js';

/**
 * Two real Vigie processes (`vigie serve`) on one PostgreSQL, behind a small
 * reverse proxy that sends each request to the next process in turn — what
 * docs/operations.md describes. SQLite stays single-process: PostgreSQL pass only.
 */
const postgresOnly = testEngine() === 'postgres' ? false : 'PostgreSQL only: runs in the PostgreSQL pass of the suite';
const LOGIN_LIMIT = 4;

interface Answer {
  status: number;
  body: string;
  headers: http.IncomingHttpHeaders;
}

describe('two processes on one PostgreSQL behind a proxy', { skip: postgresOnly }, () => {
  let testDb: TestDatabase;
  let handle: DatabaseHandle;
  let smtp: SmtpListener;
  let proxy: http.Server;
  let proxyPort = 0;
  const backends: number[] = [];
  const served = [0, 0];
  const processes: VigieProcess[] = [];

  /** One request through the proxy. */
  function request(method: string, url: string, form?: Record<string, string>, cookie?: string): Promise<Answer> {
    const body = form ? new URLSearchParams(form).toString() : undefined;
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: proxyPort,
          method,
          path: url,
          headers: {
            accept: 'text/html',
            ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
            ...(cookie ? { cookie } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              body: Buffer.concat(chunks).toString('utf8'),
              headers: res.headers,
            }),
          );
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  before(async () => {
    testDb = await createTestDatabase();
    handle = openDatabase(testDb.config);
    await publishManifesto(handle.db);
    smtp = await startSmtp();
    proxyPort = await freePort();
    backends.push(await freePort(), await freePort());
    const url = testDb.config.kind === 'postgres' ? testDb.config.url : '';
    const dataDir = mkdtempSync(path.join(tmpdir(), 'vigie-two-'));
    const started = backends.map((port) =>
      startVigie({
        PATH: process.env.PATH,
        NODE_ENV: 'test',
        HOST: '127.0.0.1',
        PORT: String(port),
        PUBLIC_URL: `http://127.0.0.1:${proxyPort}`,
        DATABASE_URL: url,
        DATA_DIR: dataDir,
        ENCRYPTION_KEY: TEST_KEY,
        COOKIE_SECRET: 'two-processes-cookie-secret-0123456789',
        COOKIE_SECURE: 'false',
        TRUST_PROXY: 'loopback',
        LOGIN_RATE_LIMIT: String(LOGIN_LIMIT),
        // An hour: only the board's change (LISTEN/NOTIFY) can make a cached page fresh.
        PUBLIC_CACHE_SECONDS: '3600',
        SMTP_URL: smtp.url,
        // « job done » lines (info) tell the test when scheduled work has run.
        LOG_LEVEL: 'info',
      }),
    );
    processes.push(...started);
    await Promise.all(started.map((s) => s.ready));

    // The reverse proxy: each request to the next process, the visitor's address forwarded.
    let next = 0;
    proxy = http.createServer((req, res) => {
      const target = next;
      next = (next + 1) % backends.length;
      served[target] = (served[target] ?? 0) + 1;
      const upstream = http.request(
        {
          host: '127.0.0.1',
          port: backends[target],
          method: req.method,
          path: req.url,
          headers: { ...req.headers, 'x-forwarded-for': '203.0.113.50', 'x-forwarded-proto': 'http' },
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on('error', () => res.writeHead(502).end());
      req.pipe(upstream);
    });
    await new Promise<void>((resolve) => proxy.listen(proxyPort, '127.0.0.1', resolve));
  });

  after(async () => {
    await new Promise<void>((resolve) => (proxy ? proxy.close(() => resolve()) : resolve()));
    await Promise.all(processes.map(stopVigie));
    await smtp?.close();
    await handle?.destroy();
    await testDb?.drop();
  });

  it('holds a per-IP limit across both processes', async () => {
    // A real sign-in form (its CSRF token and cookie): failures are counted once the form is genuine;
    // a different address each time, so that only the per-IP count can refuse.
    const page = await request('GET', '/connexion');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    const cookie = (page.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');
    const statuses: number[] = [];
    for (let i = 0; i <= LOGIN_LIMIT; i++)
      statuses.push(
        (await request('POST', '/connexion', { _csrf: csrf, email: `x${i}@exemple.be`, password: 'faux' }, cookie))
          .status,
      );
    // Neither process alone saw enough attempts to refuse one: only the shared count can.
    assert.ok(
      served.every((n) => n > 0 && n < LOGIN_LIMIT),
      `requests per process: ${served.join(', ')}`,
    );
    assert.equal(statuses.length, LOGIN_LIMIT + 1);
    assert.ok(
      statuses.slice(0, LOGIN_LIMIT).every((s) => s !== 429),
      `the first ${LOGIN_LIMIT} pass: ${statuses.join(', ')}`,
    );
    assert.equal(statuses[LOGIN_LIMIT], 429, `the next is refused: ${statuses.join(', ')}`);
  });

  it('shows a change at once through both processes', async () => {
    const count = (html: string) => /id="count-individuals"[^>]*>([^<]+)</.exec(html)?.[1]?.trim();
    const before = [await request('GET', '/manifeste'), await request('GET', '/manifeste')];
    assert.deepEqual(
      before.map((a) => [a.status, count(a.body)]),
      [
        [200, '0'],
        [200, '0'],
      ],
    );
    const now = new Date().toISOString();
    await handle.db
      .insertInto('signatures')
      .values({
        kind: 'individual',
        name: 'Camille Peeters',
        function_or_org: '',
        town: '',
        email: 'camille@exemple.be',
        locale: 'fr',
        show_publicly: 1,
        newsletter: 0,
        contact: 0,
        hidden: 0,
        status: 'pending',
        quarantine_reasons: '',
        search_text: '',
        token_hash: hashToken('jeton-de-confirmation'),
        created_at: now,
        confirmed_at: null,
        expires_at: new Date(Date.now() + 86_400_000).toISOString(),
        updated_at: now,
      })
      .execute();
    // Still cached in both processes: the database changed behind their back.
    assert.equal(count((await request('GET', '/manifeste')).body), '0');
    // The confirmation, through one process, clears the cache of both.
    const page = await request('GET', '/manifeste/confirmer?jeton=jeton-de-confirmation');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    const cookie = (page.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');
    const confirmed = await request(
      'POST',
      '/manifeste/confirmer',
      { _csrf: csrf, jeton: 'jeton-de-confirmation' },
      cookie,
    );
    assert.equal(confirmed.status, 200);
    const afterChange = [await request('GET', '/manifeste'), await request('GET', '/manifeste')];
    assert.deepEqual(
      afterChange.map((a) => count(a.body)),
      ['1', '1'],
    );
  });

  it('sends each queued mail exactly once and runs scheduled work once', async () => {
    const addresses = Array.from({ length: 12 }, (_, i) => `destinataire${i}@exemple.be`);
    for (const to of addresses)
      await queueMail(handle.db, { to, subject: `Message ${to}`, text: 'Bonjour', purpose: 'test' });
    // Event-driven: each arrival at the SMTP listener, and the processes' own « job done » line.
    const retentionDone = Promise.any(processes.map((p) => p.waitForOutput(/"job":"retention\.daily"[^\n]*job done/)));
    await smtp.waitFor((mails) => addresses.every((a) => mails.some((m) => m.to.includes(a))));
    await retentionDone;
    // Both processes stopped (each finishes what it was sending): a second copy would be here now.
    await Promise.all(processes.map(stopVigie));
    const received = smtp.received.flatMap((m) => m.to).filter((to) => addresses.includes(to));
    assert.deepEqual([...received].sort(), [...addresses].sort(), 'each address once, none twice');

    const runs = await handle.db
      .selectFrom('job_runs')
      .select(['period_key', 'claimed_by'])
      .where('job_name', '=', 'retention.daily')
      .execute();
    assert.equal(runs.length, 1, 'one retention run for the day, whichever process claimed it');
    const audit = await handle.db
      .selectFrom('audit_events')
      .select('id')
      .where('action', '=', 'retention.run')
      .execute();
    assert.equal(audit.length, 1);
  });
});
