/**
 * The Manifesto in a real browser, on a phone, in Dutch: signing, the mail on a
 * real SMTP listener, the link that shows a button (a GET confirms nothing),
 * the confirmation, the public list and the counter; the defences that
 * quarantine a bot without mailing it; one-click unsubscribe. axe-core scans
 * every public page visited.
 */
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { buildApp } from '../../src/app.js';
import { linkIn, startSmtp, type SmtpListener } from '../support/smtp.js';
import { saveDraft, sendIssue } from '../../src/modules/newsletter/newsletter.issues.service.js';
import { testConfig } from '../setup/app.js';
import { createTestDatabase } from '../setup/databases.js';
import { checkA11y, clickAndLoad, closePage, launchBrowser, newPhonePage, type Server, visit } from './fixtures.js';
import { publishManifesto } from '../factories/index.js';

/** Seconds a person needs at least (the server refuses faster forms into quarantine). */
const MIN_SECONDS = 2;

/**
 * The server's clock, which the tests move instead of waiting: a busy machine
 * must not turn « sent at once » into « sent after a while », nor the reverse.
 */
const clock = {
  skippedMs: 0,
  frozenAt: null as Date | null,
  now(): Date {
    return clock.frozenAt ?? new Date(Date.now() + clock.skippedMs);
  },
  /** A person reads the form before sending it. */
  readForm(): void {
    clock.skippedMs += (MIN_SECONDS + 1) * 1000;
  },
  /** No time passes between showing the form and receiving it. */
  freeze(): void {
    clock.frozenAt = clock.now();
  },
  unfreeze(): void {
    clock.frozenAt = null;
  },
};

/** Like the fixtures' server, with mail going to a real SMTP listener. */
async function startServerWithSmtp(smtp: SmtpListener): Promise<Server> {
  const testDb = await createTestDatabase('sqlite');
  const logs: string[] = [];
  const logStream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      logs.push(chunk.toString('utf8'));
      cb();
    },
  });
  const config = testConfig({ logLevel: 'warn', smtpUrl: smtp.url, signupMinSeconds: MIN_SECONDS }, testDb.config);
  const app = await buildApp(config, { logStream, clock: clock.now });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  config.publicUrl = address;
  return {
    app,
    db: app.db,
    baseUrl: address,
    logs,
    newAccount: () => Promise.reject(new Error('not used')),
    close: async () => {
      await app.close();
      await testDb.drop();
    },
  };
}

describe('manifesto, in a browser on a phone', () => {
  let smtp: SmtpListener;
  let server: Server;
  let browser: Browser;

  before(async () => {
    smtp = await startSmtp();
    [server, browser] = await Promise.all([startServerWithSmtp(smtp), launchBrowser()]);
    await publishManifesto(server.db);
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await smtp?.close();
  });

  const count = async (page: Page) => Number((await page.locator('#count-individuals').innerText()).replace(/\D/g, ''));
  const signature = (email: string) =>
    server.db.selectFrom('signatures').selectAll().where('email', '=', email).executeTakeFirst();
  const pathOf = (link: string) => link.slice(server.baseUrl.length);

  async function fillSignForm(
    page: Page,
    labels: { name: RegExp; email: RegExp; function?: RegExp; town?: RegExp },
    values: { name: string; email: string; function?: string; town?: string },
  ) {
    await page.getByLabel(labels.name).fill(values.name);
    if (labels.function && values.function) await page.getByLabel(labels.function).fill(values.function);
    if (labels.town && values.town) await page.getByLabel(labels.town).fill(values.town);
    await page.getByLabel(labels.email).fill(values.email);
  }

  test(
    'a person signs in Dutch, confirms from the e-mail with the button, appears in the list, the counter moves, then unsubscribes in one click',
    { timeout: 60_000 },
    async () => {
      // Arrange
      const page = await newPhonePage(browser, server);
      await visit(page, '/nl/manifeste');
      assert.equal(await page.locator('html').getAttribute('lang'), 'nl-BE');
      const before = await count(page);
      await visit(page, '/nl/manifeste/historique');

      // Act: sign as an individual, with the public list and the newsletter
      await visit(page, '/nl/manifeste');
      await clickAndLoad(page, page.getByRole('main').getByRole('link', { name: 'Het Manifest ondertekenen' }).first());
      await page.getByRole('radio', { name: 'als persoon' }).check();
      await fillSignForm(
        page,
        { name: /^Naam/, function: /^Functie of organisatie/, town: /^Gemeente/, email: /^E-mailadres/ },
        {
          name: 'Lotte Janssens',
          function: 'Maatschappelijk werker, OCMW',
          town: 'Leuven',
          email: 'lotte.janssens@voorbeeld.be',
        },
      );
      await page.getByRole('checkbox', { name: /openbare lijst/ }).check();
      await page.getByRole('checkbox', { name: /nieuwsbrief/ }).check();
      clock.readForm();
      await clickAndLoad(page, page.getByRole('button', { name: 'Het Manifest ondertekenen' }));

      // Assert: the neutral page, one Dutch mail on the SMTP listener
      assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Controleer uw mailbox');
      assert.deepEqual(await server.app.mailer.flush(server.db), { sent: 1, failed: 0 });
      assert.deepEqual(smtp.received[0]?.to, ['lotte.janssens@voorbeeld.be']);
      const link = linkIn(smtp.received[0], '/nl/manifeste/confirmer?jeton=');
      assert.ok(link.startsWith(server.baseUrl));

      // Act + Assert: opening the link alone confirms nothing
      await visit(page, pathOf(link));
      assert.equal(await page.locator('html').getAttribute('lang'), 'nl-BE');
      assert.equal((await signature('lotte.janssens@voorbeeld.be'))?.status, 'pending');

      // Act: the button confirms
      await clickAndLoad(page, page.getByRole('button', { name: 'Ik bevestig mijn handtekening' }));
      assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Dank u, uw handtekening is bevestigd');
      assert.equal((await signature('lotte.janssens@voorbeeld.be'))?.status, 'confirmed');

      // Assert: in the public list, and the counter moved
      await clickAndLoad(page, page.getByRole('link', { name: 'Bekijk de lijst van ondertekenaars' }));
      const row = page.getByRole('row', { name: /Lotte Janssens/ });
      assert.match(await row.innerText(), /Maatschappelijk werker, OCMW\s+Leuven\s+Persoon/);
      assert.equal(await count(page), before + 1);
      await clickAndLoad(
        page,
        page.getByRole('navigation', { name: 'Hoofdnavigatie' }).getByRole('link', { name: 'Manifest' }),
      );
      assert.equal(await count(page), before + 1);

      // Act: an issue of the newsletter reaches her (she ticked the box; the same confirmation subscribed her)
      smtp.received.length = 0;
      const draft = await saveDraft(
        server.db,
        null,
        {
          fr: { subject: 'Nouvelles du comité', body: 'Une journée d’étude le 12 mars.' },
          nl: { subject: 'Nieuws van het comité', body: 'Een studiedag op 12 maart.' },
          en: null,
        },
        null,
      );
      await sendIssue(
        server.db,
        server.app.vault,
        draft,
        { baseUrl: server.baseUrl, organisationName: 'Comité de test' },
        null,
      );
      await server.app.mailer.flush(server.db);
      const issue = smtp.received.find((m) => m.to.includes('lotte.janssens@voorbeeld.be'));
      assert.match(issue?.headers['list-unsubscribe-post'] ?? '', /List-Unsubscribe=One-Click/);
      const unsubscribe = linkIn(issue, '/nl/newsletter/desinscription?jeton=');

      // Act + Assert: one click unsubscribes
      await visit(page, pathOf(unsubscribe));
      await clickAndLoad(page, page.getByRole('button', { name: 'Uitschrijven' }));
      assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'U bent uitgeschreven');
      const subscriber = await server.db
        .selectFrom('newsletter_subscribers')
        .select('status')
        .where('email', '=', 'lotte.janssens@voorbeeld.be')
        .executeTakeFirst();
      assert.equal(subscriber?.status, 'unsubscribed');
      await closePage(page);
    },
  );

  test(
    'a form whose honeypot is filled, or sent back too fast, is quarantined and mailed nothing (without JavaScript too)',
    { timeout: 30_000 },
    async () => {
      smtp.received.length = 0;
      // Arrange: a browser without JavaScript, as some people use, and as bots do
      const page = await newPhonePage(browser, server, { javaScriptEnabled: false });

      // Act: a bot fills the field people never see
      await visit(page, '/manifeste/signer');
      await fillSignForm(
        page,
        { name: /^Nom/, email: /^Adresse e-mail/ },
        { name: 'Robot Pot-de-miel', email: 'robot1@exemple.be' },
      );
      await page.locator('#site_web').fill('http://spam.example', { force: true });
      clock.readForm();
      await clickAndLoad(page, page.getByRole('button', { name: 'Signer le Manifeste' }));
      assert.equal(
        await page.getByRole('heading', { level: 1 }).innerText(),
        'Vérifiez votre boîte mail',
        'the same neutral answer',
      );

      // Act: another submits at once, in English
      await visit(page, '/en/newsletter');
      clock.freeze();
      await visit(page, '/en/manifeste/signer');
      await fillSignForm(
        page,
        { name: /^Name/, email: /^E-mail address/ },
        { name: 'Speedy Bot', email: 'robot2@exemple.be' },
      );
      await clickAndLoad(page, page.getByRole('button', { name: 'Sign the Manifesto' }));
      clock.unfreeze();
      assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Check your mailbox');
      await checkA11y(page);

      // Assert: both wait in quarantine with their reason, and no mail left
      assert.equal((await signature('robot1@exemple.be'))?.status, 'quarantined');
      assert.equal((await signature('robot1@exemple.be'))?.quarantine_reasons, 'honeypot');
      assert.equal((await signature('robot2@exemple.be'))?.status, 'quarantined');
      assert.equal((await signature('robot2@exemple.be'))?.quarantine_reasons, 'too_fast');
      assert.deepEqual(await server.app.mailer.flush(server.db), { sent: 0, failed: 0 });
      assert.equal(smtp.received.length, 0);
      await closePage(page);
    },
  );
});
