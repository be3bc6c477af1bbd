/**
 * Every page of Vigie, visited in a phone-sized Chromium with the demo data,
 * scanned by axe-core (WCAG 2.1 A/AA): the back office as a member with both
 * roles, the public side anonymously in its three languages. The list comes
 * from the routes the app declares, so a new page is scanned as soon as it
 * exists (only downloads, APIs and pages needing a one-time token are left out).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { fillDemo } from '../../src/modules/demo/demo.service.js';
import { checkA11y, closePage, launchBrowser, logIn, newPhonePage, type Server, startServer } from './fixtures.js';

/** Not an HTML page for a person, or only meaningful with a token from an e-mail. */
const SKIPPED = [
  /^\/assets\//,
  /^\/favicon\.ico$/,
  /^\/healthz$/,
  // Downloads (spreadsheets, feeds, data): not pages; each is read back by its own test.
  /\.(csv|xlsx|pdf|docx|yaml|json|md|txt|xml|ics|atom)$/,
  // A zip of the running source code (AGPL §13), checked in src/modules/instance/instance.test.ts.
  /^\/code-source$/,
  /\/exemple\.csv$/,
  /^\/fichiers\//,
  /\/export(\/|$)/,
  /^\/(nl\/|en\/)?(manifeste|newsletter)\/(confirmer|desinscription)$/,
  /^\/newsletter\/(confirmer|desinscription)$/,
  /^\/reinitialiser$/,
  // The welcome page of an invitation needs the token of the mail (410 without it).
  /^\/bienvenue$/,
  /^\/installation$/,
  // The login's second step needs a password checked first (tests/e2e/second-factor.spec.ts scans it).
  /^\/connexion\/verification$/,
  /^\/bureau\/signatures\/par-mois$/,
];

describe('every page passes axe on a phone (demo data)', () => {
  let server: Server;
  let browser: Browser;
  const ids: Record<string, string> = {};

  before(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    await fillDemo(server.db, server.app.vault);
    const first = async (
      table: 'requests' | 'members' | 'content_items' | 'newsletter_issues' | 'manifesto_versions' | 'taxonomy_entries',
    ) => String((await server.db.selectFrom(table).select('id').orderBy('id').limit(1).executeTakeFirst())?.id ?? '');
    ids[':id'] = await first('requests');
    ids.member = await first('members');
    ids.content = await first('content_items');
    ids.issue = await first('newsletter_issues');
    ids.version = await first('manifesto_versions');
    ids.taxonomy = await first('taxonomy_entries');
    const slugs = await server.db
      .selectFrom('content_items')
      .select(['type', 'slug'])
      .where('status', '=', 'published')
      .where('locale', '=', 'fr')
      .execute();
    for (const s of slugs) ids[`slug:${s.type}`] ??= s.slug;
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Turns a declared route into a visitable path, or null when it cannot be filled in. */
  function concrete(url: string): string | null {
    if (SKIPPED.some((re) => re.test(url))) return null;
    if (!url.includes(':')) return url;
    const year = new Date().getFullYear();
    const known: Record<string, string | undefined> = {
      '/demandes/:id': `/demandes/${ids[':id']}`,
      '/demandes/:id/modifier': `/demandes/${ids[':id']}/modifier`,
      '/demandes/:id/cloture': `/demandes/${ids[':id']}/cloture`,
      '/admin/taxonomie/:id': `/admin/taxonomie/${ids.taxonomy}`,
      '/bureau/rapport/:span': `/bureau/rapport/${year - 2}-${year}`,
      '/bureau/rapport/:span/textes': `/bureau/rapport/${year - 1}-${year}/textes`,
      '/bureau/membres/:id': `/bureau/membres/${ids.member}`,
      '/bureau/contenu/:id': `/bureau/contenu/${ids.content}`,
      '/bureau/newsletter/envois/:id': ids.issue ? `/bureau/newsletter/envois/${ids.issue}` : undefined,
      '/manifeste/historique/:id': `/manifeste/historique/${ids.version}`,
      '/actualites/:slug': ids['slug:news'] ? `/actualites/${ids['slug:news']}` : undefined,
      '/ressources/:slug': ids['slug:resource'] ? `/ressources/${ids['slug:resource']}` : undefined,
      '/temoignages/:slug': ids['slug:testimony'] ? `/temoignages/${ids['slug:testimony']}` : undefined,
      '/agenda/:slug': ids['slug:event'] ? `/agenda/${ids['slug:event']}` : undefined,
      '/pages/:slug': ids['slug:page'] ? `/pages/${ids['slug:page']}` : undefined,
    };
    return known[url] ?? null;
  }

  async function sweep(page: Page, paths: string[]): Promise<string[]> {
    const failures: string[] = [];
    for (const path of paths) {
      const response = await page.goto(path);
      const status = response?.status() ?? 0;
      if (status !== 200) {
        failures.push(`${path}: HTTP ${status}`);
        continue;
      }
      try {
        await checkA11y(page);
      } catch (error) {
        failures.push(`${path}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return failures;
  }

  function routes(filter: (access: string) => boolean): string[] {
    const paths = server.app.routeAccess
      .filter((r) => r.method === 'GET' && filter(r.access))
      .map((r) => concrete(r.url));
    return [...new Set(paths.filter((p): p is string => p !== null))];
  }

  test('the back office, for a member with both roles', { timeout: 180_000 }, async () => {
    const account = await server.newAccount(['admin', 'board'], 'Alex Balayage');
    const page = await newPhonePage(browser, server);
    await logIn(page, account);
    const paths = [
      ...routes((a) => a === 'board' || a === 'admin' || a === 'authenticated'),
      '/guide/parcours?r=Q_BOUND:Oui',
    ];
    assert.ok(paths.length > 30, `${paths.length} back-office pages`);
    const failures = await sweep(page, paths);
    assert.deepEqual(failures, [], failures.join('\n\n'));
    await closePage(page);
  });

  test('the public side, anonymously, in French, Dutch and English', { timeout: 180_000 }, async () => {
    const page = await newPhonePage(browser, server);
    const paths = routes((a) => a === 'public');
    assert.ok(
      paths.some((p) => p.startsWith('/nl')) && paths.some((p) => p.startsWith('/en')),
      'the three languages are swept',
    );
    const failures = await sweep(page, paths);
    assert.deepEqual(failures, [], failures.join('\n\n'));
    await closePage(page);
  });
});
