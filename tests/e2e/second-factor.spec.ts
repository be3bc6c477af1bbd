/**
 * Two-factor sign-in in a real browser: a passkey registered and used through
 * Chromium's virtual authenticator (DevTools protocol, WebAuthn domain), and
 * an authenticator app enrolled without JavaScript. axe scans every page.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { base32Decode, totp } from '../../src/lib/totp.js';
import {
  type Account,
  clickAndLoad,
  closePage,
  launchBrowser,
  newPhonePage,
  PASSWORD,
  type Server,
  startServer,
  visit,
} from './fixtures.js';

/** Password step only: with a second factor, the login stops at /connexion/verification. */
async function enterPassword(page: Page, account: Account): Promise<void> {
  await visit(page, '/connexion');
  await page.getByLabel('Adresse e-mail').fill(account.email);
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await clickAndLoad(page, page.getByRole('button', { name: 'Se connecter' }));
}

describe('two-factor sign-in, in a browser', () => {
  let server: Server;
  let browser: Browser;
  // WebAuthn refuses an IP address as the relying party: the browser uses « localhost ».
  let local: Server;
  // The server's clock for time-based codes: the test computes each code at this instant.
  let now = new Date('2026-11-27T10:00:05Z');

  before(async () => {
    [server, browser] = await Promise.all([startServer({ clock: () => now }), launchBrowser()]);
    const url = new URL(server.baseUrl);
    url.hostname = 'localhost';
    const localUrl = url.origin;
    server.app.config.publicUrl = localUrl;
    local = { ...server, baseUrl: localUrl };
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('a passkey is registered, then used to sign in', { timeout: 120_000 }, async () => {
    // Arrange: an administrator without a second factor, a virtual authenticator in the browser
    const admin = await server.newAccount(['admin'], 'Adèle Clé');
    const page = await newPhonePage(browser, local);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    });

    // Act: sign in with the password, open « Sécurité du compte », add a passkey
    await enterPassword(page, admin);
    assert.equal(new URL(page.url()).pathname, '/admin/utilisateurs');
    await clickAndLoad(page, page.getByRole('link', { name: /sécurité du compte/ }));
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Sécurité du compte');
    await page.getByLabel('Nom de la clé').fill('Téléphone de test');
    await clickAndLoad(page, page.getByRole('button', { name: 'Ajouter une clé d’accès' }));

    // Assert: ten recovery codes shown once, the key listed, the authenticator holds it
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Vos codes de secours');
    assert.equal(
      await page
        .getByRole('listitem')
        .filter({ hasText: /^[a-z2-7]{4}-/ })
        .count(),
      10,
    );
    await clickAndLoad(page, page.getByRole('link', { name: 'J’ai noté mes codes, continuer' }));
    assert.ok(await page.getByText('Téléphone de test', { exact: true }).isVisible());
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    assert.equal(credentials.length, 1);

    // Act: sign out, sign in again: the password is not enough
    await clickAndLoad(page, page.getByRole('button', { name: 'Se déconnecter' }));
    await enterPassword(page, admin);
    assert.equal(new URL(page.url()).pathname, '/connexion/verification');
    await clickAndLoad(page, page.getByRole('button', { name: 'Utiliser ma clé d’accès' }));

    // Assert: signed in with the passkey, and the trail says so
    assert.equal(new URL(page.url()).pathname, '/admin/utilisateurs');
    const login = await server.db
      .selectFrom('audit_events')
      .innerJoin('users', 'users.id', 'audit_events.actor_id')
      .select('audit_events.summary')
      .where('users.email', '=', admin.email)
      .where('audit_events.action', '=', 'user.login')
      .orderBy('audit_events.id', 'desc')
      .executeTakeFirstOrThrow();
    assert.equal(login.summary, 'double vérification avec une clé d’accès');
    const after = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    assert.ok((after.credentials[0]?.signCount ?? 0) >= 1, 'the authenticator signed the login');
    await closePage(page);
  });

  test('an authenticator app is enrolled and used without JavaScript', { timeout: 120_000 }, async () => {
    // Arrange
    const member = await server.newAccount(['board'], 'Bruno Appli');
    const page = await newPhonePage(browser, local, { javaScriptEnabled: false });

    // Act: enrol from the secret shown as text (the passkey form stays hidden without JavaScript)
    await enterPassword(page, member);
    await visit(page, '/compte/securite');
    assert.equal(await page.getByRole('button', { name: 'Ajouter une clé d’accès' }).isVisible(), false);
    await clickAndLoad(page, page.getByRole('link', { name: 'Activer une application' }));
    assert.ok(await page.getByRole('img', { name: /Code QR/ }).isVisible());
    const secret = base32Decode(await page.locator('code.secret').innerText());
    await page.getByLabel('Code à 6 chiffres affiché par l’application').fill(totp(secret, now));
    await clickAndLoad(page, page.getByRole('button', { name: 'Activer' }));
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Vos codes de secours');
    await clickAndLoad(page, page.getByRole('link', { name: 'J’ai noté mes codes, continuer' }));
    await clickAndLoad(page, page.getByRole('button', { name: 'Se déconnecter' }));

    // Act: sign in with the password, then a code of a later step
    now = new Date(now.getTime() + 60_000);
    await enterPassword(page, member);
    assert.equal(new URL(page.url()).pathname, '/connexion/verification');
    await page.getByRole('textbox', { name: /^Code \(/ }).fill('000000' === totp(secret, now) ? '111111' : '000000');
    await clickAndLoad(page, page.getByRole('button', { name: 'Vérifier' }));
    assert.match(await page.getByRole('alert').innerText(), /n’est pas valable/);
    await page.getByRole('textbox', { name: /^Code \(/ }).fill(totp(secret, now));
    await clickAndLoad(page, page.getByRole('button', { name: 'Vérifier' }));

    // Assert
    assert.equal(new URL(page.url()).pathname, '/tableau-de-bord');
    await closePage(page);
  });
});
