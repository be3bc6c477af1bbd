import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestContext } from '../../../tests/setup/app.js';
import { buildRequestInput, intakeForm, loginAs, themeId } from '../../../tests/factories/index.js';
import { createRequest } from './requests.service.js';

describe(`register of requests (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await createTestApp();
  });
  after(async () => ctx.close());

  it('logs a helpline call from the intake form and shows it in the list', async () => {
    const { agent } = await loginAs(ctx);
    const form = await agent.get('/permanence');
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /name="channel"[\s\S]*value="helpline" selected/);
    const res = await agent.post(
      '/demandes',
      await intakeForm(ctx.db, { subject: 'Une AS de PMS doit-elle répondre au SAJ ?' }),
    );
    assert.equal(res.statusCode, 303);
    const detail = await agent.get(res.headers.location as string);
    assert.match(detail.body, /Une AS de PMS doit-elle répondre au SAJ\u202f\?/);
    const list = await agent.get('/demandes');
    // A no-break space keeps « ? » with its word (French typography).
    assert.match(list.body, /Une AS de PMS doit-elle répondre au SAJ\u202f\?/);
  });

  it('searches subjects and notes without caring about accents or case', async () => {
    const { agent, user } = await loginAs(ctx);
    await createRequest(
      ctx.db,
      ctx.app.vault,
      await buildRequestInput(ctx.db, {
        subject: 'Question sur la réquisition du procureur',
        notes: 'Le Forem insiste lourdement.',
      }),
      user,
    );
    const bySubject = await agent.get('/demandes?q=REQUISITION');
    assert.match(bySubject.body, /Question sur la réquisition du procureur/);
    const byNotes = await agent.get('/demandes?q=forem+lourdement');
    assert.match(byNotes.body, /Question sur la réquisition du procureur/);
    const none = await agent.get('/demandes?q=inexistantissime');
    assert.match(none.body, /<strong>0<\/strong>/);
  });

  it('keeps identities out of lists, search results and logs, and audits each reveal', async () => {
    const { agent, user } = await loginAs(ctx);
    const name = 'Gwendoline Tartempion';
    const email = 'gwendoline.tartempion@exemple.be';
    const res = await agent.post(
      '/demandes',
      await intakeForm(ctx.db, {
        subject: 'Secret partagé en maison d’accueil',
        identityName: name,
        identityEmail: email,
        identityOrganisation: 'Maison Zéphyr',
      }),
    );
    assert.equal(res.statusCode, 303);
    const id = Number(String(res.headers.location).split('/').pop());
    for (const url of [
      '/demandes',
      '/demandes?q=gwendoline',
      '/demandes?q=tartempion',
      `/demandes/${id}`,
      '/bureau/a-discuter',
    ]) {
      const page = await agent.get(url);
      assert.ok(!page.body.includes(name) && !page.body.includes(email), `identity leaked in ${url}`);
    }
    const search = await agent.get('/demandes?q=tartempion');
    assert.match(search.body, /<strong>0<\/strong>/);
    const stored = await ctx.db
      .selectFrom('requester_identities')
      .select('ciphertext')
      .where('request_id', '=', id)
      .executeTakeFirstOrThrow();
    assert.ok(!stored.ciphertext.includes('Gwendoline') && !stored.ciphertext.includes('exemple.be'));
    const row = await ctx.db
      .selectFrom('requests')
      .select(['search_text', 'notes', 'subject'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.ok(!row.search_text.includes('gwendoline'));

    const revealed = await agent.post(`/demandes/${id}/identite`, {});
    assert.equal(revealed.statusCode, 200);
    assert.ok(revealed.body.includes(name) && revealed.body.includes(email));
    assert.equal(revealed.headers['cache-control'], 'no-store');
    const audit = await ctx.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'request.identity.reveal')
      .where('entity_id', '=', String(id))
      .execute();
    assert.equal(audit.length, 1);
    assert.equal(audit[0]?.actor_id, user.id);
    const logs = ctx.logs.join('\n');
    assert.ok(
      !logs.includes('Gwendoline') && !logs.includes('Tartempion') && !logs.includes(email),
      'identity leaked in logs',
    );
  });

  it('filters by theme including sub-themes, and by "assigned to me"', async () => {
    const { agent, user } = await loginAs(ctx);
    const police = await themeId(ctx.db, 'secrecy-police');
    await createRequest(
      ctx.db,
      ctx.app.vault,
      await buildRequestInput(ctx.db, {
        subject: 'Convocation par un juge d’instruction',
        themeIds: [police],
        assigneeIds: [user.id],
      }),
      user,
    );
    const parent = await themeId(ctx.db, 'secrecy');
    const byParent = await agent.get(`/demandes?theme=${parent}`);
    assert.match(byParent.body, /Convocation par un juge/);
    const mine = await agent.get('/demandes?moi=1');
    assert.match(mine.body, /Convocation par un juge/);
    assert.match(mine.body, /<strong>1<\/strong>/);
  });

  it('flags a request to discuss, records a decision and closes it with an outcome', async () => {
    const { agent, user } = await loginAs(ctx);
    const { id } = await createRequest(
      ctx.db,
      ctx.app.vault,
      await buildRequestInput(ctx.db, { subject: 'Une direction veut lire les PV de supervision' }),
      user,
    );
    assert.equal((await agent.post(`/demandes/${id}/statut`, { status: 'to_discuss' })).statusCode, 303);
    const agenda = await agent.get('/bureau/a-discuter');
    assert.match(agenda.body, /Une direction veut lire les PV de supervision/);
    const step = await agent.post(`/demandes/${id}/etapes`, {
      type: 'decision',
      occurredOn: '2026-11-19',
      body: 'Le bureau propose une rencontre.',
    });
    assert.equal(step.statusCode, 303);
    const close = await agent.post(`/demandes/${id}/cloture`, {
      outcome: 'answered',
      outcomeReasonId: '',
      outcomeDetail: '',
      eventOn: '',
      plannedYear: '',
      note: '',
    });
    assert.equal(close.statusCode, 303);
    const row = await ctx.db
      .selectFrom('requests')
      .select(['status', 'outcome', 'closed_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.deepEqual([row.status, row.outcome], ['closed', 'answered']);
    assert.ok(row.closed_at);
    const detail = await agent.get(`/demandes/${id}`);
    assert.match(detail.body, /Le bureau propose une rencontre\./);
    assert.match(detail.body, /Réponse donnée/);
    const actions = (
      await ctx.db
        .selectFrom('audit_events')
        .select('action')
        .where('entity_type', '=', 'request')
        .where('entity_id', '=', String(id))
        .orderBy('id')
        .execute()
    ).map((a) => a.action);
    assert.deepEqual(actions, ['request.create', 'request.status', 'request.event', 'request.close']);
  });
});
