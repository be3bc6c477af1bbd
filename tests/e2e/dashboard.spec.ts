/**
 * « Mon tableau de bord » in a real browser on a phone, without JavaScript:
 * a board member signs in and lands on it, receives the e-mail of a request
 * entrusted to her (on a real SMTP listener), follows its link, then turns
 * that e-mail off.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import type { CurrentUser } from '../../src/web/access.js';
import { deliverNotices } from '../../src/modules/notices/notices.service.js';
import { createRequest } from '../../src/modules/requests/requests.service.js';
import { buildRequestInput } from '../factories/index.js';
import { linkIn, startSmtp, type SmtpListener } from '../support/smtp.js';
import {
  type Account,
  clickAndLoad,
  closePage,
  launchBrowser,
  logIn,
  newPhonePage,
  screenshot,
  type Server,
  startServer,
  visit,
} from './fixtures.js';

describe('« Mon tableau de bord », in a browser on a phone', () => {
  let server: Server;
  let browser: Browser;
  let smtp: SmtpListener;
  let alice: Account;
  let bruno: CurrentUser;

  before(async () => {
    smtp = await startSmtp();
    [server, browser] = await Promise.all([startServer({ config: { smtpUrl: smtp.url } }), launchBrowser()]);
    alice = await server.newAccount(['board'], 'Alice Bureau');
    const b = await server.newAccount(['board'], 'Bruno Bureau');
    const row = await server.db.selectFrom('users').select('id').where('email', '=', b.email).executeTakeFirstOrThrow();
    bruno = { id: row.id, email: b.email, displayName: b.displayName, roles: ['board'], sessionId: '' };
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await smtp?.close();
  });

  const aliceId = async () =>
    (await server.db.selectFrom('users').select('id').where('email', '=', alice.email).executeTakeFirstOrThrow()).id;

  /** Bruno entrusts a request to Alice; the notices go out and the outbox is sent to the SMTP listener. */
  async function entrustToAlice(subject: string) {
    const created = await createRequest(
      server.db,
      server.app.vault,
      await buildRequestInput(server.db, { subject, assigneeIds: [await aliceId()], identityName: 'Martine Dubois' }),
      bruno,
    );
    await deliverNotices(server.db, { baseUrl: server.baseUrl, organisationName: 'Comité de test' });
    await server.app.mailer.flush(server.db);
    return created;
  }

  test(
    'lands on the dashboard, follows the e-mailed link, then turns the e-mail off',
    { timeout: 120_000 },
    async () => {
      // Arrange
      const subject = 'Un éducateur de rue est interrogé sur un jeune qu’il suit';
      const { id, reference } = await entrustToAlice(subject);
      const page = await newPhonePage(browser, server, { javaScriptEnabled: false });

      // Act: she signs in
      await logIn(page, alice);

      // Assert: the dashboard, her request in « Mes demandes », the meeting to plan
      assert.equal(new URL(page.url()).pathname, '/tableau-de-bord');
      assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Mon tableau de bord');
      const mine = page.getByRole('region', { name: 'Mes demandes' });
      assert.equal(await mine.getByRole('link', { name: subject }).count(), 1);
      const meeting = page.getByRole('region', { name: 'Prochain bureau' });
      assert.equal(await meeting.getByRole('link', { name: 'Prévoir une réunion' }).count(), 1);
      const activity = page.getByRole('region', { name: 'Activité récente du registre' });
      assert.match(await activity.innerText(), new RegExp(`Bruno Bureau a créé la demande ${reference}`));
      await screenshot(page, 'telephone-tableau-de-bord');

      // Assert: the e-mail carries the reference and a link, nothing else
      const mail = smtp.received.find((m) => m.to.includes(alice.email));
      assert.ok(mail, 'the notice reached the SMTP listener');
      assert.equal(mail.subject, `Vigie\u00a0: la demande ${reference} vous est confiée`);
      assert.doesNotMatch(mail.text, /éducateur|jeune|Martine|Dubois/);
      const link = linkIn(mail, `/demandes/${id}`);

      // Act: she follows the link
      await visit(page, link.slice(server.baseUrl.length));

      // Assert
      assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), subject);

      // Act: she turns off the e-mail of requests entrusted to her
      await visit(page, '/tableau-de-bord');
      await clickAndLoad(page, page.getByRole('link', { name: 'Mes avis par e-mail' }));
      await page.getByRole('checkbox', { name: 'une demande m’est confiée' }).uncheck();
      await screenshot(page, 'telephone-mes-avis');
      await clickAndLoad(page, page.getByRole('button', { name: 'Enregistrer' }));

      // Assert: saved, and the next request entrusted to her sends nothing
      assert.match(await page.getByRole('status').first().innerText(), /avis par e-mail sont enregistrés/);
      assert.equal(await page.getByRole('checkbox', { name: 'une demande m’est confiée' }).isChecked(), false);
      assert.equal(await page.getByRole('checkbox', { name: /à discuter en bureau/ }).isChecked(), true);
      const before = smtp.received.length;
      await entrustToAlice('Une seconde demande confiée à Alice');
      assert.equal(smtp.received.length, before);
      await closePage(page);
    },
  );
});
