import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { intakeForm, loginAs } from '../../../tests/factories/index.js';
import type { Agent } from '../../../tests/setup/agent.js';
import { createTestApp, type TestContext } from '../../../tests/setup/app.js';
import type { CurrentUser } from '../../web/access.js';

/** The requester's identity: encrypted, out of every list, search, agenda, audit page and log. */
const NAME = 'Bérénice Vandermolen';
const EMAIL = 'berenice.vandermolen@exemple.be';
const PHONE = '0478 55 66 77';
const ORGANISATION = 'Asbl Les Colibris';

describe(`privacy of requester identities (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let ctx: TestContext;
  let board: { agent: Agent; user: CurrentUser };
  let admin: { agent: Agent; user: CurrentUser };
  let id: number;
  let otherId: number;

  before(async () => {
    ctx = await createTestApp();
    board = await loginAs(ctx, ['board']);
    admin = await loginAs(ctx, ['admin']);
    const identity = {
      identityName: NAME,
      identityEmail: EMAIL,
      identityPhone: PHONE,
      identityOrganisation: ORGANISATION,
    };
    const first = await board.agent.post(
      '/demandes',
      await intakeForm(ctx.db, { subject: 'Un SAJ réclame un rapport complet', toDiscuss: 'oui', ...identity }),
    );
    assert.equal(first.statusCode, 303);
    id = Number(String(first.headers.location).split('/').pop());
    const second = await board.agent.post(
      '/demandes',
      await intakeForm(ctx.db, { subject: 'Une école veut le dossier PMS', identityName: 'Autre Personne' }),
    );
    otherId = Number(String(second.headers.location).split('/').pop());
    await board.agent.post(`/demandes/${id}/etapes`, {
      type: 'call',
      occurredOn: '2026-11-20',
      body: 'Rappel fait, réponse donnée.',
    });
  });
  after(async () => ctx.close());

  function leaks(html: string): string[] {
    return [NAME, 'Vandermolen', EMAIL, PHONE, ORGANISATION].filter((s) =>
      html.toLowerCase().includes(s.toLowerCase()),
    );
  }

  it('keeps the identity out of lists, searches, the agenda and the detail page', async () => {
    const urls = [
      '/demandes',
      '/demandes?statut=to_discuss',
      '/bureau/a-discuter',
      `/demandes/${id}`,
      `/demandes/${id}/modifier`,
      `/demandes/${id}/cloture`,
    ];
    for (const term of ['Vandermolen', 'berenice', EMAIL, 'Colibris', '0478'])
      urls.push(`/demandes?q=${encodeURIComponent(term)}`);
    for (const url of urls) {
      const page = await board.agent.get(url);
      assert.equal(page.statusCode, 200, url);
      // The search box shows back what the person typed; nothing else may.
      const body = page.body.replace(/<input id="q" name="q" type="search" value="[^"]*"/, '');
      assert.deepEqual(leaks(body), [], `identity shown on ${url}`);
    }
    for (const term of ['Vandermolen', 'berenice', 'colibris']) {
      const search = await board.agent.get(`/demandes?q=${term}`);
      assert.match(search.body, /<strong>0<\/strong>/, `a search for ${term} must find nothing`);
    }
    const agenda = await board.agent.get('/bureau/a-discuter');
    assert.match(agenda.body, /Un SAJ réclame un rapport complet/, 'the agenda does show the request itself');
  });

  it('keeps the identity out of the audit pages and the logs', async () => {
    await board.agent.post(`/demandes/${id}/identite`, {});
    for (const url of [
      '/admin/journal',
      `/admin/journal?demande=${id}`,
      '/admin/journal?action=request.identity.reveal',
    ]) {
      const page = await admin.agent.get(url);
      assert.equal(page.statusCode, 200, url);
      assert.deepEqual(leaks(page.body), [], `identity shown on ${url}`);
    }
    const audit = await ctx.db.selectFrom('audit_events').select(['summary', 'entity_id']).execute();
    assert.deepEqual(leaks(JSON.stringify(audit)), []);
    assert.ok(ctx.logs.length > 0, 'the app did log requests');
    assert.deepEqual(leaks(ctx.logs.join('\n')), [], 'identity in the logs');
    assert.ok(!ctx.logs.join('\n').includes('Vandermolen'));
  });

  it('stores only ciphertext, bound to its own request', async () => {
    const row = await ctx.db
      .selectFrom('requester_identities')
      .selectAll()
      .where('request_id', '=', id)
      .executeTakeFirstOrThrow();
    assert.match(row.ciphertext, /^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    assert.deepEqual(leaks(row.ciphertext), []);
    assert.deepEqual(
      leaks(Buffer.from(row.ciphertext.split('.')[2] ?? '', 'base64url').toString('latin1')),
      [],
      'not merely encoded',
    );
    assert.equal(row.key_id, ctx.app.vault.keyId);
    const request = await ctx.db
      .selectFrom('requests')
      .select(['subject', 'notes', 'search_text'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(leaks(JSON.stringify(request)), []);

    // Copied onto another request's row, the ciphertext does not open (AAD = owning request).
    assert.throws(() => ctx.app.vault.decrypt(row.ciphertext, `request:${otherId}`));
    assert.match(ctx.app.vault.decrypt(row.ciphertext, `request:${id}`), /Vandermolen/);
    await ctx.db
      .updateTable('requester_identities')
      .set({ ciphertext: row.ciphertext })
      .where('request_id', '=', otherId)
      .execute();
    const swapped = await board.agent.post(`/demandes/${otherId}/identite`, {});
    assert.notEqual(swapped.statusCode, 200);
    assert.deepEqual(leaks(swapped.body), [], 'a moved ciphertext reveals nothing');
  });

  it('records every reveal with its actor, and shows it once revealed', async () => {
    const before = await ctx.db
      .selectFrom('audit_events')
      .select('id')
      .where('action', '=', 'request.identity.reveal')
      .where('entity_id', '=', String(id))
      .execute();
    const shown = await board.agent.post(`/demandes/${id}/identite`, {});
    assert.equal(shown.statusCode, 200);
    for (const value of [NAME, EMAIL, PHONE, ORGANISATION]) assert.ok(shown.body.includes(value), value);
    assert.equal(shown.headers['cache-control'], 'no-store');
    const reveals = await ctx.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'request.identity.reveal')
      .where('entity_id', '=', String(id))
      .orderBy('id')
      .execute();
    assert.equal(reveals.length, before.length + 1);
    assert.equal(reveals.at(-1)?.actor_id, board.user.id);
    const page = await admin.agent.get(`/admin/journal?action=request.identity.reveal&demande=${id}`);
    assert.match(page.body, new RegExp(`${board.user.displayName}[\\s\\S]*?a affiché l’identité du demandeur`));
  });

  it('filters the audit trail by action, person and request number', async () => {
    const total = async (url: string) =>
      Number(/<p role="status">(\d+) entrée/.exec((await admin.agent.get(url)).body)?.[1]);
    const count = async (where: { action?: string; actor?: number; entity?: string }) => {
      let q = ctx.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n'));
      if (where.action) q = q.where('action', '=', where.action);
      if (where.actor) q = q.where('actor_id', '=', where.actor);
      if (where.entity) q = q.where('entity_type', '=', 'request').where('entity_id', '=', where.entity);
      return Number((await q.executeTakeFirstOrThrow()).n);
    };
    const byAction = await total('/admin/journal?action=request.create');
    assert.equal(byAction, 2);
    assert.equal(byAction, await count({ action: 'request.create' }));
    const byPerson = await total(`/admin/journal?personne=${admin.user.id}`);
    assert.equal(byPerson, await count({ actor: admin.user.id }));
    assert.ok(byPerson >= 1 && byPerson < (await count({})), 'the person filter narrows the list');
    const byRequest = await total(`/admin/journal?demande=${id}`);
    assert.equal(byRequest, await count({ entity: String(id) }));
    assert.ok(byRequest >= 3, 'create, step and reveals of that request');
    const combined = await total(`/admin/journal?action=request.event&personne=${board.user.id}&demande=${id}`);
    assert.equal(combined, 1);
    const page = await admin.agent.get(`/admin/journal?demande=${otherId}`);
    assert.ok(!page.body.includes(`href="/demandes/${id}"`), 'other requests are filtered out');
  });
});
