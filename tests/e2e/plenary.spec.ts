/**
 * The plenary in a real browser, on a phone: a board member creates the
 * assembly, builds and reorders its agenda without JavaScript's help, sends
 * the convocation (read back from the outbox, with its one-click unsubscribe
 * link, which a member then follows), records attendance on the day, writes
 * the minutes and approves them: then nothing changes any more.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { createMember } from '../../src/modules/members/members.service.js';
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

describe('the plenary, in a browser on a phone', () => {
  let server: Server;
  let browser: Browser;
  let alice: Account;
  // Friday 27 November 2026; moved to the assembly's day below (never waited for).
  let now = new Date('2026-11-27T10:00:00Z');
  const base = {
    contactPhone: '',
    joinedOn: '2024-01-10',
    leftOn: null,
    showPublicly: false,
    notes: '',
  } as const;

  before(async () => {
    [server, browser] = await Promise.all([startServer({ clock: () => now }), launchBrowser()]);
    alice = await server.newAccount(['board'], 'Alice Bureau');
    await createMember(
      server.db,
      {
        ...base,
        kind: 'organisation',
        name: 'Collectif des AS de CPAS',
        contactEmail: 'collectif@exemple.be',
        mailConsent: true,
      },
      null,
    );
    await createMember(
      server.db,
      { ...base, kind: 'individual', name: 'Eva Membre', contactEmail: 'eva@exemple.be', mailConsent: true },
      null,
    );
    await createMember(
      server.db,
      { ...base, kind: 'individual', name: 'Hugo Sans Accord', contactEmail: 'hugo@exemple.be' },
      null,
    );
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('assembly, agenda, convocation, attendance, minutes approved then frozen', { timeout: 120_000 }, async () => {
    // Arrange
    const page = await newPhonePage(browser, server);
    page.on('dialog', (dialog) => void dialog.accept());
    await logIn(page, alice);

    // Act: the assembly and its agenda
    await visit(page, '/bureau/assemblees');
    await clickAndLoad(page, page.getByRole('link', { name: 'Nouvelle assemblée' }));
    await page.getByLabel(/^Date/).fill('2026-12-12');
    await page.getByLabel(/^Début/).fill('9:30');
    await page.getByLabel(/^Fin/).fill('12:30');
    await page.getByLabel(/^Lieu/).fill('Maison des associations, Namur');
    await page.getByLabel(/^Thème/).fill('Résister ensemble');
    await page.getByLabel('Annoncer l’assemblée sur l’agenda public').check();
    await clickAndLoad(page, page.getByRole('button', { name: 'Créer l’assemblée' }));
    const assembly = new URL(page.url()).pathname;
    for (const title of ['Rapport d’activités 2026', 'Élection du bureau', 'Groupe de travail « résistances »']) {
      await page.getByLabel(/^Intitulé du point/).fill(title);
      await clickAndLoad(page, page.getByRole('button', { name: 'Ajouter le point' }));
    }
    await clickAndLoad(page, page.getByRole('button', { name: 'Monter le point 3' }));

    // Assert: the agenda's order
    const agenda = await page.locator('ol.agenda').innerText();
    assert.ok(agenda.indexOf('résistances') < agenda.indexOf('Élection'), agenda);
    await screenshot(page, 'telephone-assemblee-ordre-du-jour');

    // Act: the convocation
    assert.match(await page.getByText(/membres recevront la convocation/).innerText(), /^2 membres/);
    await clickAndLoad(page, page.getByRole('button', { name: 'Envoyer la convocation' }));

    // Assert: sent once, to those who accepted e-mails, with their own unsubscribe link
    assert.match(await page.getByRole('status').first().innerText(), /pour 2 membres/);
    assert.equal(await page.getByRole('button', { name: 'Envoyer la convocation' }).count(), 0);
    const mails = await server.db
      .selectFrom('mail_outbox')
      .selectAll()
      .where('purpose', '=', 'plenary_convocation')
      .orderBy('to_address')
      .execute();
    assert.deepEqual(
      mails.map((m) => m.to_address),
      ['collectif@exemple.be', 'eva@exemple.be'],
    );
    assert.match(
      mails[1]?.text_body ?? '',
      /1\. Rapport d’activités 2026\n2\. Groupe de travail «\u00a0résistances\u00a0»\n3\. Élection du bureau/,
    );
    const unsubscribe =
      /<(http[^>]+)>/.exec(JSON.parse(mails[1]?.headers ?? '{}')['List-Unsubscribe'] ?? '')?.[1] ?? '';

    // Act: Eva follows her link, on her own phone
    const eva = await newPhonePage(browser, server);
    await visit(eva, new URL(unsubscribe).pathname + new URL(unsubscribe).search);
    await clickAndLoad(eva, eva.getByRole('button', { name: 'Ne plus recevoir les convocations' }));
    assert.match(await eva.getByRole('status').innerText(), /vous ne recevrez plus les convocations/);
    await closePage(eva);
    const evaRow = await server.db
      .selectFrom('members')
      .select(['mail_consent', 'mail_consent_source'])
      .where('name', '=', 'Eva Membre')
      .executeTakeFirstOrThrow();
    assert.deepEqual(evaRow, { mail_consent: 0, mail_consent_source: 'unsubscribe' });

    // Assert: the public agenda announces the assembly (« Annoncer l’assemblée sur l’agenda public »)
    const visitor = await newPhonePage(browser, server);
    await visit(visitor, '/agenda');
    assert.match(
      await visitor.getByRole('region', { name: 'À venir' }).innerText(),
      /Assemblée plénière\s:\sRésister ensemble\s+samedi 12 décembre 2026, de 9 h 30 à 12 h 30 — Maison des associations, Namur/,
    );
    await closePage(visitor);

    // Act: the assembly's day: attendance and minutes
    now = new Date('2026-12-12T12:00:00Z');
    await visit(page, `${assembly}/presences`);
    const collectif = page.getByRole('group', { name: /Collectif des AS de CPAS/ });
    await collectif.getByRole('radio', { name: 'Représentée' }).check();
    await collectif.getByLabel('Représentée par').fill('Fatou N.');
    await page.getByRole('group', { name: 'Eva Membre' }).getByLabel('Excusé·e').check();
    await screenshot(page, 'telephone-assemblee-presences');
    await clickAndLoad(page, page.getByRole('button', { name: 'Enregistrer les présences' }));
    await visit(page, `${assembly}/notes`);
    await page.getByLabel('1. Rapport d’activités 2026').fill('Le rapport est présenté et adopté.');
    await page.getByLabel('Divers').fill('Prochaine plénière à l’automne 2027.');
    await clickAndLoad(page, page.getByRole('button', { name: 'Enregistrer le procès-verbal' }));

    // Assert: the draft minutes hold attendance and notes
    const draft = pdfText(await (await page.context().request.get(`${assembly}/proces-verbal.pdf`)).body());
    assert.match(draft, /Collectif des AS de CPAS \(représentée par Fatou N\.\)/);
    assert.match(draft, /Excusé·es : Eva Membre/);
    assert.match(draft, /Le rapport est présenté et adopté\./);

    // Act: approve
    await visit(page, assembly);
    await clickAndLoad(page, page.getByRole('button', { name: 'Approuver le procès-verbal' }));

    // Assert: frozen
    assert.match(await page.locator('.notice').first().innerText(), /ne peut plus être modifiée/);
    await screenshot(page, 'telephone-assemblee-pv-approuve');
    assert.equal(await page.getByRole('button', { name: 'Ajouter le point' }).count(), 0);
    assert.equal(await page.getByRole('link', { name: 'Rédiger le procès-verbal' }).count(), 0);
    await visit(page, `${assembly}/presences`);
    assert.equal(await page.getByRole('button', { name: 'Enregistrer les présences' }).count(), 0);
    await visit(page, `${assembly}/proces-verbal`);
    assert.match(await page.getByRole('main').innerText(), /Approuvé par le bureau/);
    await checkA11y(page);
    await closePage(page);
  });
});
