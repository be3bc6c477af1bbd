// Over 300 lines: the second factor's journeys (QR code, enrolment, login with a code, lockout,
// expiry, a role that requires it, an admin's reset) each need the same app with an injected clock;
// the two describes share the helpers above that read the secret and the recovery codes off a page.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import decodeQR from '@paulmillr/qr/decode.js';
import { Resvg } from '@resvg/resvg-js';
import { buildUser, loginAs, PASSWORD } from '../../../tests/factories/index.js';
import { Agent } from '../../../tests/setup/agent.js';
import { createTestApp, type TestContext } from '../../../tests/setup/app.js';
import { base32Decode, otpauthUri, totp } from '../../lib/totp.js';
import { qrCodeSvg } from './auth.totp-qr.js';

const engine = process.env.TEST_DB ?? 'sqlite';

/** The secret as the page shows it in text (grouped by four), read back as a person would type it. */
function secretOnPage(html: string): string {
  const match = /<code class="secret">([A-Z2-7 ]+)<\/code>/.exec(html);
  assert.ok(match?.[1], 'the secret is shown as text');
  return match[1].replace(/ /g, '');
}

function recoveryCodesOnPage(html: string): string[] {
  return [...html.matchAll(/<li><code>([a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4})<\/code><\/li>/g)].map(
    (m) => m[1] ?? '',
  );
}

async function auditActions(ctx: TestContext, userId: number): Promise<string[]> {
  const rows = await ctx.db
    .selectFrom('audit_events')
    .select('action')
    .where('entity_type', '=', 'user')
    .where('entity_id', '=', String(userId))
    .orderBy('id')
    .execute();
  return rows.map((r) => r.action);
}

describe('the QR code of an authenticator app', () => {
  it('is an SVG whose pixels decode back to the otpauth address', () => {
    const uri = otpauthUri('JBSWY3DPEHPK3PXP', 'Vigie', 'marie@exemple.be');
    const svg = qrCodeSvg(uri, 'Code QR');
    assert.match(svg, /^<svg [^>]*role="img" aria-label="Code QR"/);
    const image = new Resvg(svg, { fitTo: { mode: 'width', value: 400 } }).render();
    const decoded = decodeQR({ width: image.width, height: image.height, data: image.pixels });
    assert.equal(decoded, uri);
  });
});

describe(`two-factor sign-in with an authenticator app (${engine})`, () => {
  let ctx: TestContext;
  // The app's clock: every code is computed and checked at an instant the test chooses.
  let now = new Date('2026-11-27T09:00:10Z');
  const later = (seconds: number) => {
    now = new Date(now.getTime() + seconds * 1000);
  };
  before(async () => {
    ctx = await createTestApp({}, { clock: () => now });
  });
  after(async () => ctx.close());

  it('enrols with the secret shown as text, then asks for a code at login, never accepting one twice', async () => {
    // Arrange: a board member signed in with a password alone
    const { agent, user } = await loginAs(ctx, ['board']);

    // Act: the enrolment page shows a QR code and the secret; a wrong code is refused
    const setup = await agent.get('/compte/securite/application');
    assert.equal(setup.statusCode, 200);
    assert.match(setup.body, /<svg [^>]*role="img"/);
    const secret = base32Decode(secretOnPage(setup.body));
    const wrong = await agent.post('/compte/securite/application', {
      code: '000000' === totp(secret, now) ? '111111' : '000000',
    });
    assert.equal(wrong.statusCode, 422);
    assert.match(wrong.body, /ce code ne correspond pas/);
    assert.equal(secretOnPage(wrong.body), secretOnPage(setup.body), 'the same secret until it is confirmed');

    // Act: the right code activates the app and shows ten recovery codes once
    const confirmed = await agent.post('/compte/securite/application', { code: totp(secret, now) });
    assert.equal(confirmed.statusCode, 200);
    const codes = recoveryCodesOnPage(confirmed.body);
    assert.equal(codes.length, 10);
    assert.equal(new Set(codes).size, 10);

    // Assert: the secret is stored encrypted, the codes hashed
    const stored = await ctx.db
      .selectFrom('user_totp')
      .selectAll()
      .where('user_id', '=', user.id)
      .executeTakeFirstOrThrow();
    assert.match(stored.secret_sealed, /^v1\./);
    assert.ok(!stored.secret_sealed.includes(secretOnPage(setup.body)));
    const hashes = await ctx.db
      .selectFrom('user_recovery_codes')
      .select('code_hash')
      .where('user_id', '=', user.id)
      .execute();
    assert.equal(hashes.length, 10);
    for (const code of codes) assert.ok(!hashes.some((h) => h.code_hash.includes(code.replace(/-/g, ''))));

    // Act: a new login stops at the second step, without a session
    later(60);
    const browser = new Agent(ctx.app);
    await browser.get('/connexion');
    const login = await browser.post('/connexion', { email: user.email, password: PASSWORD });
    assert.equal(login.statusCode, 303);
    assert.equal(login.headers.location, '/connexion/verification');
    assert.equal((await browser.get('/demandes')).headers.location, '/connexion?retour=%2Fdemandes');
    const step = await browser.get('/connexion/verification');
    assert.equal(step.statusCode, 200);
    assert.match(step.body, /Double vérification/);

    // Act: the current code opens the session
    const code = totp(secret, now);
    const ok = await browser.post('/connexion/verification', { code });
    assert.equal(ok.statusCode, 303);
    assert.equal(ok.headers.location, '/tableau-de-bord');
    assert.equal((await browser.get('/demandes')).statusCode, 200);

    // Assert: the same code, a few seconds later, is refused on another login (replay)
    later(5);
    const other = new Agent(ctx.app);
    await other.get('/connexion');
    await other.post('/connexion', { email: user.email, password: PASSWORD });
    const replay = await other.post('/connexion/verification', { code });
    assert.equal(replay.statusCode, 401);
    assert.match(replay.body, /n’est pas valable/);
    const session = await ctx.db
      .selectFrom('sessions')
      .select('second_factor')
      .where('user_id', '=', user.id)
      .where('second_factor', 'is not', null)
      .executeTakeFirstOrThrow();
    assert.equal(session.second_factor, 'totp');

    // Act: a recovery code works once, typed in capitals without dashes
    const recovery = await other.post('/connexion/verification', {
      code: (codes[0] ?? '').replace(/-/g, '').toUpperCase(),
    });
    assert.equal(recovery.statusCode, 303);
    const third = new Agent(ctx.app);
    await third.get('/connexion');
    await third.post('/connexion', { email: user.email, password: PASSWORD });
    assert.equal((await third.post('/connexion/verification', { code: codes[0] ?? '' })).statusCode, 401);

    // Assert: all of it is in the audit trail
    const actions = await auditActions(ctx, user.id);
    for (const action of [
      'user.second_factor.totp_added',
      'user.second_factor.failed',
      'user.second_factor.recovery_used',
      'user.login',
    ])
      assert.ok(actions.includes(action), `${action} in ${actions.join(', ')}`);
  });

  it('ends the login after five wrong codes', async () => {
    // Arrange
    const { agent, user } = await loginAs(ctx, ['admin']);
    const setup = await agent.get('/compte/securite/application');
    const secret = base32Decode(secretOnPage(setup.body));
    await agent.post('/compte/securite/application', { code: totp(secret, now) });
    later(60);
    const browser = new Agent(ctx.app);
    await browser.get('/connexion');
    await browser.post('/connexion', { email: user.email, password: PASSWORD });

    // Act
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await browser.post('/connexion/verification', { code: '12345' }));

    // Assert: four pages asking again, then back to the password; the right code no longer helps
    assert.deepEqual(
      answers.map((a) => a.statusCode),
      [401, 401, 401, 401, 303],
    );
    assert.equal(answers[4]?.headers.location, '/connexion');
    const late = await browser.post('/connexion/verification', { code: totp(secret, now) });
    assert.equal(late.headers.location, '/connexion');
    assert.equal(
      await ctx.db
        .selectFrom('sessions')
        .select('id')
        .where('user_id', '=', user.id)
        .where('second_factor', 'is not', null)
        .executeTakeFirst(),
      undefined,
    );
  });

  it('lets the challenge expire after ten minutes', async () => {
    // Arrange
    const { agent, user } = await loginAs(ctx, ['board']);
    const secret = base32Decode(secretOnPage((await agent.get('/compte/securite/application')).body));
    await agent.post('/compte/securite/application', { code: totp(secret, now) });
    later(60);
    const browser = new Agent(ctx.app);
    await browser.get('/connexion');
    await browser.post('/connexion', { email: user.email, password: PASSWORD });

    // Act
    later(10 * 60 + 1);
    const answer = await browser.post('/connexion/verification', { code: totp(secret, now) });

    // Assert
    assert.equal(answer.statusCode, 303);
    assert.equal(answer.headers.location, '/connexion');
  });
});

describe(`a second factor required for a role, and an admin's reset (${engine})`, () => {
  let ctx: TestContext;
  const now = new Date('2026-11-27T14:00:00Z');
  before(async () => {
    ctx = await createTestApp({}, { clock: () => now });
  });
  after(async () => ctx.close());

  it('sends a board member without a second factor to enrolment, and opens the app once enrolled', async () => {
    // Arrange: an admin requires a second factor for the board
    const { agent: admin } = await loginAs(ctx, ['admin']);
    await admin.get('/admin/utilisateurs');
    const policy = await admin.post('/admin/double-verification', { roles: 'board' });
    assert.equal(policy.statusCode, 303);
    const member = await buildUser(ctx.db, ['board']);

    // Act: the member logs in with a password
    const browser = new Agent(ctx.app);
    await browser.get('/connexion');
    const login = await browser.post('/connexion', { email: member.email, password: PASSWORD });

    // Assert: enrolment first; every other board page is closed until then
    assert.equal(login.headers.location, '/compte/securite');
    const security = await browser.get('/compte/securite');
    assert.equal(security.statusCode, 200);
    assert.match(security.body, /obligatoire pour votre rôle/);
    assert.equal((await browser.get('/demandes')).headers.location, '/compte/securite');
    const blockedPost = await browser.post('/demandes', {});
    assert.equal(blockedPost.statusCode, 403);
    assert.match(blockedPost.body, /Double vérification obligatoire/);
    assert.equal((await browser.get('/')).statusCode, 200, 'public pages stay open');

    // Act: enrol the app
    const secret = base32Decode(secretOnPage((await browser.get('/compte/securite/application')).body));
    const done = await browser.post('/compte/securite/application', { code: totp(secret, now) });

    // Assert: the recovery codes lead to the register, which is now open
    assert.match(done.body, /href="\/demandes"/);
    assert.equal((await browser.get('/demandes')).statusCode, 200);

    // Assert: the last factor of a role that requires one cannot be removed
    const removal = await browser.post('/compte/securite/application/retirer', {});
    assert.equal(removal.statusCode, 409);
    assert.ok(
      await ctx.db.selectFrom('user_totp').select('user_id').where('user_id', '=', member.id).executeTakeFirst(),
    );
    const policyAudit = await ctx.db
      .selectFrom('audit_events')
      .select('summary')
      .where('action', '=', 'security.second_factor_policy')
      .executeTakeFirstOrThrow();
    assert.equal(policyAudit.summary, 'obligatoire pour : bureau');
  });

  it('lets another admin reset a lost device, closing the sessions, and never one’s own', async () => {
    // Arrange: a member with an app and an open session
    const { agent: member, user } = await loginAs(ctx, ['admin', 'board']);
    const secret = base32Decode(secretOnPage((await member.get('/compte/securite/application')).body));
    await member.post('/compte/securite/application', { code: totp(secret, now) });
    const { agent: admin, user: adminUser } = await loginAs(ctx, ['admin']);
    const page = await admin.get('/admin/utilisateurs');
    assert.match(page.body, new RegExp(`/admin/utilisateurs/${user.id}/double-verification`));

    // Act: the admin resets the member's second factor; then tries on their own account
    const reset = await admin.post(`/admin/utilisateurs/${user.id}/double-verification`, {});
    const own = await admin.post(`/admin/utilisateurs/${adminUser.id}/double-verification`, {});

    // Assert
    assert.equal(reset.statusCode, 303);
    assert.equal(
      await ctx.db.selectFrom('user_totp').select('user_id').where('user_id', '=', user.id).executeTakeFirst(),
      undefined,
    );
    assert.equal(
      (await ctx.db.selectFrom('user_recovery_codes').select('id').where('user_id', '=', user.id).execute()).length,
      0,
    );
    assert.equal((await member.get('/compte/securite')).statusCode, 303, 'the member was signed out');
    assert.equal(own.statusCode, 403);
    const entry = await ctx.db
      .selectFrom('audit_events')
      .select(['actor_id', 'entity_id'])
      .where('action', '=', 'user.second_factor.reset')
      .executeTakeFirstOrThrow();
    assert.deepEqual(entry, { actor_id: adminUser.id, entity_id: String(user.id) });
  });

  it('offers a second factor at login when none is required', async () => {
    // Arrange: no role requires one any more
    const { agent: admin } = await loginAs(ctx, ['admin']);
    await admin.get('/admin/utilisateurs');
    await admin.post('/admin/double-verification', {});
    const member = await buildUser(ctx.db, ['board']);

    // Act
    const browser = new Agent(ctx.app);
    await browser.get('/connexion');
    const login = await browser.post('/connexion', { email: member.email, password: PASSWORD });
    const landing = await browser.get(login.headers.location ?? '');

    // Assert
    assert.equal(login.headers.location, '/tableau-de-bord');
    assert.match(landing.body, /protégez votre compte par une double vérification/);
  });
});
