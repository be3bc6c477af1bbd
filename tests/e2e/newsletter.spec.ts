/**
 * Persona: a Dutch-speaking visitor, on a phone, subscribes to the newsletter;
 * a board member, on a laptop, writes an issue in French and Dutch and sends
 * it. The visitor's mail reaches a real SMTP listener and is read with
 * mailparser: Dutch, an HTML part and a plain-text part, no raw formatting
 * marks, an unsubscribe link. axe-core scans every page, the mail's HTML too.
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

describe('persona: a Dutch visitor receives the newsletter in Dutch', () => {
  let smtp: SmtpListener;
  let server: Server;
  let browser: Browser;
  let boardMember: Account;

  before(async () => {
    smtp = await startSmtp();
    // No minimum time to fill the form here: the defences have their own tests (manifesto.spec.ts).
    [server, browser] = await Promise.all([
      startServer({ config: { smtpUrl: smtp.url, signupMinSeconds: 0 } }),
      launchBrowser(),
    ]);
    boardMember = await server.newAccount(['board'], 'Bérénice Bureau');
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await smtp?.close();
  });

  test(
    'subscribes on a phone, confirms, and receives a Dutch issue with an HTML part',
    { timeout: 120_000 },
    async () => {
      // Arrange
      const email = 'lieve.peeters@voorbeeld.be';
      const phone = await newPhonePage(browser, server, { locale: 'nl-BE' });

      // Act: the visitor subscribes in Dutch
      await visit(phone, '/nl/newsletter');
      assert.equal(await phone.locator('html').getAttribute('lang'), 'nl-BE');
      await phone.getByLabel(/^E-mailadres/).fill(email);
      await screenshot(phone, 'telephone-nl-nieuwsbrief');
      await clickAndLoad(phone, phone.getByRole('button', { name: 'Abonneren' }));
      assert.equal(await phone.getByRole('heading', { level: 1 }).innerText(), 'Controleer uw mailbox');

      // Act: she confirms from the Dutch mail, with the button
      assert.deepEqual(await server.app.mailer.flush(server.db), { sent: 1, failed: 0 });
      const confirmation = smtp.received.find((m) => m.to.includes(email));
      assert.equal(confirmation?.subject, 'Bevestig uw abonnement op de nieuwsbrief');
      const confirmLink = linkIn(confirmation, '/nl/newsletter/confirmer?jeton=');
      await visit(phone, confirmLink.slice(server.baseUrl.length));
      await clickAndLoad(phone, phone.getByRole('button', { name: 'Ik bevestig mijn abonnement' }));
      assert.equal(await phone.getByRole('heading', { level: 1 }).innerText(), 'Abonnement bevestigd');

      // Act: a board member writes the issue in French and Dutch, then sends it
      const laptop = await newLaptopPage(browser, server);
      await logIn(laptop, boardMember);
      await visit(laptop, '/bureau/newsletter/rediger');
      await laptop
        .getByRole('textbox', { name: /^Objet/ })
        .first()
        .fill('Journée d’étude du 12 mars');
      await laptop
        .getByRole('textbox', { name: /^Texte/ })
        .first()
        .fill('## Journée d’étude\n\nLe **12 mars**, à Bruxelles. [Le programme](https://exemple.be/programme).');
      await laptop.getByText(/^Version en néerlandais/).click();
      const dutch = laptop.locator('details').filter({ hasText: /^Version en néerlandais/ });
      await dutch.getByRole('textbox', { name: /^Objet/ }).fill('Studiedag op 12 maart');
      await dutch
        .getByRole('textbox', { name: /^Texte/ })
        .fill('## Studiedag\n\nOp **12 maart**, in Brussel. [Het programma](https://exemple.be/programma).');
      await clickAndLoad(laptop, laptop.getByRole('button', { name: 'Enregistrer le brouillon' }));
      await screenshot(laptop, 'laptop-newsletter-brouillon');
      await clickAndLoad(laptop, laptop.getByRole('link', { name: 'Envoyer aux abonné·e·s…' }));
      assert.match(await laptop.getByRole('main').innerText(), /1 abonné·e en néerlandais/);
      await clickAndLoad(laptop, laptop.getByRole('button', { name: /^Confirmer l’envoi à 1 abonné·e$/ }));

      // Assert: honest states, « en file » before the mails left, « envoyé à 1 » after
      assert.match(await laptop.getByRole('status').last().innerText(), /^En file\u00a0: 0 envoyé sur 1/);
      assert.deepEqual(await server.app.mailer.flush(server.db), { sent: 1, failed: 0 });
      await laptop.reload();
      await checkA11y(laptop);
      assert.match(await laptop.getByRole('status').last().innerText(), /^Envoyé à 1 abonné·e/);
      await screenshot(laptop, 'laptop-newsletter-envoyee');
      await closePage(laptop);

      // Assert: the mail she receives, parsed by mailparser, is Dutch, with both parts
      const issue = smtp.received.find((m) => m.to.includes(email) && m !== confirmation);
      assert.ok(issue, 'the issue reached the SMTP listener');
      assert.equal(issue.subject, 'Studiedag op 12 maart');
      assert.ok(issue.html, 'the mail has an HTML part');
      assert.match(issue.html, /<html[^>]* lang="nl-BE"/);
      assert.match(issue.html, /<h2[^>]*>Studiedag<\/h2>/);
      assert.match(issue.html, /<strong>12 maart<\/strong>/);
      assert.match(issue.html, /href="https:\/\/exemple\.be\/programma"/);
      assert.match(issue.html, /Comité de test/);
      assert.match(issue.text, /Studiedag/);
      assert.doesNotMatch(`${issue.text}\n${issue.html}`, /##|\*\*|\]\(/, 'no raw formatting marks');
      assert.doesNotMatch(issue.text, /Journée d’étude/, 'not the French version');
      const unsubscribe = linkIn(issue, '/nl/newsletter/desinscription?jeton=');
      assert.match(issue.headers['list-unsubscribe'] ?? '', /desinscription/);

      // Assert: the HTML part, as her phone shows it, passes axe and is kept as a screenshot
      await phone.setContent(issue.html);
      await checkA11y(phone);
      await screenshot(phone, 'telephone-nl-nieuwsbrief-courriel');

      // Act + Assert: the link in the mail unsubscribes her
      await visit(phone, unsubscribe.slice(server.baseUrl.length));
      await clickAndLoad(phone, phone.getByRole('button', { name: 'Uitschrijven' }));
      assert.equal(await phone.getByRole('heading', { level: 1 }).innerText(), 'U bent uitgeschreven');
      await closePage(phone);
    },
  );
});
