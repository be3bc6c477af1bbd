import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { strFromU8, unzipSync } from 'fflate';
import { loginAs } from '../../../tests/factories/index.js';
import { createTestApp, type TestContext } from '../../../tests/setup/app.js';
import { testEngine } from '../../../tests/setup/databases.js';
import { DEFAULT_SETTINGS, saveSettings, settingsToForm } from '../site/site.settings.service.js';

describe(`what an instance says about itself (${testEngine()})`, () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await createTestApp();
  });
  after(() => ctx.close());

  it('lets crawlers read the public site only, and points them to the sitemap', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/robots.txt' });
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['content-type'] ?? '', /^text\/plain/);
    for (const path of ['/bureau', '/admin', '/demandes', '/connexion', '/nl/manifeste/confirmer'])
      assert.match(res.body, new RegExp(`^Disallow: ${path}$`, 'm'), path);
    assert.doesNotMatch(res.body, /^Disallow: \/$/m, 'the public site stays open');
    assert.match(res.body, /^Sitemap: http:\/\/vigie\.test\/sitemap\.xml$/m);
  });

  it('lists the public pages with their Dutch and English versions, each of which answers', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/sitemap.xml' });
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['content-type'] ?? '', /^application\/xml/);
    const locs = [...res.body.matchAll(/<loc>http:\/\/vigie\.test([^<]*)<\/loc>/g)].map((m) => m[1] ?? '');
    for (const path of ['/', '/manifeste', '/nl/manifeste', '/en/manifeste', '/guide', '/contact', '/en/vie-privee'])
      assert.ok(locs.includes(path), `${path} in the sitemap`);
    assert.ok(!locs.some((p) => /bureau|admin|demandes|connexion/.test(p)), 'no back-office page');
    assert.match(
      res.body,
      /<loc>http:\/\/vigie\.test\/manifeste<\/loc>\n\s+<xhtml:link rel="alternate" hreflang="fr" href="http:\/\/vigie\.test\/manifeste"\/>\n\s+<xhtml:link rel="alternate" hreflang="nl" href="http:\/\/vigie\.test\/nl\/manifeste"\/>\n\s+<xhtml:link rel="alternate" hreflang="en" href="http:\/\/vigie\.test\/en\/manifeste"\/>/,
    );
    for (const path of locs) {
      const page = await ctx.app.inject({ method: 'GET', url: path, headers: { accept: 'text/html' } });
      assert.equal(page.statusCode, 200, path);
    }
  });

  it('publishes security.txt (RFC 9116) with the contact of the settings', async () => {
    const before = await ctx.app.inject({ method: 'GET', url: '/.well-known/security.txt' });
    assert.match(before.body, /^Contact: http:\/\/vigie\.test\/contact$/m, 'the contact page while no address is set');
    const { user } = await loginAs(ctx, ['board']);
    await saveSettings(ctx.db, { ...settingsToForm(DEFAULT_SETTINGS), contactEmail: 'securite@comite.be' }, user);
    const res = await ctx.app.inject({ method: 'GET', url: '/.well-known/security.txt' });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /^Contact: mailto:securite@comite\.be$/m);
    const expires = /^Expires: (\S+)$/m.exec(res.body)?.[1] ?? '';
    assert.ok(Date.parse(expires) > Date.now(), `Expires in the future: ${expires}`);
    assert.match(res.body, /^Canonical: http:\/\/vigie\.test\/\.well-known\/security\.txt$/m);
  });

  it('offers the running source code, without settings, data or keys, from a link on every page', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/code-source' });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'application/zip');
    const files = unzipSync(res.rawPayload);
    const names = Object.keys(files);
    for (const expected of [
      'vigie/LICENSE',
      'vigie/package.json',
      'vigie/src/app.tsx',
      'vigie/src/modules/instance/instance.routes.ts',
    ])
      assert.ok(names.includes(expected), expected);
    assert.match(strFromU8(files['vigie/LICENSE'] ?? new Uint8Array()), /GNU AFFERO GENERAL PUBLIC LICENSE/);
    assert.ok(
      !names.some((n) => /(^|\/)(\.env(?!\.example$)|data\/|dist\/|node_modules\/)|\.(key|sqlite)$/.test(n)),
      names.join(' '),
    );

    const { agent } = await loginAs(ctx, ['board']);
    for (const page of [
      (await ctx.app.inject({ method: 'GET', url: '/' })).body,
      (await ctx.app.inject({ method: 'GET', url: '/nl/manifeste' })).body,
      (await agent.get('/demandes')).body,
    ])
      assert.match(page, /<a href="\/code-source">(Code source|Broncode|Source code)<\/a>/);
  });

  it('says the database answers on /healthz, and nothing else', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/healthz' });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { status: 'ok' });
  });
});

describe(`/healthz without a database (${testEngine()})`, () => {
  it('answers 503 when the database does not answer', async () => {
    const ctx = await createTestApp({ sourceUrl: 'https://forge.exemple.be/vigie' });
    try {
      const page = await ctx.app.inject({ method: 'GET', url: '/contact' });
      assert.match(page.body, /<a href="https:\/\/forge\.exemple\.be\/vigie">Code source<\/a>/, 'SOURCE_URL is used');
      await ctx.db.destroy();
      const res = await ctx.app.inject({ method: 'GET', url: '/healthz' });
      assert.equal(res.statusCode, 503);
      assert.deepEqual(res.json(), { status: 'indisponible' });
    } finally {
      await ctx.close(); // destroying the database twice is a no-op in Kysely
    }
  });
});
