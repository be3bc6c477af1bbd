import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { nowIso } from '../../src/lib/time.js';
import { createRequest } from '../../src/modules/requests/requests.service.js';
import { purgeSentMailBodies, queueMail, SENT_BODY_DAYS } from '../../src/modules/mail/mail.service.js';
import { buildRequestInput, buildUser, loginAs } from '../factories/index.js';
import { createTestApp, type TestContext } from '../setup/app.js';

const engine = process.env.TEST_DB ?? 'sqlite';

describe(`nobody changes their own roles; the board sees role changes and identity reveals (${engine})`, () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await createTestApp();
  });
  after(async () => ctx.close());

  it('an admin-only account cannot give itself the board role, and still cannot read the register', async () => {
    const { agent, user } = await loginAs(ctx, ['admin']);
    await agent.get('/admin/utilisateurs');
    const res = await agent.post(`/admin/utilisateurs/${user.id}`, { roles: ['admin', 'board'], active: 'oui' });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /Vous ne pouvez pas changer vos propres rôles/);
    const row = await ctx.db.selectFrom('users').select('role').where('id', '=', user.id).executeTakeFirstOrThrow();
    assert.equal(row.role, 'admin');
    assert.equal((await agent.get('/demandes')).statusCode, 403);
  });

  it('the account page offers no role form for one’s own account', async () => {
    const { agent, user } = await loginAs(ctx, ['admin']);
    const page = await agent.get('/admin/utilisateurs');
    assert.ok(!page.body.includes(`action="/admin/utilisateurs/${user.id}"`));
    assert.match(page.body, /une autre personne de l’administration peut changer vos rôles/);
  });

  it('another admin’s role change and a reveal appear on the board’s page, not to anonymous visitors', async () => {
    const admin = await loginAs(ctx, ['admin']);
    const target = await buildUser(ctx.db, ['admin'], { displayName: 'Compte Cible' });
    await admin.agent.get('/admin/utilisateurs');
    const changed = await admin.agent.post(`/admin/utilisateurs/${target.id}`, {
      roles: ['admin', 'board'],
      active: 'oui',
    });
    assert.equal(changed.statusCode, 303);

    const revealer = await loginAs(ctx, ['board']);
    const input = await buildRequestInput(ctx.db, { identityName: 'Personne Secrète' });
    const { id } = await createRequest(ctx.db, ctx.app.vault, input, revealer.user);
    await revealer.agent.get(`/demandes/${id}`);
    assert.equal((await revealer.agent.post(`/demandes/${id}/identite`, {})).statusCode, 200);

    const { agent: board } = await loginAs(ctx, ['board']);
    const page = await board.get('/bureau/acces');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /a changé les rôles d’un compte/);
    assert.match(page.body, /rôles\u00a0: administration → administration \+ bureau/);
    assert.match(page.body, new RegExp(`<span>Compte n° ${target.id}</span>`));
    assert.match(page.body, /a affiché l’identité du demandeur|a affiché l’identité du demandeur/);
    // The request is named by its register reference, as the board knows it, not by an internal number
    const { reference } = await ctx.db
      .selectFrom('requests')
      .select('reference')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.ok(page.body.includes(`<a href="/demandes/${id}">Demande ${reference}</a>`));
    assert.ok(!page.body.includes(`Demande n° ${id}`));
    assert.ok(!page.body.includes('Personne Secrète'), 'the page never shows the identity itself');
    assert.equal((await board.get('/bureau/acces?page=99999999999999999999')).statusCode, 200);

    const { agent: adminOnly } = await loginAs(ctx, ['admin']);
    assert.equal((await adminOnly.get('/bureau/acces')).statusCode, 403);
  });
});

describe(`the outbox hides live tokens once sent and forgets sent bodies (${engine})`, () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await createTestApp();
  });
  after(async () => ctx.close());

  const mail = (token: string) => ({
    to: 'personne@exemple.be',
    subject: 'Choisir votre mot de passe',
    text: `Ouvrez ce lien : http://vigie.test/reinitialiser?jeton=${token}\nMerci.`,
    purpose: 'password_reset',
  });

  it('a queued mail shows its link to the admin; a sent one masks the token', async () => {
    const queued = await queueMail(ctx.db, mail('JETONENATTENTE123'));
    const sent = await queueMail(ctx.db, mail('JETONDEJAENVOYE456'));
    await ctx.db.updateTable('mail_outbox').set({ status: 'sent', sent_at: nowIso() }).where('id', '=', sent).execute();
    const { agent } = await loginAs(ctx, ['admin']);
    const page = await agent.get('/admin/courriels');
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes('JETONENATTENTE123'), `queued mail ${queued} still shows its link`);
    assert.ok(!page.body.includes('JETONDEJAENVOYE456'), 'the sent mail’s token is masked');
    assert.ok(page.body.includes('reinitialiser?jeton=[masqué]'));
  });

  it(`empties the bodies of mails sent more than ${SENT_BODY_DAYS} days ago, and only those`, async () => {
    const now = new Date('2026-12-31T12:00:00Z');
    const old = await queueMail(ctx.db, { ...mail('VIEUX'), headers: { 'List-Unsubscribe': '<http://x?jeton=V>' } });
    const recent = await queueMail(ctx.db, mail('RECENT'));
    const waiting = await queueMail(ctx.db, mail('ATTENTE'));
    const sentAt = (days: number) => nowIso(new Date(now.getTime() - days * 86_400_000));
    await ctx.db
      .updateTable('mail_outbox')
      .set({ status: 'sent', sent_at: sentAt(SENT_BODY_DAYS + 1) })
      .where('id', '=', old)
      .execute();
    await ctx.db
      .updateTable('mail_outbox')
      .set({ status: 'sent', sent_at: sentAt(SENT_BODY_DAYS - 1) })
      .where('id', '=', recent)
      .execute();
    assert.ok((await purgeSentMailBodies(ctx.db, now)) >= 1);
    const rows = await ctx.db
      .selectFrom('mail_outbox')
      .select(['id', 'text_body', 'headers', 'subject', 'to_address'])
      .where('id', 'in', [old, recent, waiting])
      .orderBy('id')
      .execute();
    assert.deepEqual(
      rows.map((r) => [r.text_body.includes('jeton='), r.headers, r.subject]),
      [
        [false, null, 'Choisir votre mot de passe'],
        [true, null, 'Choisir votre mot de passe'],
        [true, null, 'Choisir votre mot de passe'],
      ],
    );
    assert.equal(await purgeSentMailBodies(ctx.db, now), 0, 'nothing left to empty');
  });
});
