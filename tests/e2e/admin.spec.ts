/**
 * The pages around the register: login, forgotten password and the
 * administration pages, each scanned by axe in a browser.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { requestPasswordReset } from '../../src/modules/auth/auth.password-links.service.js';
import { listOutbox } from '../../src/modules/mail/mail.service.js';
import {
  type Account,
  clickAndLoad,
  closePage,
  launchBrowser,
  logIn,
  newPhonePage,
  PASSWORD,
  type Server,
  startServer,
  visit,
} from './fixtures.js';

describe('login and administration pages, in a browser', () => {
  let server: Server;
  let browser: Browser;
  let admin: Account;

  before(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    admin = await server.newAccount(['admin'], 'Adèle Admin');
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test(
    'login and forgotten-password pages pass axe, with their error and confirmation states',
    { timeout: 30_000 },
    async () => {
      // Arrange
      const page = await newPhonePage(browser, server);

      // Act + Assert: a wrong password shows the error summary
      await visit(page, '/connexion');
      await page.getByLabel('Adresse e-mail').fill(admin.email);
      await page.getByLabel('Mot de passe').fill(`${PASSWORD} faux`);
      await clickAndLoad(page, page.getByRole('button', { name: 'Se connecter' }));
      assert.match(await page.getByRole('alert').innerText(), /Adresse e-mail ou mot de passe incorrect/);

      // Act + Assert: an empty address is refused, then a real one is accepted
      await clickAndLoad(page, page.getByRole('link', { name: 'Mot de passe oublié ?' }));
      await clickAndLoad(page, page.getByRole('button', { name: 'Recevoir un lien' }));
      assert.equal(await page.getByRole('alert').count(), 1);
      await page.getByLabel('Adresse e-mail').fill(admin.email);
      await clickAndLoad(page, page.getByRole('button', { name: 'Recevoir un lien' }));
      assert.match(await page.getByRole('status').innerText(), /un e-mail vient d’être envoyé/);

      // Act + Assert: the link in the message opens the new-password page
      const message = (await listOutbox(server.db)).find((m) => m.to_address === admin.email);
      const link = /https?:\/\/\S+\/reinitialiser\?jeton=\S+/.exec(message?.text_body ?? '')?.[0];
      assert.ok(link && link.startsWith(server.baseUrl), `reset link to this server in: ${message?.text_body}`);
      await visit(page, link.slice(server.baseUrl.length));
      assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Choisir un nouveau mot de passe');
      await closePage(page);
    },
  );

  test('the administration pages pass axe', { timeout: 30_000 }, async () => {
    // Arrange: a message in the outbox, an entry in the journal
    await requestPasswordReset(server.db, admin.email, server.baseUrl, 'Comité de test');
    const page = await newPhonePage(browser, server);
    await logIn(page, admin);

    // Act + Assert
    assert.equal(new URL(page.url()).pathname, '/admin/utilisateurs');
    for (const path of ['/admin/utilisateurs', '/admin/taxonomie', '/admin/journal', '/admin/courriels'])
      await visit(page, path);
    assert.ok(
      (await page.getByRole('heading', { level: 2, name: 'Vigie : choisir un nouveau mot de passe' }).count()) >= 1,
      'the outbox lists the reset message',
    );
    await closePage(page);
  });
});
