import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openDatabase } from '../../src/db/index.js';
import { publishManifesto } from '../factories/index.js';
import { TEST_KEY } from '../setup/app.js';
import { createTestDatabase, type TestDatabase } from '../setup/databases.js';
import { freePort, startVigie, stopVigie, type VigieProcess } from '../support/processes.js';
import { antibotFieldsOf } from '../support/smtp.js';

/**
 * Issue 9's crash test: a real `vigie serve` process takes a signing load
 * (several visitors at once, each fetching the form then signing it), is
 * killed with SIGKILL in the middle — at the moment a given number of
 * signatures have been acknowledged, not after some time — and restarted on
 * the same database. Every signature whose POST was acknowledged (2xx/3xx)
 * must be stored: an acknowledgement is a promise that it was committed.
 */
const VISITORS = 8;
const KILL_AFTER = 60;

describe(`kill -9 during a signing load (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let testDb: TestDatabase;
  let dataDir = '';
  const started: VigieProcess[] = [];

  before(async () => {
    testDb = await createTestDatabase();
    const handle = openDatabase(testDb.config);
    await publishManifesto(handle.db);
    await handle.destroy();
    dataDir = mkdtempSync(path.join(tmpdir(), 'vigie-crash-'));
  });
  after(async () => {
    for (const p of started) await stopVigie(p);
    await testDb?.drop();
  });

  async function serve(): Promise<string> {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const vigie = startVigie({
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_URL: base,
      DATABASE_URL: testDb.config.kind === 'postgres' ? testDb.config.url : `file:${testDb.config.file}`,
      DATA_DIR: dataDir,
      ENCRYPTION_KEY: TEST_KEY,
      COOKIE_SECRET: 'crash-test-cookie-secret-0123456789abc',
      COOKIE_SECURE: 'false',
      // Signing at once, and many times from one address: the load comes from one machine.
      SIGNUP_MIN_SECONDS: '0',
      SIGNUP_IP_LIMIT: '1000000',
      SIGNUP_ADDRESS_LIMIT: '1000000',
      LOG_LEVEL: 'warn',
    });
    started.push(vigie);
    await vigie.ready;
    return base;
  }

  /** One visitor signs once: the form (its cookie, CSRF and form token), then the POST. */
  async function sign(base: string, email: string, onSent: () => void = () => undefined): Promise<number> {
    const page = await fetch(`${base}/manifeste/signer`);
    const html = await page.text();
    const cookie = page.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const body = new URLSearchParams({
      _csrf: /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '',
      ...antibotFieldsOf(html),
      kind: 'individual',
      name: `Signataire ${email.split('@')[0]}`,
      functionOrOrg: 'Assistante sociale',
      town: 'Namur',
      email,
      showPublicly: 'oui',
    });
    const answer = fetch(`${base}/manifeste/signer`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
      body,
      redirect: 'manual',
    });
    onSent();
    const res = await answer;
    await res.arrayBuffer();
    return res.status;
  }

  it('keeps every acknowledged signature through a kill -9 and a restart', async (t) => {
    const base = await serve();
    const victim = started[0] as VigieProcess;
    const acknowledged: string[] = [];
    const refused: number[] = [];
    let next = 0;
    let killed = false;
    let inFlightAtKill = 0;
    let inFlight = 0;

    async function visitor(): Promise<void> {
      while (!killed) {
        const email = `crash-${next++}@exemple.be`;
        let sent = false;
        try {
          const status = await sign(base, email, () => {
            sent = true;
            inFlight++;
          });
          inFlight--;
          if (status >= 400) refused.push(status);
          // An answer received, even after the kill was decided, is an acknowledgement.
          else acknowledged.push(email);
          if (acknowledged.length === KILL_AFTER && !killed) {
            killed = true;
            inFlightAtKill = inFlight;
            victim.child.kill('SIGKILL');
          }
        } catch (error) {
          if (sent) inFlight--;
          // After the kill, unanswered requests fail: they were never acknowledged.
          if (!killed) throw error;
        }
      }
    }
    await Promise.all(Array.from({ length: VISITORS }, () => visitor()));
    assert.equal(await victim.exited, 'SIGKILL');
    t.diagnostic(
      `${acknowledged.length} acknowledged, ${next} started, ${inFlightAtKill} POSTs in flight at the kill, ${refused.length} refused`,
    );
    assert.deepEqual(refused, [], 'no signature refused before the kill');
    assert.ok(acknowledged.length >= KILL_AFTER);

    // The same database, a new process: it starts, and every acknowledged signature is there.
    const restarted = await serve();
    const handle = openDatabase(testDb.config);
    try {
      const stored = new Set(
        (await handle.db.selectFrom('signatures').select('email').where('email', 'like', 'crash-%').execute()).map(
          (r) => r.email,
        ),
      );
      assert.deepEqual(
        acknowledged.filter((e) => !stored.has(e)),
        [],
        'acknowledged but lost',
      );
      assert.ok(stored.size <= next, 'nothing stored that was never sent');
      // The restarted server takes signatures again.
      assert.ok((await sign(restarted, 'crash-after-restart@exemple.be')) < 400);
      const after = await handle.db
        .selectFrom('signatures')
        .select('status')
        .where('email', '=', 'crash-after-restart@exemple.be')
        .executeTakeFirst();
      assert.equal(after?.status, 'pending');
    } finally {
      await handle.destroy();
    }
  });
});
