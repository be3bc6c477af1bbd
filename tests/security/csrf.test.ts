import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createRequest } from '../../src/modules/requests/requests.service.js';
import { buildRequestInput, buildUser, intakeForm, kindId, loginAs, PASSWORD } from '../factories/index.js';
import { Agent } from '../setup/agent.js';
import { createTestApp, type TestContext } from '../setup/app.js';

/**
 * Every state-changing route refuses a form that does not carry this
 * browser's CSRF token, and writes nothing. The bodies are valid ones (they
 * do write when the token is right), so a missing check would show.
 */
const TABLES = [
  'users',
  'sessions',
  'password_resets',
  'taxonomy_entries',
  'taxonomy_labels',
  'requests',
  'request_themes',
  'request_assignees',
  'requester_identities',
  'request_events',
  'audit_events',
  'mail_outbox',
] as const;
const EXPIRED = 'Ce formulaire a expiré ou ne vient pas de Vigie.';

describe(`CSRF protection (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let ctx: TestContext;
  let agent: Agent;
  let ids: { request: number; user: number; entry: number };
  let bodies: Record<string, Record<string, string | string[]>>;

  before(async () => {
    ctx = await createTestApp();
    const login = await loginAs(ctx, ['admin', 'board']);
    agent = login.agent;
    const other = await buildUser(ctx.db, ['board']);
    const { id } = await createRequest(
      ctx.db,
      ctx.app.vault,
      await buildRequestInput(ctx.db, { identityName: 'Personne Test' }),
      login.user,
    );
    ids = { request: id, user: other.id, entry: await kindId(ctx.db) };
    const intake = await intakeForm(ctx.db, { subject: 'Un CPAS peut-il transmettre un rapport social ?' });
    bodies = {
      '/connexion': { email: login.user.email, password: PASSWORD },
      '/deconnexion': {},
      '/mot-de-passe-oublie': { email: login.user.email },
      '/demandes': intake,
      '/demandes/:id': { ...intake, status: 'in_progress', subject: 'Objet modifié sans jeton' },
      '/demandes/:id/statut': { status: 'to_discuss' },
      '/demandes/:id/etapes': { type: 'note', occurredOn: '2026-11-20', body: 'Étape ajoutée sans jeton' },
      '/demandes/:id/cloture': {
        outcome: 'answered',
        outcomeReasonId: '',
        outcomeDetail: '',
        eventOn: '',
        plannedYear: '',
        note: '',
      },
      '/demandes/:id/identite': {},
      '/demandes/:id/identite/modifier': {
        identityName: '',
        identityOrganisation: '',
        identityEmail: '',
        identityPhone: '',
      },
      '/admin/utilisateurs': { displayName: 'Nouvelle personne', email: 'nouvelle@test.invalid', roles: 'board' },
      '/admin/utilisateurs/:id': { roles: 'admin', active: 'oui' },
      '/admin/taxonomie': { type: 'kind', label: 'Webinaire', code: 'webinar', parentId: '', countsInTotal: 'oui' },
      '/admin/taxonomie/import': { yaml: 'kinds:\n  - { code: podcast, label: "Podcast" }\n' },
      '/admin/taxonomie/:id/libelle': { label: 'Avis renommé', fromYear: '2026', countsInTotal: 'oui' },
      '/admin/taxonomie/:id/annees': { inUseFrom: '', inUseUntil: '2020' },
    };
  });
  after(async () => ctx.close());

  function concrete(url: string): string {
    return url.replace(/:(\w+)/g, () =>
      String(
        url.startsWith('/admin/utilisateurs/')
          ? ids.user
          : url.startsWith('/admin/taxonomie/')
            ? ids.entry
            : ids.request,
      ),
    );
  }

  async function snapshot(): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const table of TABLES) {
      const row = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(ctx.db);
      counts[table] = Number(row.rows[0]?.n);
    }
    const request = await ctx.db
      .selectFrom('requests')
      .select(['subject', 'status', 'updated_at'])
      .where('id', '=', ids.request)
      .executeTakeFirstOrThrow();
    const user = await ctx.db
      .selectFrom('users')
      .select(['role', 'active'])
      .where('id', '=', ids.user)
      .executeTakeFirstOrThrow();
    const labels = await ctx.db
      .selectFrom('taxonomy_labels')
      .select(['label'])
      .where('entry_id', '=', ids.entry)
      .execute();
    const entry = await ctx.db
      .selectFrom('taxonomy_entries')
      .select(['in_use_until'])
      .where('id', '=', ids.entry)
      .executeTakeFirstOrThrow();
    return {
      ...counts,
      [`request:${JSON.stringify(request)}`]: 1,
      [`user:${JSON.stringify(user)}`]: 1,
      [`labels:${JSON.stringify(labels)}`]: 1,
      [`entry:${JSON.stringify(entry)}`]: 1,
    };
  }

  // JSON API routes (config.api) live under /api/ and change nothing; any other
  // POST must carry the token, so a form route wrongly flagged `api` fails here.
  // Reviewed exemption: the RFC 8058 one-click unsubscribe is POSTed by mail clients
  // with no cookie and no token (docs/public-site.md); the unguessable token in its
  // URL is the credential, and it can only unsubscribe that one address.
  const CSRF_EXEMPT = new Set([
    ...['', '/nl', '/en'].flatMap((prefix) => [
      `${prefix}/newsletter/desinscription`,
      `${prefix}/plenieres/desinscription`,
    ]),
  ]);
  function statePosts() {
    return ctx.app.routeAccess.filter(
      (r) => r.method === 'POST' && !r.url.startsWith('/api/') && !CSRF_EXEMPT.has(r.url),
    );
  }

  it('rejects every state-changing route without a token, with a French 403, and writes nothing', async () => {
    const posts = statePosts();
    assert.ok(posts.length >= 15, 'the route table looks empty');
    const before = await snapshot();
    for (const route of posts) {
      const res = await agent.post(concrete(route.url), bodies[route.url] ?? {}, { csrf: false });
      assert.equal(res.statusCode, 403, `${route.url} without a token → ${res.statusCode}`);
      assert.ok(res.body.includes(EXPIRED), route.url);
    }
    assert.deepEqual(await snapshot(), before);
  });

  it('rejects a forged or emptied token the same way', async () => {
    const before = await snapshot();
    for (const route of statePosts()) {
      for (const token of ['', 'forged-token', `${agent.csrf}x`]) {
        const res = await agent.post(concrete(route.url), { ...(bodies[route.url] ?? {}), _csrf: token });
        assert.equal(res.statusCode, 403, `${route.url} with token "${token.slice(0, 12)}" → ${res.statusCode}`);
      }
    }
    assert.deepEqual(await snapshot(), before);
  });

  it("rejects a token taken from another browser's page", async () => {
    const attacker = new Agent(ctx.app);
    await attacker.get('/connexion');
    assert.ok(attacker.csrf && attacker.csrf !== agent.csrf);
    const before = await snapshot();
    for (const route of statePosts()) {
      const res = await agent.post(concrete(route.url), { ...(bodies[route.url] ?? {}), _csrf: attacker.csrf });
      assert.equal(res.statusCode, 403, `${route.url} with a foreign token → ${res.statusCode}`);
    }
    // And the other way round: the victim's token in a browser without the victim's cookie.
    const res = await attacker.post('/mot-de-passe-oublie', { email: 'x@test.invalid', _csrf: agent.csrf });
    assert.equal(res.statusCode, 403);
    assert.deepEqual(await snapshot(), before);
  });

  it('accepts the same forms with the right token (so the bodies above really write)', async () => {
    const created = await agent.post('/demandes', bodies['/demandes'] ?? {});
    assert.equal(created.statusCode, 303);
    const status = await agent.post(concrete('/demandes/:id/statut'), bodies['/demandes/:id/statut'] ?? {});
    assert.equal(status.statusCode, 303);
    const entry = await agent.post('/admin/taxonomie', bodies['/admin/taxonomie'] ?? {});
    assert.equal(entry.statusCode, 303);
    const row = await ctx.db
      .selectFrom('requests')
      .select('status')
      .where('id', '=', ids.request)
      .executeTakeFirstOrThrow();
    assert.equal(row.status, 'to_discuss');
  });
});
