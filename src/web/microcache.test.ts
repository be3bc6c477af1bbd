import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestContext } from '../../tests/setup/app.js';
import { loginAs } from '../../tests/factories/index.js';
import { buildSignature } from '../../tests/factories/manifesto.js';
import { PublicCache, type CacheMessenger } from './microcache.js';

describe('the public page cache itself', () => {
  const quiet: CacheMessenger = {
    listen: async () => undefined,
    notify: async () => undefined,
  };

  it('keeps a page for its lifetime only, and the neutral answer until cleared', () => {
    let now = 1_000_000;
    const cache = new PublicCache({ ttlMs: 1_000, notifier: quiet, now: () => now });
    cache.set('page', 'A');
    cache.set('neutral', 'N', true);
    now += 999;
    assert.equal(cache.get('page'), 'A');
    now += 1;
    assert.equal(cache.get('page'), undefined, 'a second later the page is rendered again');
    now += 86_400_000;
    assert.equal(cache.get('neutral'), 'N');
    cache.forget();
    assert.equal(cache.get('neutral'), undefined);
  });

  it('keeps nothing when its lifetime is 0, and tells the other processes when cleared', async () => {
    const told: string[] = [];
    const cache = new PublicCache({
      ttlMs: 0,
      notifier: { ...quiet, notify: async (channel) => void told.push(channel) },
    });
    cache.set('page', 'A');
    assert.equal(cache.get('page'), undefined);
    await cache.clear();
    assert.deepEqual(told, ['vigie_public_cache']);
  });
});

describe(`cache of busy public pages (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let ctx: TestContext;
  const clear = () => ctx.app.publicCache.forget();
  before(async () => {
    // An hour: nothing here may depend on how fast the machine runs.
    ctx = await createTestApp({ publicCacheSeconds: 3600 });
  });
  after(async () => ctx.close());

  async function addConfirmedSignature(n: number): Promise<void> {
    const now = new Date().toISOString();
    await buildSignature(ctx.db, {
      name: `Personne ${n}`,
      email: `p${n}@exemple.be`,
      created_at: now,
      confirmed_at: now,
      updated_at: now,
    });
  }

  it('serves the same page to cookieless visitors, never to a logged-in member, and forgets it when asked', async () => {
    clear();
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
    clear();
    const fresh = await ctx.app.inject({ url: '/manifeste' });
    assert.equal(fresh.body, withCookie.body, 'after clearing, the new count shows');
  });

  it('forgets the cached pages when a board member changes something', async () => {
    clear();
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
