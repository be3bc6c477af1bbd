import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { hashToken } from '../../src/lib/tokens.js';
import type { Access, Role } from '../../src/web/access.js';
import type { Agent } from '../setup/agent.js';
import type { TestContext } from '../setup/app.js';
import { walkRoutes, type RouteWalk } from '../support/routes.js';

/**
 * The authorisation matrix: every registered route (read from app.routeAccess,
 * so a new route is covered the day it is added) against every kind of visitor.
 */
type Visitor = 'anonymous' | 'board' | 'admin' | 'admin+board';
const VISITOR_ROLES: Record<Exclude<Visitor, 'anonymous'>, Role[]> = {
  board: ['board'],
  admin: ['admin'],
  'admin+board': ['admin', 'board'],
};

// A loosened declaration on a key route must be caught here, not in production.
const KEY_ROUTES: Record<string, Access> = {
  'GET /demandes': 'board',
  'GET /permanence': 'board',
  'POST /demandes': 'board',
  'GET /demandes/:id': 'board',
  'POST /demandes/:id/identite': 'board',
  'POST /demandes/:id/identite/modifier': 'board',
  'GET /bureau/a-discuter': 'board',
  'GET /admin/journal': 'admin',
  'GET /admin/utilisateurs': 'admin',
  'POST /admin/utilisateurs': 'admin',
  'POST /admin/utilisateurs/:id': 'admin',
  'POST /admin/utilisateurs/:id/invitation': 'admin',
  'GET /admin/organisation': 'admin',
  'POST /admin/organisation': 'admin',
  'POST /admin/organisation/vie-privee': 'admin',
  'GET /admin/taxonomie': 'admin',
  'POST /admin/taxonomie/import': 'admin',
  'GET /admin/courriels': 'admin',
  'POST /deconnexion': 'authenticated',
  'GET /bureau/contenu': 'board',
  'POST /bureau/contenu/:id/publier': 'board',
  'POST /bureau/contenu/:id/pieces-jointes': 'board',
  'GET /bureau/membres': 'board',
  'POST /bureau/membres/import': 'board',
  'GET /bureau/statistiques': 'board',
  'GET /bureau/signatures': 'board',
  'GET /bureau/signatures.csv': 'board',
  'POST /bureau/signatures/:id/moderer': 'board',
  'POST /bureau/signatures/lot': 'board',
  'POST /bureau/manifeste': 'board',
  'GET /bureau/newsletter': 'board',
  'POST /bureau/newsletter/rediger': 'board',
};

// Anyone may reach these. Adding a public route is a security decision:
// add it here on purpose.
const PUBLIC_ROUTES = new Set([
  'GET /assets/:hash/:name',
  'GET /healthz',
  'GET /robots.txt',
  'GET /sitemap.xml',
  'GET /.well-known/security.txt',
  'GET /code-source',
  'GET /favicon.ico',
  // Feeds: published news and public events only (src/modules/site, src/modules/calendars).
  'GET /actualites.atom',
  'GET /nl/actualites.atom',
  'GET /en/actualites.atom',
  'GET /agenda.ics',
  // A board member's own calendar: answers only to a revocable token, stored hashed, never logged.
  'GET /calendrier.ics',
  'GET /',
  'GET /connexion',
  'POST /connexion',
  'GET /mot-de-passe-oublie',
  'POST /mot-de-passe-oublie',
  'GET /reinitialiser',
  'POST /reinitialiser',
  'GET /bienvenue',
  'POST /bienvenue',
  'GET /installation',
  'POST /installation',
  // The login's second step: open to the browser holding a login challenge (cookie), checked in the handler.
  'GET /connexion/verification',
  'POST /connexion/verification',
  'POST /connexion/verification/cle/options',
  'POST /connexion/verification/cle',
  // The guide « Puis-je parler ? » is for every social worker, not only the board.
  'GET /guide',
  'GET /guide/parcours',
  'POST /api/guide/evaluate',
  // The Manifesto and the newsletter, in French, Dutch and English: reading, signing,
  // subscribing, and the confirmation / unsubscribe links of their e-mails.
  // POST /newsletter/desinscription is also `api: true` (RFC 8058 one-click, no CSRF).
  ...['', '/nl', '/en'].flatMap((prefix) => [
    `GET ${prefix}/manifeste`,
    `GET ${prefix}/manifeste/historique`,
    `GET ${prefix}/manifeste/historique/:id`,
    `GET ${prefix}/manifeste/signataires`,
    `GET ${prefix}/manifeste/signer`,
    `POST ${prefix}/manifeste/signer`,
    `GET ${prefix}/manifeste/confirmer`,
    `POST ${prefix}/manifeste/confirmer`,
    `GET ${prefix}/newsletter`,
    `POST ${prefix}/newsletter`,
    `GET ${prefix}/newsletter/confirmer`,
    `POST ${prefix}/newsletter/confirmer`,
    `GET ${prefix}/newsletter/desinscription`,
    `POST ${prefix}/newsletter/desinscription`,
  ]),
  // The public site (site, members, home modules), in French, Dutch and English: home,
  // published content (drafts answer 404), contact, privacy notice, the organisations
  // that agreed to be listed. Read-only: no public form.
  'GET /nl',
  'GET /en',
  ...['', '/nl', '/en'].flatMap((prefix) => [
    ...['/actualites', '/ressources', '/temoignages', '/agenda'].flatMap((section) => [
      `GET ${prefix}${section}`,
      `GET ${prefix}${section}/:slug`,
    ]),
    `GET ${prefix}/pages/:slug`,
    `GET ${prefix}/contact`,
    `GET ${prefix}/vie-privee`,
    `GET ${prefix}/membres`,
  ]),
  // Attachments of published content (those of drafts: board only, checked in the handler).
  'GET /fichiers/:id/:name',
  // The unsubscribe link of the plenary's convocations, in French, Dutch and English: the token is
  // the credential. Its POST is also `api: true` (RFC 8058 one-click, no CSRF).
  ...['', '/nl', '/en'].flatMap((prefix) => [
    `GET ${prefix}/plenieres/desinscription`,
    `POST ${prefix}/plenieres/desinscription`,
  ]),
]);

const DENIED_ANONYMOUS = 'Connectez-vous pour continuer.';
const DENIED_ROLE = 'Votre compte n’a pas accès à cette page.';

function allowed(access: Access, visitor: Visitor): boolean {
  if (access === 'public') return true;
  if (visitor === 'anonymous') return false;
  if (access === 'authenticated') return true;
  return VISITOR_ROLES[visitor].includes(access);
}

describe(`authorisation matrix (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let walk: RouteWalk;
  let ctx: TestContext;
  before(async () => {
    walk = await walkRoutes();
    ctx = walk.ctx;
  });
  after(async () => ctx.close());

  /** A browser with a fresh session for these roles (no password hashing: the matrix is about access). */
  function browser(visitor: Visitor): Promise<Agent> {
    return walk.browser(visitor === 'anonymous' ? null : VISITOR_ROLES[visitor], { csrf: true });
  }

  function call(agent: Agent, method: string, url: string): Promise<LightMyRequestResponse> {
    return method === 'GET' ? agent.get(url) : agent.post(url, {});
  }

  it('declares the expected access on key routes', () => {
    const declared = new Map(ctx.app.routeAccess.map((r) => [`${r.method} ${r.url}`, r.access]));
    for (const [route, access] of Object.entries(KEY_ROUTES))
      assert.equal(declared.get(route), access, `${route} should be '${access}'`);
  });

  it('keeps the set of public routes to the reviewed list', () => {
    const publicRoutes = ctx.app.routeAccess.filter((r) => r.access === 'public').map((r) => `${r.method} ${r.url}`);
    assert.deepEqual(
      publicRoutes.filter((r) => !PUBLIC_ROUTES.has(r)),
      [],
      'a new public route must be reviewed and listed here',
    );
    for (const r of ctx.app.routeAccess)
      assert.ok(
        ['public', 'authenticated', 'board', 'admin'].includes(r.access),
        `${r.method} ${r.url}: unknown access ${r.access}`,
      );
  });

  for (const visitor of ['anonymous', 'board', 'admin', 'admin+board'] as const) {
    it(`answers every route correctly for ${visitor === 'anonymous' ? 'an anonymous visitor' : `a ${visitor} user`}`, async () => {
      assert.ok(ctx.app.routeAccess.length > 30, 'the route table looks empty');
      for (const route of ctx.app.routeAccess) {
        const url = walk.concrete(route.url);
        const agent = await browser(visitor);
        const res = await call(agent, route.method, url);
        const label = `${visitor} ${route.method} ${route.url} (${route.access}) → ${res.statusCode}`;
        if (allowed(route.access, visitor)) {
          if (route.access === 'public') {
            // Public pages have their own 401/403 (wrong password, invalid setup link): only the access check's answers count.
            assert.ok(!res.body.includes(DENIED_ANONYMOUS) && !res.body.includes(DENIED_ROLE), label);
            assert.ok(!String(res.headers.location ?? '').startsWith('/connexion?retour='), label);
          } else {
            assert.ok(res.statusCode !== 401 && res.statusCode !== 403, label);
            assert.ok(res.statusCode < 500, label);
          }
        } else if (visitor === 'anonymous') {
          if (route.method === 'GET') {
            assert.equal(res.statusCode, 303, label);
            assert.equal(res.headers.location, `/connexion?retour=${encodeURIComponent(url)}`, label);
          } else {
            assert.equal(res.statusCode, 401, label);
            assert.ok(res.body.includes(DENIED_ANONYMOUS), label);
          }
        } else {
          assert.equal(res.statusCode, 403, label);
          assert.ok(res.body.includes(DENIED_ROLE), label);
        }
      }
    });
  }

  it('never shows a request to an admin who is not on the board, even through a query string', async () => {
    const agent = await browser('admin');
    for (const url of [
      `/demandes/${walk.ids.request}?x=1`,
      '/demandes?q=cpas',
      `/demandes/${walk.ids.request}/modifier`,
    ]) {
      const res = await agent.get(url);
      assert.equal(res.statusCode, 403, url);
      assert.ok(!res.body.includes('Une équipe de CPAS'), url);
    }
  });

  it('refuses a deactivated account whose session is still open', async () => {
    const agent = await browser('board');
    assert.equal((await agent.get('/demandes')).statusCode, 200);
    // This browser's own session (the newest by time could be another one made in the same millisecond).
    const session = await ctx.db
      .selectFrom('sessions')
      .select('user_id')
      .where('id', '=', hashToken(agent.cookies.get('vigie_session') ?? ''))
      .executeTakeFirstOrThrow();
    await ctx.db.updateTable('users').set({ active: 0 }).where('id', '=', session.user_id).execute();
    const res = await agent.get('/demandes');
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/connexion?retour=%2Fdemandes');
  });
});
