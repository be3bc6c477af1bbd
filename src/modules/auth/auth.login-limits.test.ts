import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildUser, PASSWORD } from '../../../tests/factories/index.js';
import { Agent } from '../../../tests/setup/agent.js';
import { createTestApp, type TestContext } from '../../../tests/setup/app.js';
import { retryIn } from '../../web/error-pages.js';

const engine = process.env.TEST_DB ?? 'sqlite';
const LIMIT = 3;

/**
 * Issue 9: the sign-in limit counted every attempt per IP (ten successes from one office locked
 * the whole board out) and nothing per account. Failures now count, per account and per IP; a
 * success forgets them; the 429 says when to come back. The clock is the app's, moved by the test.
 */
describe(`sign-in limits count failures, per account and per IP (${engine})`, () => {
  let ctx: TestContext;
  // At the start of a 15-minute window, so the waits below are exact.
  let now = Date.parse('2026-11-27T12:00:00Z');
  before(async () => {
    ctx = await createTestApp({ loginRateLimit: LIMIT }, { clock: () => new Date(now) });
  });
  after(async () => ctx.close());

  const signIn = (ip: string, email: string, password: string) =>
    new Agent(ctx.app, ip).post('/connexion', { email, password });

  it('never locks out an office whose colleagues sign in successfully', async () => {
    for (let i = 0; i < LIMIT * 3; i++) {
      const user = await buildUser(ctx.db);
      assert.equal((await signIn('192.0.2.1', user.email, PASSWORD)).statusCode, 303, `sign-in ${i + 1}`);
    }
  });

  it('refuses an account after its failures, from any address, and says in French when to retry', async () => {
    const user = await buildUser(ctx.db);
    const other = await buildUser(ctx.db);
    for (let i = 0; i < LIMIT; i++)
      assert.equal((await signIn(`192.0.2.${10 + i}`, user.email, 'pas le bon')).statusCode, 401);
    const blocked = await signIn('192.0.2.20', user.email, PASSWORD);
    assert.equal(blocked.statusCode, 429);
    assert.match(blocked.body, /<html lang="fr-BE">/);
    assert.match(blocked.body, /Trop de tentatives en peu de temps\. Réessayez dans 20 minutes\./);
    assert.equal(blocked.headers['retry-after'], String(20 * 60));
    assert.equal(
      blocked.cookies.some((c) => c.name === 'vigie_session'),
      false,
    );
    // The same address still serves another account.
    assert.equal((await signIn('192.0.2.20', other.email, PASSWORD)).statusCode, 303);
    // When the page said, the account signs in again.
    now += 20 * 60_000;
    assert.equal((await signIn('192.0.2.20', user.email, PASSWORD)).statusCode, 303);
  });

  it('refuses an address after failures on several accounts, even with a right password', async () => {
    const user = await buildUser(ctx.db);
    for (let i = 0; i < LIMIT; i++)
      assert.equal((await signIn('198.51.100.7', `inconnu${i}@test.invalid`, 'devine')).statusCode, 401);
    const blocked = await signIn('198.51.100.7', user.email, PASSWORD);
    assert.equal(blocked.statusCode, 429);
    assert.match(blocked.body, /Réessayez dans \d+ minutes?\./);
    assert.equal((await signIn('198.51.100.8', user.email, PASSWORD)).statusCode, 303);
  });

  it('forgets the failures after a success', async () => {
    const user = await buildUser(ctx.db);
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < LIMIT - 1; i++)
        assert.equal((await signIn('203.0.113.9', user.email, 'faute de frappe')).statusCode, 401);
      assert.equal((await signIn('203.0.113.9', user.email, PASSWORD)).statusCode, 303, `round ${round + 1}`);
    }
  });

  it('says minutes in the singular and the plural', () => {
    assert.equal(retryIn(30_000), 'Réessayez dans 1 minute.');
    assert.equal(retryIn(60_000), 'Réessayez dans 1 minute.');
    assert.equal(retryIn(61_000), 'Réessayez dans 2 minutes.');
  });
});
