/**
 * Board meetings in a real browser, on a phone: the agenda built from the
 * requests flagged « à discuter en bureau », attendance, a decision that
 * closes a request and one that invites the requester to a later meeting,
 * both on the requests' timelines and in the minutes' PDF, then the minutes
 * approved at the next meeting and frozen.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { changeStatus, createRequest } from '../../src/modules/requests/requests.service.js';
import { buildRequestInput, buildUser } from '../factories/index.js';
import { pdfText } from '../support/pdf-text.js';
import {
  type Account,
  checkA11y,
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

describe('board meetings, in a browser on a phone', () => {
  let server: Server;
  let browser: Browser;
  let alice: Account;
  const closingSubject = 'Une AS de CPAS se demande si elle peut répondre à la police';
  const hearingSubject = 'Une équipe AMO souhaite rencontrer le bureau';

  before(async () => {
    // A fixed day (Friday 27 November 2026): the meetings and shifts below are ahead of it.
    [server, browser] = await Promise.all([
      startServer({ clock: () => new Date('2026-11-27T10:00:00Z') }),
      launchBrowser(),
    ]);
    alice = await server.newAccount(['board'], 'Alice Bureau');
    await server.newAccount(['board'], 'Bruno Bureau');
    const author = await buildUser(server.db, ['board'], { displayName: 'Chloé Bureau' });
    for (const subject of [closingSubject, hearingSubject]) {
      const input = await buildRequestInput(server.db, { subject, receivedOn: '2026-11-02' });
      const { id } = await createRequest(server.db, server.app.vault, input, author);
      await changeStatus(server.db, id, 'to_discuss', author);
    }
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  async function createMeeting(page: Page, heldOn: string): Promise<string> {
    await visit(page, '/bureau/reunions');
    await clickAndLoad(page, page.getByRole('link', { name: 'Nouvelle réunion' }));
    await page.getByLabel(/^Date/).fill(heldOn);
    await page.getByLabel(/^Début/).fill('19:00');
    await page.getByLabel(/^Lieu/).fill('Maison des associations');
    await clickAndLoad(page, page.getByRole('button', { name: 'Créer la réunion' }));
    return new URL(page.url()).pathname;
  }

  async function openRequest(page: Page, meetingPath: string, subject: string): Promise<void> {
    await visit(page, meetingPath);
    await clickAndLoad(page, page.getByRole('link', { name: new RegExp(subject) }).first());
    await clickAndLoad(page, page.getByRole('link', { name: /^Ouvrir la demande/ }));
  }

  async function decide(page: Page, meetingPath: string, subject: string, text: string, action: RegExp) {
    await visit(page, meetingPath);
    await clickAndLoad(page, page.getByRole('link', { name: new RegExp(subject) }).first());
    await page.getByRole('textbox', { name: /^Décision/ }).fill(text);
    await page.getByRole('radio', { name: action }).check();
  }

  test(
    'agenda from flagged requests, attendance, decisions on the timeline and in the minutes, then frozen',
    { timeout: 90_000 },
    async () => {
      // Arrange
      const page = await newPhonePage(browser, server);
      await logIn(page, alice);
      const next = await createMeeting(page, '2026-12-18');
      const meeting = await createMeeting(page, '2026-12-04');

      // Act: the agenda from the flagged requests, plus attendance
      await page
        .getByRole('group', { name: /Demandes marquées/ })
        .getByRole('checkbox')
        .first()
        .check();
      await page
        .getByRole('group', { name: /Demandes marquées/ })
        .getByRole('checkbox')
        .last()
        .check();
      await clickAndLoad(page, page.getByRole('button', { name: 'Ajouter à l’ordre du jour' }));
      await page.getByRole('group', { name: 'Alice Bureau' }).getByLabel('Présent·e').check();
      await page.getByRole('group', { name: 'Bruno Bureau' }).getByLabel('Excusé·e').check();
      await clickAndLoad(page, page.getByRole('button', { name: 'Enregistrer les présences' }));

      // Assert: both requests are on the agenda
      await screenshot(page, 'telephone-reunion-ordre-du-jour');
      const agenda = await page.locator('ol.agenda').innerText();
      assert.match(agenda, new RegExp(closingSubject));
      assert.match(agenda, new RegExp(hearingSubject));

      // Act: a decision that closes a request, one that schedules a hearing
      await decide(
        page,
        meeting,
        closingSubject,
        'Pas de réponse à la police sans réquisition écrite.',
        /^Réponse donnée/,
      );
      await clickAndLoad(page, page.getByRole('button', { name: 'Enregistrer la décision' }));
      await decide(
        page,
        meeting,
        hearingSubject,
        'L’équipe est invitée à la réunion suivante.',
        /^Inviter en rencontre/,
      );
      await page.getByLabel(/^Réunion de la rencontre en bureau/).selectOption({ index: 1 });
      await screenshot(page, 'telephone-reunion-decision');
      await clickAndLoad(page, page.getByRole('button', { name: 'Enregistrer la décision' }));

      // Assert: each request's timeline shows its decision
      await openRequest(page, meeting, hearingSubject);
      const hearingTimeline = await page.getByRole('region', { name: 'Suivi' }).innerText();
      assert.match(hearingTimeline, /L’équipe est invitée à la réunion suivante\./);
      assert.match(hearingTimeline, /rencontre en bureau prévue le 18 décembre 2026/);
      await openRequest(page, meeting, closingSubject);
      assert.equal(await page.getByText('Clôturée', { exact: true }).count(), 1);
      assert.match(
        await page.getByRole('region', { name: 'Suivi' }).innerText(),
        /Décision du bureau du 4 décembre 2026\u00a0: Pas de réponse à la police sans réquisition écrite\./,
      );
      // The hearing is on the next meeting's agenda, linked to its request.
      await visit(page, next);
      assert.match(await page.locator('ol.agenda').innerText(), new RegExp(hearingSubject));

      // Assert: the minutes' PDF holds the attendance and both decisions
      const draft = pdfText(await (await page.context().request.get(`${meeting}/proces-verbal.pdf`)).body());
      assert.match(draft, /Présent·es : Alice Bureau/);
      assert.match(draft, /Excusé·es : Bruno Bureau/);
      assert.match(draft, /Pas de réponse à la police sans réquisition écrite\. Demande clôturée : Réponse donnée/);
      assert.match(
        draft,
        /L’équipe est invitée à la réunion suivante\. Rencontre en bureau prévue le 18 décembre 2026/,
      );
      assert.match(draft, /Projet : à approuver/);

      // Act: approved at the next meeting
      await clickAndLoad(page, page.getByRole('button', { name: /^Approuver le procès-verbal/ }));

      // Assert: the minutes are frozen
      await visit(page, meeting);
      assert.match(await page.locator('.notice').first().innerText(), /il ne peut plus être modifié/);
      await screenshot(page, 'telephone-reunion-pv-approuve');
      assert.equal(await page.getByRole('button', { name: 'Enregistrer les présences' }).count(), 0);
      assert.equal(await page.getByRole('link', { name: 'Modifier la réunion' }).count(), 0);
      await clickAndLoad(page, page.getByRole('link', { name: new RegExp(closingSubject) }).first());
      assert.equal(await page.getByRole('button', { name: 'Enregistrer les notes' }).count(), 0);
      assert.equal(await page.getByRole('button', { name: 'Enregistrer la décision' }).count(), 0);
      const approved = pdfText(await (await page.context().request.get(`${meeting}/proces-verbal.pdf`)).body());
      assert.match(approved, /Approuvé lors de la réunion du 18 décembre 2026/);
      await checkA11y(page);
      await closePage(page);
    },
  );
  test('the helpline rota: prepare the year, take a shift, subscribe to my calendar', { timeout: 60_000 }, async () => {
    // Arrange
    const page = await newPhonePage(browser, server);
    await logIn(page, alice);

    // Act: prepare the school year's shifts, take the first free one
    await visit(page, '/bureau/permanences');
    await clickAndLoad(page, page.getByRole('button', { name: 'Préparer les permanences 2026-2027' }));
    assert.match(await page.getByRole('status').first().innerText(), /^\d+ permanences ajoutées\.$/);
    await clickAndLoad(page, page.getByRole('button', { name: /^Je la prends : la permanence du 3 décembre 2026/ }));

    // Assert: the shift is hers, the unverified holidays say so
    const row = page.getByRole('row').filter({ hasText: 'jeudi 3 décembre 2026' });
    assert.match(await row.innerText(), /Alice Bureau/);
    assert.match(
      await page.getByRole('note').innerText(),
      /Vacances d’hiver \(Noël\)\u00a0: 21\/12\/2026 au 01\/01\/2027 \(à vérifier\)/,
    );
    await screenshot(page, 'telephone-permanences');

    // Act: her private calendar link
    await visit(page, '/compte/agenda');
    await clickAndLoad(page, page.getByRole('button', { name: 'Créer mon lien privé' }));

    // Assert: the link is shown once and serves her shift
    const link = await page.locator('code').innerText();
    assert.match(link, /\/calendrier\.ics\?cle=/);
    const feed = await (await page.context().request.get(link.slice(link.indexOf('/calendrier.ics')))).text();
    assert.match(feed, /SUMMARY:Permanence téléphonique/);
    await screenshot(page, 'telephone-mon-agenda');
    await closePage(page);
  });
});
