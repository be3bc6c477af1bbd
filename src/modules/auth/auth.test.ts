// Just over 300 lines: the first administrator and the login journeys (sessions, idle and maximum
// age, logout, password reset, deactivated account, one's own admin role) share one app per describe
// and the helpers above; two-factor tests already live in auth.second-factor.test.ts.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildUser, loginAs, PASSWORD } from '../../../tests/factories/index.js';
import { Agent } from '../../../tests/setup/agent.js';
import { createTestApp, type TestContext } from '../../../tests/setup/app.js';
import { issueSetupTokenIfEmpty } from './auth.service.js';

const engine = process.env.TEST_DB ?? 'sqlite';
const GENERIC_ERROR = 'Adresse e-mail ou mot de passe incorrect.';

async function countOf(ctx: TestContext, table: 'users' | 'mail_outbox' | 'sessions'): Promise<number> {
  const row = await ctx.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

function errorBox(html: string): string {
  return /<div class="error-summary"[\s\S]*?<\/div>/.exec(html)?.[0] ?? '';
}

describe(`first administrator (${engine})`, () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await createTestApp();
  });
  after(async () => ctx.close());

  it('creates the first admin only with the console link, once', async () => {
    const browser = new Agent(ctx.app);
    for (const url of ['/installation', '/installation?jeton=', '/installation?jeton=devine']) {
      const page = await browser.get(url);
      assert.equal(page.statusCode, 403, url);
      assert.ok(!page.body.includes('name="password"'), url);
    }
    const token = await issueSetupTokenIfEmpty(ctx.db);
    assert.ok(token);
    const form = {
      displayName: 'Alice Admin',
      email: 'alice@test.invalid',
      password: 'une phrase de passe',
      confirm: 'une phrase de passe',
      alsoBoard: 'oui',
    };
    const wrong = await browser.post('/installation', { ...form, jeton: 'devine' });
    assert.equal(wrong.statusCode, 403);
    assert.equal(await countOf(ctx, 'users'), 0);

    const page = await browser.get(`/installation?jeton=${token}`);
    assert.equal(page.statusCode, 200);
    const created = await browser.post('/installation', { ...form, jeton: token });
    assert.equal(created.statusCode, 303);
    // Logged in at once, on the first-run checklist: no second typing of the password just chosen.
    assert.equal(created.headers.location, '/bureau');
    assert.equal((await browser.get('/bureau')).statusCode, 200);
    const user = await ctx.db.selectFrom('users').selectAll().executeTakeFirstOrThrow();
    assert.equal(user.role, 'admin,board');
    assert.match(user.password_hash ?? '', /^\$argon2id\$/);

    // The link is spent: the page says so in French, without a form, and a second post creates nothing.
    // (Issue 9: the old link still showed its form once accounts existed.)
    const spent = await browser.get(`/installation?jeton=${token}`);
    assert.equal(spent.statusCode, 410);
    assert.match(spent.body, /Ce lien d’installation a déjà servi|Ce lien d’installation a déjà servi/);
    assert.ok(!spent.body.includes('name="password"'));
    const again = await new Agent(ctx.app).post('/installation', {
      ...form,
      email: 'mallory@test.invalid',
      jeton: token,
    });
    assert.equal(again.statusCode, 410);
    assert.match(again.body, /a déjà servi/);
    assert.ok(!again.body.includes('name="password"'));
    assert.equal(await countOf(ctx, 'users'), 1);
    assert.equal(await issueSetupTokenIfEmpty(ctx.db), null, 'no new setup link once an account exists');
  });
});

describe(`login, sessions and passwords (${engine})`, () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await createTestApp();
  });
  after(async () => ctx.close());

  it('gives the same French error for an unknown e-mail and a wrong password, and stores argon2id hashes', async () => {
    const user = await buildUser(ctx.db, ['board'], { ownHash: true });
    const unknown = await new Agent(ctx.app).post('/connexion', { email: 'personne@test.invalid', password: PASSWORD });
    const wrong = await new Agent(ctx.app).post('/connexion', {
      email: user.email,
      password: 'pas le bon mot de passe',
    });
    assert.equal(unknown.statusCode, 401);
    assert.equal(wrong.statusCode, 401);
    assert.ok(errorBox(unknown.body).includes(GENERIC_ERROR));
    assert.equal(errorBox(unknown.body), errorBox(wrong.body));
    assert.equal(
      unknown.cookies.some((c) => c.name === 'vigie_session'),
      false,
    );
    const row = await ctx.db
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    assert.match(row.password_hash ?? '', /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    assert.ok(!row.password_hash?.includes(PASSWORD));
  });

  it('logs in, lands on « Mon tableau de bord » and follows a local return path only', async () => {
    const user = await buildUser(ctx.db, ['board']);
    const res = await new Agent(ctx.app).post('/connexion', { email: user.email.toUpperCase(), password: PASSWORD });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/tableau-de-bord');
    const back = await new Agent(ctx.app).post('/connexion', {
      email: user.email,
      password: PASSWORD,
      retour: '/demandes/nouvelle',
    });
    assert.equal(back.headers.location, '/demandes/nouvelle');
    const evil = await new Agent(ctx.app).post('/connexion', {
      email: user.email,
      password: PASSWORD,
      retour: '//evil.example/x',
    });
    assert.equal(evil.headers.location, '/tableau-de-bord');
  });

  it('closes a session after the idle limit and after its maximum age', async () => {
    const idle = await loginAs(ctx);
    assert.equal((await idle.agent.get('/demandes')).statusCode, 200);
    const threeHoursAgo = new Date(Date.now() - 3 * 3_600_000).toISOString();
    await ctx.db
      .updateTable('sessions')
      .set({ last_seen_at: threeHoursAgo })
      .where('user_id', '=', idle.user.id)
      .execute();
    const expired = await idle.agent.get('/demandes');
    assert.equal(expired.statusCode, 303);
    assert.equal(expired.headers.location, '/connexion?retour=%2Fdemandes');
    assert.equal(
      (await ctx.db.selectFrom('sessions').select('id').where('user_id', '=', idle.user.id).execute()).length,
      0,
    );

    const old = await loginAs(ctx);
    // Still active a minute ago, but past its maximum age.
    await ctx.db
      .updateTable('sessions')
      .set({
        last_seen_at: new Date(Date.now() - 60_000).toISOString(),
        expires_at: new Date(Date.now() - 1000).toISOString(),
      })
      .where('user_id', '=', old.user.id)
      .execute();
    assert.equal((await old.agent.get('/demandes')).statusCode, 303);

    const fresh = await loginAs(ctx);
    await ctx.db
      .updateTable('sessions')
      .set({ last_seen_at: new Date(Date.now() - 100 * 60_000).toISOString() })
      .where('user_id', '=', fresh.user.id)
      .execute();
    assert.equal((await fresh.agent.get('/demandes')).statusCode, 200, 'within the idle limit the session stays open');
  });

  it('logs out server-side: the old cookie opens nothing afterwards', async () => {
    const { agent, user } = await loginAs(ctx);
    const cookie = agent.cookies.get('vigie_session');
    assert.ok(cookie);
    const out = await agent.post('/deconnexion', {});
    assert.equal(out.statusCode, 303);
    assert.equal((await ctx.db.selectFrom('sessions').select('id').where('user_id', '=', user.id).execute()).length, 0);
    const replay = await ctx.app.inject({
      method: 'GET',
      url: '/demandes',
      headers: { cookie: `vigie_session=${cookie}` },
    });
    assert.equal(replay.statusCode, 303);
    assert.match(String(replay.headers.location), /^\/connexion/);
  });

  it('resets a password through the outbox link, once, and closes the open sessions', async () => {
    const { agent: oldBrowser, user } = await loginAs(ctx);
    const browser = new Agent(ctx.app);
    const answer = await browser.post('/mot-de-passe-oublie', { email: user.email });
    assert.equal(answer.statusCode, 200);
    const mail = await ctx.db
      .selectFrom('mail_outbox')
      .selectAll()
      .where('to_address', '=', user.email)
      .executeTakeFirstOrThrow();
    assert.equal(mail.status, 'queued');
    const link = /http:\/\/vigie\.test\/reinitialiser\?jeton=([\w-]+)/.exec(mail.text_body);
    assert.ok(link?.[1], 'the e-mail carries the reset link');
    const stored = await ctx.db
      .selectFrom('password_resets')
      .select('token_hash')
      .where('user_id', '=', user.id)
      .execute();
    assert.ok(
      stored.every((r) => r.token_hash !== link[1]),
      'only a hash of the token is stored',
    );

    assert.equal((await browser.get(`/reinitialiser?jeton=${link[1]}`)).statusCode, 200);
    const mismatch = await browser.post('/reinitialiser', {
      jeton: link[1],
      password: 'nouvelle phrase secrète',
      confirm: 'autre chose encore',
    });
    assert.equal(mismatch.statusCode, 422);
    assert.match(mismatch.body, /id="confirm-error"[\s\S]*?les deux mots de passe ne sont pas identiques/);
    const done = await browser.post('/reinitialiser', {
      jeton: link[1],
      password: 'nouvelle phrase secrète',
      confirm: 'nouvelle phrase secrète',
    });
    assert.equal(done.statusCode, 303);

    assert.equal(
      (await oldBrowser.get('/demandes')).statusCode,
      303,
      'sessions opened with the old password are closed',
    );
    assert.equal(
      (await new Agent(ctx.app).post('/connexion', { email: user.email, password: PASSWORD })).statusCode,
      401,
    );
    assert.equal(
      (await new Agent(ctx.app).post('/connexion', { email: user.email, password: 'nouvelle phrase secrète' }))
        .statusCode,
      303,
    );

    const reuse = await browser.post('/reinitialiser', {
      jeton: link[1],
      password: 'encore une autre phrase',
      confirm: 'encore une autre phrase',
    });
    assert.equal(reuse.statusCode, 410);
    assert.equal((await browser.get(`/reinitialiser?jeton=${link[1]}`)).statusCode, 410);
    assert.equal(
      (await new Agent(ctx.app).post('/connexion', { email: user.email, password: 'encore une autre phrase' }))
        .statusCode,
      401,
    );
  });

  it('answers an unknown e-mail exactly like a known one, and queues nothing', async () => {
    const user = await buildUser(ctx.db);
    const known = await new Agent(ctx.app).post('/mot-de-passe-oublie', { email: user.email });
    const outboxBefore = await countOf(ctx, 'mail_outbox');
    const unknown = await new Agent(ctx.app).post('/mot-de-passe-oublie', { email: 'inconnu@test.invalid' });
    assert.equal(unknown.statusCode, known.statusCode);
    const notice = (html: string) => /<p class="flash" role="status">[\s\S]*?<\/p>/.exec(html)?.[0];
    assert.ok(notice(unknown.body)?.includes('Si un compte existe pour cette adresse'));
    assert.equal(notice(unknown.body), notice(known.body));
    assert.equal(await countOf(ctx, 'mail_outbox'), outboxBefore);
  });

  it('refuses a deactivated account at the login form', async () => {
    const admin = await loginAs(ctx, ['admin']);
    const { agent: memberBrowser, user: member } = await loginAs(ctx, ['board']);
    const res = await admin.agent.post(`/admin/utilisateurs/${member.id}`, { roles: 'board' });
    assert.equal(res.statusCode, 303);
    assert.equal((await memberBrowser.get('/demandes')).statusCode, 303, 'the open session is closed');
    const login = await new Agent(ctx.app).post('/connexion', { email: member.email, password: PASSWORD });
    assert.equal(login.statusCode, 401);
    assert.ok(errorBox(login.body).includes(GENERIC_ERROR));
    const forgot = await new Agent(ctx.app).post('/mot-de-passe-oublie', { email: member.email });
    assert.equal(forgot.statusCode, 200);
    assert.equal(
      (await ctx.db.selectFrom('mail_outbox').select('id').where('to_address', '=', member.email).execute()).length,
      0,
    );
  });

  it('does not let an admin remove their own admin role or deactivate themselves', async () => {
    const { agent, user } = await loginAs(ctx, ['admin', 'board']);
    const attempts: Array<Record<string, string | string[]>> = [
      { roles: 'board', active: 'oui' },
      { roles: ['admin', 'board'] },
    ];
    for (const form of attempts) {
      const res = await agent.post(`/admin/utilisateurs/${user.id}`, form);
      assert.equal(res.statusCode, 422);
      // The message sits with the account concerned, not under « Inviter une personne ».
      const account = new RegExp(`<li id="compte-${user.id}">[\\s\\S]*?</li>`).exec(res.body)?.[0] ?? '';
      assert.match(account, /Vous ne pouvez pas changer vos propres rôles ni désactiver votre compte/);
      assert.doesNotMatch(res.body.split('id="new-user"')[1] ?? '', /propres rôles/);
    }
    const row = await ctx.db
      .selectFrom('users')
      .select(['role', 'active'])
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual([row.role, row.active], ['admin,board', 1]);
  });
});
