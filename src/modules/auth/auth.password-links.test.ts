import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildUser, loginAs } from '../../../tests/factories/index.js';
import { Agent } from '../../../tests/setup/agent.js';
import { createTestApp, type TestContext } from '../../../tests/setup/app.js';
import { hashToken } from '../../lib/tokens.js';
import { nowIso } from '../../lib/time.js';
import { issueSetupTokenIfEmpty } from './auth.service.js';

const engine = process.env.TEST_DB ?? 'sqlite';
const NEW_PASSWORD = 'la permanence du jeudi';

/** The link of the latest mail to `email` whose path is `path` (/reinitialiser or /bienvenue). */
async function latestLink(ctx: TestContext, email: string, path: string): Promise<string> {
  const rows = await ctx.db
    .selectFrom('mail_outbox')
    .select('text_body')
    .where('to_address', '=', email)
    .orderBy('id', 'desc')
    .execute();
  const token = rows.map((r) => new RegExp(`${path}\\?jeton=([\\w-]+)`).exec(r.text_body)?.[1]).find(Boolean);
  assert.ok(token, `a mail to ${email} with ${path}`);
  return token;
}

/** The French message shown under a field. */
const errorOf = (html: string, field: string) =>
  new RegExp(`id="${field}-error"[\\s\\S]*?Erreur\u00a0: </span>\\s*<span>([^<]*)</span>`).exec(html)?.[1]?.trim() ??
  '';

/** Issue 9: an older reset link still worked after a newer one was used; passwords could name their owner. */
describe(`password links: one live link per account (${engine})`, () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await createTestApp();
  });
  after(async () => ctx.close());

  it('a new reset link spends the one sent before', async () => {
    const user = await buildUser(ctx.db);
    const browser = new Agent(ctx.app);
    await browser.post('/mot-de-passe-oublie', { email: user.email });
    const first = await latestLink(ctx, user.email, '/reinitialiser');
    await browser.post('/mot-de-passe-oublie', { email: user.email });
    const second = await latestLink(ctx, user.email, '/reinitialiser');
    assert.notEqual(first, second);
    assert.equal((await browser.get(`/reinitialiser?jeton=${first}`)).statusCode, 410);
    const old = await browser.post('/reinitialiser', { jeton: first, password: NEW_PASSWORD, confirm: NEW_PASSWORD });
    assert.equal(old.statusCode, 410);
    assert.equal((await browser.get(`/reinitialiser?jeton=${second}`)).statusCode, 200);
  });

  it('choosing a password spends every other link of the account', async () => {
    const user = await buildUser(ctx.db);
    const browser = new Agent(ctx.app);
    await browser.post('/mot-de-passe-oublie', { email: user.email });
    const mailed = await latestLink(ctx, user.email, '/reinitialiser');
    // A second live link, as a version before this rule could leave one.
    const other = 'lien-plus-ancien-encore-valable';
    const now = new Date();
    await ctx.db
      .insertInto('password_resets')
      .values({
        token_hash: hashToken(other),
        user_id: user.id,
        created_at: nowIso(now),
        expires_at: nowIso(new Date(now.getTime() + 3_600_000)),
        used_at: null,
      })
      .execute();
    const used = await browser.post('/reinitialiser', { jeton: mailed, password: NEW_PASSWORD, confirm: NEW_PASSWORD });
    assert.equal(used.statusCode, 303);
    assert.equal((await browser.get(`/reinitialiser?jeton=${other}`)).statusCode, 410);
    const late = await browser.post('/reinitialiser', {
      jeton: other,
      password: 'une autre phrase encore',
      confirm: 'une autre phrase encore',
    });
    assert.equal(late.statusCode, 410);
    assert.equal(
      (await new Agent(ctx.app).post('/connexion', { email: user.email, password: NEW_PASSWORD })).statusCode,
      303,
    );
  });

  it('a reset asked after an invitation spends the welcome link', async () => {
    const { agent: admin } = await loginAs(ctx, ['admin', 'board']);
    const created = await admin.post('/admin/utilisateurs', {
      displayName: 'Nadia Invitée',
      email: 'nadia.invitee@test.invalid',
      roles: 'board',
    });
    assert.equal(created.statusCode, 303);
    const welcome = await latestLink(ctx, 'nadia.invitee@test.invalid', '/bienvenue');
    await new Agent(ctx.app).post('/mot-de-passe-oublie', { email: 'nadia.invitee@test.invalid' });
    assert.equal((await new Agent(ctx.app).get(`/bienvenue?jeton=${welcome}`)).statusCode, 410);
  });
});

describe(`password policy on every path that sets one (${engine})`, () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await createTestApp();
  });
  after(async () => ctx.close());

  it('the reset refuses a password with the account’s address or name, and keeps the link', async () => {
    const user = await buildUser(ctx.db, ['board'], { email: 'jean.dupont@test.invalid', displayName: 'Jean Dupont' });
    const browser = new Agent(ctx.app);
    await browser.post('/mot-de-passe-oublie', { email: user.email });
    const token = await latestLink(ctx, user.email, '/reinitialiser');
    for (const password of ['Dupont-Bruxelles-2026', 'jeandupont1234', 'mon prénom est JEAN ok']) {
      const res = await browser.post('/reinitialiser', { jeton: token, password, confirm: password });
      assert.equal(res.statusCode, 422, password);
      assert.equal(
        errorOf(res.body, 'password'),
        'Nouveau mot de passe\u00a0: il ne doit contenir ni votre nom ni votre adresse e-mail.',
        password,
      );
    }
    const short = await browser.post('/reinitialiser', {
      jeton: token,
      password: 'onze lettre',
      confirm: 'onze lettre',
    });
    assert.equal(errorOf(short.body, 'password'), 'Nouveau mot de passe\u00a0: au moins 12 caractères.');
    const fine = await browser.post('/reinitialiser', { jeton: token, password: NEW_PASSWORD, confirm: NEW_PASSWORD });
    assert.equal(fine.statusCode, 303);
  });

  it('the welcome link refuses a password with the person’s name', async () => {
    const { agent: admin } = await loginAs(ctx, ['admin', 'board']);
    await admin.post('/admin/utilisateurs', {
      displayName: 'Maëlle Verhaegen',
      email: 'mv@test.invalid',
      roles: 'board',
    });
    const token = await latestLink(ctx, 'mv@test.invalid', '/bienvenue');
    const browser = new Agent(ctx.app);
    const refused = await browser.post('/bienvenue', {
      jeton: token,
      password: 'maelle aime le cinema',
      confirm: 'maelle aime le cinema',
    });
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /il ne doit contenir ni votre nom ni votre adresse e-mail/);
    assert.equal((await browser.get(`/bienvenue?jeton=${token}`)).statusCode, 200, 'the link still works');
    const done = await browser.post('/bienvenue', { jeton: token, password: NEW_PASSWORD, confirm: NEW_PASSWORD });
    assert.equal(done.statusCode, 303);
  });
});

describe(`password policy at setup (${engine})`, () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await createTestApp();
  });
  after(async () => ctx.close());

  it('the first administrator cannot choose a password with their address', async () => {
    const token = await issueSetupTokenIfEmpty(ctx.db);
    assert.ok(token);
    const browser = new Agent(ctx.app);
    const form = { jeton: token, displayName: 'Alice Admin', email: 'presidence@test.invalid' };
    const refused = await browser.post('/installation', {
      ...form,
      password: 'presidence du comite',
      confirm: 'presidence du comite',
    });
    assert.equal(refused.statusCode, 422);
    assert.equal(
      errorOf(refused.body, 'password'),
      'Nouveau mot de passe\u00a0: il ne doit contenir ni votre nom ni votre adresse e-mail.',
    );
    const created = await browser.post('/installation', { ...form, password: NEW_PASSWORD, confirm: NEW_PASSWORD });
    assert.equal(created.statusCode, 303);
  });
});
