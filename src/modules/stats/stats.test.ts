// Just over 300 lines: the visit counter's rules (what counts, what is never stored, the daily salt
// across processes, the yearly figures, the page cap) share one app and the `visit` helper below.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { loginAs, publishManifesto } from '../../../tests/factories/index.js';
import { createTestApp, type TestContext } from '../../../tests/setup/app.js';
import { VisitCounter } from './stats.counter.service.js';
import { isBot, sectionOf } from './stats.pages.js';
import { visitsFigures } from './stats.figures.js';

const UA = 'Mozilla/5.0 (Linux; Android 14) ZyxTestBrowser/9.9';
const IP = '203.0.113.77';
const BROWSER = {
  'user-agent': UA,
  'accept-language': 'fr-BE,fr;q=0.9',
  accept: 'text/html,application/xhtml+xml,*/*;q=0.8',
};

describe(`visit statistics (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await createTestApp();
  });
  after(async () => ctx.close());

  async function visit(url: string, headers: Record<string, string> = BROWSER, remoteAddress = IP, cookie?: string) {
    const res = await ctx.app.inject({
      method: 'GET',
      url,
      headers: cookie ? { ...headers, cookie } : headers,
      remoteAddress,
    });
    await ctx.app.visitCounter.settle();
    return res;
  }
  const rows = (pathKey: string) =>
    ctx.db.selectFrom('page_views_daily').selectAll().where('path_key', '=', pathKey).execute();
  const site = async () =>
    (await rows('*')).reduce((a, r) => ({ views: a.views + r.views, visitors: a.visitors + r.visitors }), {
      views: 0,
      visitors: 0,
    });

  it('counts a page view each time but a visitor once per day, per page and for the site', async () => {
    const start = await site();
    await visit('/contact');
    await visit('/contact');
    await visit('/vie-privee');
    const contact = await rows('/contact');
    assert.equal(contact.length, 1);
    assert.equal(contact[0]?.views, 2);
    assert.equal(contact[0]?.visitors, 1);
    assert.equal(contact[0]?.section, 'contact');
    let now = await site();
    assert.deepEqual([now.views - start.views, now.visitors - start.visitors], [3, 1]);
    // Another browser on the same address, or the same browser elsewhere, is another visitor.
    await visit('/contact', { ...BROWSER, 'user-agent': `${UA} Other` });
    await visit('/contact', BROWSER, '198.51.100.9');
    now = await site();
    assert.deepEqual([now.views - start.views, now.visitors - start.visitors], [5, 3]);
    await visit('/nl/contact');
    assert.equal((await rows('/nl/contact'))[0]?.section, 'contact');
  });

  it('does not count bots, scripts, prefetches, errors, non-HTML answers or the board', async () => {
    const start = await site();
    await visit('/contact', {
      ...BROWSER,
      'user-agent': 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
    });
    await visit('/contact', { ...BROWSER, 'user-agent': 'curl/8.5.0' });
    await visit('/contact', {
      ...BROWSER,
      'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0 Safari/537.36 Chrome-Lighthouse',
    });
    await visit('/contact', { 'user-agent': UA, accept: 'text/html' }); // no Accept-Language
    await visit('/contact', { 'user-agent': UA, 'accept-language': 'fr' }); // no Accept
    await visit('/contact', { ...BROWSER, 'sec-purpose': 'prefetch' });
    await visit('/nexiste-pas');
    await visit('/healthz');
    await visit('/connexion');
    const { agent } = await loginAs(ctx);
    const cookie = [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    for (const url of ['/bureau/statistiques', '/demandes', '/bureau/contenu', '/contact']) {
      const res = await visit(url, BROWSER, IP, cookie);
      assert.equal(res.statusCode, 200, url);
    }
    assert.deepEqual(await site(), start);
    const keys = (await ctx.db.selectFrom('page_views_daily').select('path_key').execute()).map((r) => r.path_key);
    assert.ok(
      !keys.some(
        (k) =>
          k.startsWith('/bureau') ||
          k.startsWith('/demandes') ||
          k.startsWith('/connexion') ||
          k.startsWith('/api') ||
          k.startsWith('/assets'),
      ),
      keys.join(' '),
    );
    assert.equal(isBot({ 'user-agent': 'Mozilla/5.0 Firefox/130', 'accept-language': 'nl', accept: '*/*' }), false);
    assert.equal(sectionOf('/en/agenda/assemblee'), 'agenda');
    assert.equal(sectionOf('/nl'), 'accueil');
  });

  it('stores no IP address and no User-Agent in any table (visitor hashes live only for their day, see below)', async () => {
    await visit('/vie-privee');
    await visit('/', BROWSER, IP);
    const tables = await ctx.db.introspection.getTables();
    assert.ok(tables.some((t) => t.name === 'page_views_daily'));
    let checked = 0;
    for (const table of tables) {
      const data = await sql<Record<string, unknown>>`select * from ${sql.table(table.name)}`.execute(ctx.db);
      const text = JSON.stringify(data.rows, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('latin1') : v));
      for (const secret of [IP, 'ZyxTestBrowser', '203.0.113'])
        assert.ok(!text.includes(secret), `${table.name} holds ${secret}`);
      checked++;
    }
    assert.ok(checked >= 10);
    const columns = (await ctx.db.introspection.getTables())
      .find((t) => t.name === 'page_views_daily')
      ?.columns.map((c) => c.name)
      .sort();
    assert.deepEqual(columns, ['day', 'path_key', 'section', 'views', 'visitors']);
    const logs = ctx.logs.join('\n');
    assert.ok(!logs.includes('ZyxTestBrowser'), 'User-Agent in the logs');
  });

  it('forgets visitors when the day changes (new salt, new count)', async () => {
    let now = new Date('2030-03-14T10:00:00Z');
    const counter = new VisitCounter(ctx.db, () => now);
    try {
      counter.record('/agenda', IP, UA);
      counter.record('/agenda', IP, UA);
      now = new Date('2030-03-15T10:00:00Z');
      counter.record('/agenda', IP, UA);
      await counter.settle();
      const days = await ctx.db
        .selectFrom('page_views_daily')
        .select(['day', 'views', 'visitors'])
        .where('path_key', '=', '/agenda')
        .where('day', '>=', '2030-03-14')
        .orderBy('day')
        .execute();
      assert.deepEqual(days, [
        { day: '2030-03-14', views: 2, visitors: 1 },
        { day: '2030-03-15', views: 1, visitors: 1 },
      ]);
    } finally {
      counter.close();
    }
  });

  it('shares the daily salt between processes: a visitor seen by two counts once, and no salt outlives its day', async () => {
    let now = new Date('2031-05-20T10:00:00Z');
    // Two counters on one database: two server processes.
    const first = new VisitCounter(ctx.db, () => now);
    const second = new VisitCounter(ctx.db, () => now);
    try {
      first.record('/manifeste', IP, UA);
      second.record('/manifeste', IP, UA);
      second.record('/contact', IP, UA);
      await first.settle();
      await second.settle();
      const day = await ctx.db
        .selectFrom('page_views_daily')
        .select(['path_key', 'views', 'visitors'])
        .where('day', '=', '2031-05-20')
        .orderBy('path_key')
        .execute();
      assert.deepEqual(day, [
        { path_key: '*', views: 3, visitors: 1 },
        { path_key: '/contact', views: 1, visitors: 1 },
        { path_key: '/manifeste', views: 2, visitors: 1 },
      ]);
      const salts = await ctx.db.selectFrom('visit_salts').selectAll().where('day', '>=', '2031-05-20').execute();
      assert.equal(salts.length, 1, 'one salt for the day, whichever process drew it');

      now = new Date('2031-05-21T10:00:00Z');
      first.record('/manifeste', IP, UA);
      await first.settle();
      const kept = await ctx.db.selectFrom('visit_salts').select('day').execute();
      assert.deepEqual(
        kept.map((k) => k.day),
        ['2031-05-21'],
      );
      const seen = await ctx.db.selectFrom('visit_seen').select('day').distinct().execute();
      assert.deepEqual(
        seen.map((k) => k.day),
        ['2031-05-21'],
      );
      const stored = JSON.stringify(await ctx.db.selectFrom('visit_seen').selectAll().execute());
      assert.ok(!stored.includes(IP) && !stored.includes('ZyxTestBrowser'), 'never the address or the browser');
    } finally {
      first.close();
      second.close();
    }
  });

  it('computes the key figures of a year from the daily counts', async () => {
    const fresh = await createTestApp();
    try {
      assert.deepEqual(await visitsFigures(fresh.db, 2019), {});
      const put = (day: string, visitors: number) =>
        fresh.db
          .insertInto('page_views_daily')
          .values([
            { day, path_key: '*', section: '*', views: visitors * 3, visitors },
            { day, path_key: '/ressources', section: 'ressources', views: visitors, visitors },
          ])
          .execute();
      await put('2018-12-31', 500);
      await put('2019-01-10', 1000);
      await put('2019-01-11', 214);
      await put('2019-03-02', 1143);
      await put('2019-03-03', 2381);
      await put('2019-07-01', 2000);
      assert.deepEqual(await visitsFigures(fresh.db, 2019), {
        'website.visits.monthly_average': Math.round((1214 + 3524 + 2000) / 3),
        'website.visits.monthly_min': 1214,
        'website.visits.monthly_max': 3524,
        'website.visits.daily_max': 2381,
        'website.visits.since_start': 500 + 1214 + 3524 + 2000,
      });
      assert.equal((await visitsFigures(fresh.db, 2018))['website.visits.since_start'], 500);
      const { agent } = await loginAs(fresh);
      const page = await agent.get('/bureau/statistiques?annee=2019');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<svg[^>]+role="img"/);
      assert.match(page.body, /Maximum\u00a0: 3\u202f524 visites|Maximum\u00a0: 3.524 visites/);
      assert.match(page.body, /Jour le plus visité\u00a0: dimanche 3 mars 2019/);
      assert.match(page.body, /Ressources/);
      assert.match(page.body, /mars<\/th><td>3.524 \(maximum\)/);
    } finally {
      await fresh.close();
    }
  });

  // Issue 9: `/manifeste/historique/1-<anything>` answered 200 and each distinct address added a row.
  it('counts a page under the address the app gives it, or not at all', async () => {
    await publishManifesto(ctx.db, ['fr']);
    const version = await ctx.db
      .selectFrom('manifesto_versions')
      .select('id')
      .where('locale', '=', 'fr')
      .executeTakeFirstOrThrow();
    const start = await site();
    for (const suffix of ['-invente', '-autre', '.html']) {
      const res = await visit(`/manifeste/historique/${version.id}${suffix}`);
      assert.equal(res.statusCode, 200, 'the handler still finds the version');
    }
    await visit(`/manifeste/historique/0${version.id}`);
    await visit(`/manifeste/historique/${version.id}`);
    await visit(`/manifeste/historique/${version.id}?utm=${'x'.repeat(50)}`);
    await visit(`/MANIFESTE/historique/${version.id}/`);
    const keys = (
      await ctx.db.selectFrom('page_views_daily').select('path_key').where('path_key', 'like', '%historique%').execute()
    ).map((r) => r.path_key);
    assert.deepEqual(keys, [`/manifeste/historique/${version.id}`]);
    assert.equal((await rows(`/manifeste/historique/${version.id}`))[0]?.views, 2);
    assert.equal((await site()).views - start.views, 2);
  });

  it('keeps at most a set number of page rows a day; past it, a view counts for the site only', async () => {
    const now = new Date('2032-03-10T10:00:00Z');
    const counter = new VisitCounter(ctx.db, () => now, 3);
    try {
      for (let n = 0; n < 10; n++) counter.record(`/actualites/article-${n}`, IP, `${UA} ${n}`);
      counter.record('/actualites/article-1', IP, UA);
      await counter.settle();
      const day = await ctx.db
        .selectFrom('page_views_daily')
        .select(['path_key', 'views', 'visitors'])
        .where('day', '=', '2032-03-10')
        .orderBy('path_key')
        .execute();
      assert.deepEqual(day, [
        { path_key: '*', views: 11, visitors: 11 },
        { path_key: '/actualites/article-0', views: 1, visitors: 1 },
        { path_key: '/actualites/article-1', views: 2, visitors: 2 },
        { path_key: '/actualites/article-2', views: 1, visitors: 1 },
      ]);
    } finally {
      counter.close();
    }
    // Another process (or a restart) the same day knows the pages already counted.
    const later = new VisitCounter(ctx.db, () => now, 3);
    try {
      later.record('/actualites/article-9', IP, UA);
      later.record('/actualites/article-2', IP, UA);
      await later.settle();
      const pages = await ctx.db
        .selectFrom('page_views_daily')
        .select('path_key')
        .where('day', '=', '2032-03-10')
        .where('path_key', '!=', '*')
        .execute();
      assert.equal(pages.length, 3);
    } finally {
      later.close();
    }
  });

  it('keeps the statistics for the board', async () => {
    const res = await ctx.app.inject({ url: '/bureau/statistiques' });
    assert.equal(res.statusCode, 303);
    const { agent } = await loginAs(ctx, ['admin']);
    assert.equal((await agent.get('/bureau/statistiques')).statusCode, 403);
  });
});
