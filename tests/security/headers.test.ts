import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { securityHeaders } from '../../src/web/security-headers.js';
import { loginAs } from '../factories/index.js';
import { Agent } from '../setup/agent.js';
import { createTestApp, type TestContext } from '../setup/app.js';

/**
 * Every answer carries the strict security headers — public pages, the back
 * office, errors, files, and the answer to a refused form — computed once at
 * start-up (src/web/security-headers.ts).
 */
const EXPECTED_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "object-src 'none'",
];

function assertHeaders(res: LightMyRequestResponse, what: string): void {
  const csp = String(res.headers['content-security-policy'] ?? '');
  assert.deepEqual(
    csp
      .split(';')
      .map((d) => d.trim())
      .sort(),
    [...EXPECTED_CSP].sort(),
    `${what}: CSP`,
  );
  assert.equal(res.headers['x-content-type-options'], 'nosniff', `${what}: nosniff`);
  assert.equal(res.headers['x-frame-options'], 'SAMEORIGIN', `${what}: frame options`);
  assert.equal(res.headers['referrer-policy'], 'same-origin', `${what}: referrer`);
  assert.equal(res.headers['cross-origin-opener-policy'], 'same-origin', `${what}: COOP`);
  assert.equal(res.headers['strict-transport-security'], undefined, `${what}: no HSTS without secure cookies`);
  assert.equal(res.headers['x-powered-by'], undefined, `${what}: no X-Powered-By`);
}

describe(`security headers (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let ctx: TestContext;

  before(async () => {
    ctx = await createTestApp();
  });
  after(async () => ctx.close());

  it('are on public pages, files, errors and refused forms', async () => {
    const anonymous = new Agent(ctx.app);
    assertHeaders(await anonymous.get('/'), 'home');
    assertHeaders(await anonymous.get('/manifeste'), 'manifesto');
    assertHeaders(await anonymous.get('/nl/manifest'), 'a page in Dutch or its 404');
    assertHeaders(await anonymous.get('/favicon.ico'), 'icon');
    assertHeaders(await anonymous.get('/page-qui-n-existe-pas'), '404');
    assertHeaders(await anonymous.get('/demandes'), 'redirect to the login page');
    const refused = await anonymous.post('/manifeste/signer', { name: 'Sans jeton' }, { csrf: false });
    assert.equal(refused.statusCode, 403);
    assertHeaders(refused, 'refused form');
  });

  it('are on the back office, which is never cached', async () => {
    const { agent } = await loginAs(ctx, ['board']);
    const res = await agent.get('/demandes');
    assert.equal(res.statusCode, 200);
    assertHeaders(res, 'register');
    assert.equal(res.headers['cache-control'], 'no-store');
  });

  it('add HSTS when the site is served over HTTPS (secure cookies)', () => {
    assert.match(securityHeaders(true)['strict-transport-security'] ?? '', /^max-age=\d+; includeSubDomains$/);
    assert.equal(securityHeaders(false)['strict-transport-security'], undefined);
  });
});
