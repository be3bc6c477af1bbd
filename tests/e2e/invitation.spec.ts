/**
 * Persona: a board member, on a laptop, invites a colleague. The colleague
 * reads the welcome mail (on a real SMTP listener, parsed by mailparser),
 * chooses a password on a phone and signs in. axe-core scans every page, the
 * mail's HTML too.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { linkIn, startSmtp, type SmtpListener } from '../support/smtp.js';
import {
  type Account,
  checkA11y,
  clickAndLoad,
  closePage,
  launchBrowser,
  logIn,
  newLaptopPage,
  newPhonePage,
  screenshot,
  type Server,
  startServer,
  visit,
} from './fixtures.js';

describe('persona: a board member invites a colleague', () => {
  let smtp: SmtpListener;
  let server: Server;
  let browser: Browser;
  let boardMember: Account;

  before(async () => {
    smtp = await startSmtp();
    [server, browser] = await Promise.all([startServer({ config: { smtpUrl: smtp.url } }), launchBrowser()]);
    // The board member who also keeps the accounts (only administrators invite).
    boardMember = await server.newAccount(['board', 'admin'], 'Béatrice Bureau');
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await smtp?.close();
  });

  test('the colleague sets a password from the welcome mail and signs in', { timeout: 90_000 }, async () => {
    // Arrange
    const colleague = { name: 'Carlos Collègue', email: 'carlos.collegue@exemple.be' };
    const password = 'une phrase facile à retenir';
    const laptop = await newLaptopPage(browser, server);
    await logIn(laptop, boardMember);

    // Act: the board member invites the colleague
    await visit(laptop, '/admin/utilisateurs');
    const form = laptop.getByRole('form', { name: 'Inviter une personne' });
    await form.getByLabel('Nom').fill(colleague.name);
    await form.getByLabel('Adresse e-mail').fill(colleague.email);
    await form.getByRole('checkbox', { name: /^Bureau/ }).check();
    await screenshot(laptop, 'laptop-inviter-une-personne');
    await clickAndLoad(laptop, form.getByRole('button', { name: 'Envoyer l’invitation' }));
    assert.match(await laptop.getByRole('status').first().innerText(), /Carlos Collègue/);
    await closePage(laptop);

    // Assert: one welcome mail on the SMTP listener, with a text and an HTML part
    assert.deepEqual(await server.app.mailer.flush(server.db), { sent: 1, failed: 0 });
    const mail = smtp.received.find((m) => m.to.includes(colleague.email));
    assert.ok(mail, 'the welcome mail reached the SMTP listener');
    assert.equal(mail.subject, 'Béatrice Bureau vous invite dans Vigie, l’outil du Comité de test');
    assert.match(mail.text, /Bonjour Carlos Collègue/);
    assert.match(mail.text, /Votre rôle\u00a0: membre du bureau/);
    assert.doesNotMatch(mail.text, /nouveau mot de passe|dans l’heure/, 'a welcome, not a password reset');
    assert.match(mail.html ?? '', /Choisir mon mot de passe/);
    const link = linkIn(mail, '/bienvenue?jeton=');
    assert.ok(link.startsWith(server.baseUrl), link);

    // Act: the colleague opens the link on a phone and chooses a password
    const phone = await newPhonePage(browser, server);
    await phone.setContent(mail.html ?? '');
    await checkA11y(phone);
    await screenshot(phone, 'telephone-courriel-de-bienvenue');
    await visit(phone, link.slice(server.baseUrl.length));
    assert.equal(await phone.getByRole('heading', { level: 1 }).innerText(), 'Bienvenue, Carlos Collègue');
    await phone.getByLabel('Nouveau mot de passe').fill(password);
    await phone.getByLabel('Confirmer le mot de passe').fill(password);
    await screenshot(phone, 'telephone-bienvenue');
    await clickAndLoad(phone, phone.getByRole('button', { name: 'Enregistrer mon mot de passe' }));

    // Assert: asked to sign in, with a welcome
    assert.equal(new URL(phone.url()).pathname, '/connexion');
    assert.match(await phone.getByRole('status').first().innerText(), /Bienvenue/);

    // Act: the colleague signs in with the new password
    await phone.getByLabel('Adresse e-mail').fill(colleague.email);
    await phone.getByLabel('Mot de passe').fill(password);
    await clickAndLoad(phone, phone.getByRole('button', { name: 'Se connecter' }));

    // Assert: inside, under their own name; the link is spent
    assert.doesNotMatch(new URL(phone.url()).pathname, /^\/connexion/);
    assert.equal(
      await phone
        .getByRole('navigation', { name: 'Navigation principale' })
        .getByRole('link', { name: 'Demandes' })
        .count(),
      1,
    );
    const account = await server.db
      .selectFrom('users')
      .select(['display_name', 'role'])
      .where('email', '=', colleague.email)
      .executeTakeFirstOrThrow();
    assert.deepEqual(account, { display_name: colleague.name, role: 'board' });
    await visit(phone, link.slice(server.baseUrl.length), 410);
    await checkA11y(phone);
    await closePage(phone);
  });
});
