import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestContext } from '../../tests/setup/app.js';
import { loginAs } from '../../tests/factories/index.js';
import { clearPublicCache } from './microcache.js';

describe(`one-second cache of busy public pages (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await createTestApp();
  });
  after(async () => ctx.close());

  async function addConfirmedSignature(n: number): Promise<void> {
    const now = new Date().toISOString();
    await ctx.db
      .insertInto('signatures')
      .values({
        kind: 'individual',
        name: `Personne ${n}`,
        function_or_org: '',
        town: '',
        email: `p${n}@exemple.be`,
        locale: 'fr',
        show_publicly: 0,
        newsletter: 0,
        contact: 0,
        hidden: 0,
        status: 'confirmed',
        quarantine_reasons: '',
        search_text: '',
        token_hash: null,
        created_at: now,
        confirmed_at: now,
        expires_at: null,
        updated_at: now,
      })
      .execute();
  }

  it('serves the same page to cookieless visitors for a second, never to a logged-in member, and forgets it when asked', async () => {
    clearPublicCache();
    const first = await ctx.app.inject({ url: '/manifeste' });
    assert.equal(first.statusCode, 200);
    await addConfirmedSignature(1);
    const cached = await ctx.app.inject({ url: '/manifeste' });
    assert.equal(cached.body, first.body, 'a cookieless visitor gets the cached page');
    const withCookie = await ctx.app.inject({ url: '/manifeste', headers: { cookie: 'x=1' } });
    assert.notEqual(withCookie.body, first.body, 'a visitor with a cookie gets a fresh page');
    const { agent } = await loginAs(ctx);
    const member = await agent.get('/manifeste');
    assert.notEqual(member.body, first.body);
    clearPublicCache();
    const fresh = await ctx.app.inject({ url: '/manifeste' });
    assert.equal(fresh.body, withCookie.body, 'after clearing, the new count shows');
  });

  it('forgets the cached pages when a board member changes something', async () => {
    clearPublicCache();
    const before = await ctx.app.inject({ url: '/manifeste' });
    await addConfirmedSignature(2);
    const { agent } = await loginAs(ctx);
    // Any successful change by a member (here: a note on a figure) clears the cache.
    const res = await agent.post('/bureau/chiffres', { year: '2018', key: 'board.meetings', value: '17', note: '' });
    assert.ok(res.statusCode < 400);
    const after = await ctx.app.inject({ url: '/manifeste' });
    assert.notEqual(after.body, before.body);
  });
});
