import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loginAs } from '../../../tests/factories/index.js';
import { Agent } from '../../../tests/setup/agent.js';
import { createTestApp, type TestContext } from '../../../tests/setup/app.js';
import { findInvitation, inviteUser } from './auth.invitations.service.js';
import { DuplicateEmailError } from './auth.service.js';

const engine = process.env.TEST_DB ?? 'sqlite';

async function welcomeMailTo(ctx: TestContext, email: string) {
  const rows = await ctx.db
    .selectFrom('mail_outbox')
    .selectAll()
    .where('to_address', '=', email)
    .orderBy('id', 'desc')
    .execute();
  const mail = rows[0];
  assert.ok(mail, `a mail to ${email}`);
  const token = /\/bienvenue\?jeton=([\w-]+)/.exec(mail.text_body)?.[1];
  assert.ok(token, 'the mail carries the welcome link');
  return { mail, token, count: rows.length };
}

describe(`invitations (${engine})`, () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await createTestApp();
  });
  after(async () => ctx.close());

  it('welcomes a new account by name of who invited them, with a seven-day link, not a password reset', async () => {
    const { agent: admin, user: inviter } = await loginAs(ctx, ['admin', 'board']);
    const res = await admin.post('/admin/utilisateurs', {
      displayName: 'Chloé Nouvelle',
      email: 'Chloe@Test.invalid',
      roles: 'board',
    });
    assert.equal(res.statusCode, 303);

    const { mail, token } = await welcomeMailTo(ctx, 'chloe@test.invalid');
    assert.equal(mail.purpose, 'invitation');
    assert.match(mail.subject, new RegExp(`^${inviter.displayName} vous invite dans Vigie`));
    assert.match(mail.text_body, /^Bonjour Chloé Nouvelle,/);
    assert.match(mail.text_body, new RegExp(`${inviter.displayName} vous a ouvert un compte dans Vigie`));
    assert.match(mail.text_body, /registre confidentiel des demandes/);
    assert.match(mail.text_body, /valable jusqu’au \d{1,2} \p{L}+ \d{4}/u);
    assert.doesNotMatch(mail.text_body, /Quelqu'un|demandé un nouveau mot de passe|dans l’heure|reste valable/);
    assert.match(mail.html_body ?? '', /<html lang="fr-BE">/);
    assert.match(mail.html_body ?? '', />Choisir mon mot de passe</);

    const link = await ctx.db
      .selectFrom('password_resets')
      .innerJoin('users', 'users.id', 'password_resets.user_id')
      .select(['password_resets.created_at', 'password_resets.expires_at', 'password_resets.purpose'])
      .where('users.email', '=', 'chloe@test.invalid')
      .executeTakeFirstOrThrow();
    assert.equal(link.purpose, 'invitation');
    assert.equal(Date.parse(link.expires_at) - Date.parse(link.created_at), 7 * 86_400_000);

    // The welcome page greets them; the password they choose opens the login.
    const browser = new Agent(ctx.app);
    const page = await browser.get(`/bienvenue?jeton=${token}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Bienvenue, Chloé Nouvelle/);
    assert.match(page.body, new RegExp(`${inviter.displayName} vous a ouvert un compte`));
    const done = await browser.post('/bienvenue', {
      jeton: token,
      password: 'une phrase de bienvenue',
      confirm: 'une phrase de bienvenue',
    });
    assert.equal(done.statusCode, 303);
    assert.equal(done.headers.location, '/connexion');
    const login = await new Agent(ctx.app).post('/connexion', {
      email: 'chloe@test.invalid',
      password: 'une phrase de bienvenue',
    });
    assert.equal(login.statusCode, 303);
    assert.equal((await browser.get(`/bienvenue?jeton=${token}`)).statusCode, 410, 'the link is spent');
  });

  it('expires the link after seven days', async () => {
    const { agent: admin } = await loginAs(ctx, ['admin']);
    await admin.post('/admin/utilisateurs', {
      displayName: 'Dora Tardive',
      email: 'dora@test.invalid',
      roles: 'board',
    });
    const { token } = await welcomeMailTo(ctx, 'dora@test.invalid');
    const now = Date.now();
    assert.ok(await findInvitation(ctx.db, token, new Date(now + 6 * 86_400_000)));
    assert.equal(await findInvitation(ctx.db, token, new Date(now + 7 * 86_400_000 + 60_000)), undefined);
  });

  it('lets an admin send the welcome again: a new link, the old one spent', async () => {
    const { agent: admin } = await loginAs(ctx, ['admin']);
    await admin.post('/admin/utilisateurs', {
      displayName: 'Émile Égaré',
      email: 'emile@test.invalid',
      roles: 'board',
    });
    const first = await welcomeMailTo(ctx, 'emile@test.invalid');
    const user = await ctx.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'emile@test.invalid')
      .executeTakeFirstOrThrow();

    const list = await admin.get('/admin/utilisateurs');
    const item = new RegExp(`<li id="compte-${user.id}">[\\s\\S]*?</li>`).exec(list.body)?.[0] ?? '';
    assert.match(item, /mot de passe pas encore choisi/);
    assert.match(item, /Renvoyer l’e-mail de bienvenue/);

    const resent = await admin.post(`/admin/utilisateurs/${user.id}/invitation`, {});
    assert.equal(resent.statusCode, 303);
    const second = await welcomeMailTo(ctx, 'emile@test.invalid');
    assert.equal(second.count, 2);
    assert.notEqual(second.token, first.token);
    assert.equal((await new Agent(ctx.app).get(`/bienvenue?jeton=${first.token}`)).statusCode, 410);
    assert.equal((await new Agent(ctx.app).get(`/bienvenue?jeton=${second.token}`)).statusCode, 200);
    const audit = await ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where('entity_type', '=', 'user')
      .where('entity_id', '=', String(user.id))
      .execute();
    assert.deepEqual(audit.map((a) => a.action).sort(), ['user.create', 'user.invite', 'user.invite_resent']);
  });

  it('refuses to resend once the password is chosen, and says so next to that account', async () => {
    const { agent: admin } = await loginAs(ctx, ['admin']);
    const { user: member } = await loginAs(ctx, ['board']);
    const res = await admin.post(`/admin/utilisateurs/${member.id}/invitation`, {});
    assert.equal(res.statusCode, 409);
    const item = new RegExp(`<li id="compte-${member.id}">[\\s\\S]*?</li>`).exec(res.body)?.[0] ?? '';
    assert.match(item, /a déjà choisi son mot de passe/);
    assert.doesNotMatch(item, /Renvoyer l’e-mail de bienvenue/);
  });

  it('brings a refused change back to the account concerned, where its message is', async () => {
    // Arrange: an admin and an invited colleague further down the list
    const { agent: admin } = await loginAs(ctx, ['admin']);
    await admin.post('/admin/utilisateurs', { displayName: 'Zoé Zélée', email: 'zoe@test.invalid', roles: 'board' });
    const colleague = await ctx.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'zoe@test.invalid')
      .executeTakeFirstOrThrow();
    const page = await admin.get('/admin/utilisateurs');
    const item = (html: string) => new RegExp(`<li id="compte-${colleague.id}">[\\s\\S]*?</li>`).exec(html)?.[0] ?? '';
    const actions = [...item(page.body).matchAll(/<form method="post" action="([^"]+)"/g)].map((m) => m[1]);

    // Act: every role unticked
    const refused = await admin.post(`/admin/utilisateurs/${colleague.id}`, { active: 'oui' });

    // Assert: each of the account's forms returns to it (the page reloads there, not at the top),
    // and the message is beside it, not under « Inviter une personne »
    assert.deepEqual(actions, [
      `/admin/utilisateurs/${colleague.id}#compte-${colleague.id}`,
      `/admin/utilisateurs/${colleague.id}/invitation#compte-${colleague.id}`,
    ]);
    assert.equal(refused.statusCode, 422);
    assert.match(item(refused.body), /role="alert"/);
    assert.doesNotMatch(refused.body.split('id="new-user"')[1] ?? '', /role="alert"/);
  });

  it('confirms a change to one account beside that account, where the redirect scrolls, not at the top', async () => {
    // Arrange: an admin and a colleague further down the list
    const { agent: admin } = await loginAs(ctx, ['admin']);
    await admin.post('/admin/utilisateurs', { displayName: 'Yves Ylang', email: 'yves@test.invalid', roles: 'board' });
    const colleague = await ctx.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'yves@test.invalid')
      .executeTakeFirstOrThrow();
    await admin.get('/admin/utilisateurs'); // reads the invitation's own message

    // Act: a role added, then the page the redirect leads to
    const saved = await admin.post(`/admin/utilisateurs/${colleague.id}`, {
      active: 'oui',
      roles: ['board', 'admin'],
    });
    assert.equal(saved.statusCode, 303, /role="alert"[^<]*>([\s\S]{0,300})/.exec(saved.body)?.[1]);
    const page = await admin.get(String(saved.headers.location));

    // Assert: the redirect scrolls to the account, and the message is there, once
    assert.equal(saved.headers.location, `/admin/utilisateurs#compte-${colleague.id}`);
    const item = new RegExp(`<li id="compte-${colleague.id}">[\\s\\S]*?</li>`).exec(page.body)?.[0] ?? '';
    assert.match(item, /<p class="flash" role="status">Compte mis à jour\.<\/p>/);
    assert.equal(page.body.match(/class="flash"/g)?.length, 1);
  });

  it('refuses the second of two invitations to one address sent at the same moment with its French message', async () => {
    // Arrange
    const { user: inviter } = await loginAs(ctx, ['admin']);
    const context = {
      baseUrl: 'http://localhost',
      organisationName: 'Comité de test',
      organisationOf: 'du Comité de test',
      inviter: { id: inviter.id, displayName: 'Admin' },
    };
    const invite = () =>
      inviteUser(ctx.db, { displayName: 'Xavier Double', email: 'xavier@test.invalid', roles: ['board'] }, context);

    // Act: both pass the « already exists? » check before either has written
    const results = await Promise.allSettled([invite(), invite()]);

    // Assert: one account, and the other refusal is the domain error (a 422 with its message), not a crash
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
    const refused = results.find((r) => r.status === 'rejected');
    assert.ok(refused?.status === 'rejected' && refused.reason instanceof DuplicateEmailError, String(refused));
    const accounts = await ctx.db.selectFrom('users').select('id').where('email', '=', 'xavier@test.invalid').execute();
    assert.equal(accounts.length, 1);
  });

  it('keeps invitations to admins', async () => {
    const { agent: member } = await loginAs(ctx, ['board']);
    const res = await member.post('/admin/utilisateurs', {
      displayName: 'Intrus',
      email: 'intrus@test.invalid',
      roles: 'admin',
    });
    assert.equal(res.statusCode, 403);
    assert.equal(
      (await ctx.db.selectFrom('users').select('id').where('email', '=', 'intrus@test.invalid').execute()).length,
      0,
    );
  });
});
