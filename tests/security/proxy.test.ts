import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { antibotFieldsOf } from '../support/smtp.js';
import type { AppConfig } from '../../src/config.js';
import { publishManifesto } from '../factories/index.js';
import { createTestApp, type TestContext } from '../setup/app.js';

/**
 * Behind a reverse proxy (TRUST_PROXY), the per-IP limits apply to each
 * visitor's own address; without it, X-Forwarded-For is ignored: nobody can
 * pick their address by sending the header.
 */
async function signFrom(ctx: TestContext, forwardedFor: string, n: number): Promise<number> {
  const page = await ctx.app.inject({
    method: 'GET',
    url: '/manifeste/signer',
    headers: { 'x-forwarded-for': forwardedFor },
  });
  const cookie = page.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
  const body = new URLSearchParams({
    _csrf: csrf,
    ...antibotFieldsOf(page.body),
    kind: 'individual',
    name: `Visiteur ${n}`,
    functionOrOrg: '',
    town: '',
    email: `proxy-${n}-${forwardedFor}@exemple.be`,
  });
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/manifeste/signer',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': forwardedFor },
    payload: body.toString(),
  });
  return res.statusCode;
}

for (const [label, overrides, secondVisitor] of [
  ['trusted proxy (TRUST_PROXY=127.0.0.1)', { trustProxy: ['127.0.0.1'] }, 200],
  ['one proxy in front (TRUST_PROXY=1)', { trustProxy: 1 }, 200],
  ['no proxy trusted (default)', {}, 429],
] as [string, Partial<AppConfig>, number][]) {
  describe(`per-IP limit, ${label} (${process.env.TEST_DB ?? 'sqlite'})`, () => {
    let ctx: TestContext;
    before(async () => {
      ctx = await createTestApp({ signupMinSeconds: 0, signupIpLimit: 2, ...overrides });
      await publishManifesto(ctx.db);
    });
    after(async () => ctx.close());

    it(
      secondVisitor === 200
        ? 'counts each visitor’s own address'
        : 'ignores X-Forwarded-For: every request counts for the connecting address',
      async () => {
        assert.equal(await signFrom(ctx, '203.0.113.5', 1), 200);
        assert.equal(await signFrom(ctx, '203.0.113.5', 2), 200);
        assert.equal(await signFrom(ctx, '203.0.113.5', 3), 429, 'the first visitor is over the limit');
        assert.equal(await signFrom(ctx, '198.51.100.7', 4), secondVisitor);
      },
    );
  });
}
