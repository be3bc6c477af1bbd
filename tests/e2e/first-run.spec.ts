/**
 * Persona: the committee's first administrator, on a laptop, on a new
 * instance: creates the first account from the installation link, lands on
 * « Tout le menu » and works through « Mise en route » (the logo included)
 * until nothing is left.
 * axe-core scans every page.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Resvg } from '@resvg/resvg-js';
import type { Browser, Page } from 'playwright-core';
import { issueSetupTokenIfEmpty } from '../../src/modules/auth/auth.service.js';
import { startSmtp, type SmtpListener } from '../support/smtp.js';
import {
  clickAndLoad,
  closePage,
  launchBrowser,
  newLaptopPage,
  screenshot,
  type Server,
  startServer,
  visit,
} from './fixtures.js';

const LOGO_PNG = Buffer.from(
  new Resvg('<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><rect width="120" height="40"/></svg>')
    .render()
    .asPng(),
);

describe('persona: the first administrator sets up a new committee', () => {
  let smtp: SmtpListener;
  let server: Server;
  let browser: Browser;

  before(async () => {
    smtp = await startSmtp();
    [server, browser] = await Promise.all([startServer({ config: { smtpUrl: smtp.url } }), launchBrowser()]);
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await smtp?.close();
  });

  const checklist = (page: Page) => page.getByRole('region', { name: 'Mise en route' });

  /** Back to « Tout le menu », then follows the checklist's link for one step. */
  async function openStep(page: Page, linkName: string): Promise<void> {
    await visit(page, '/bureau');
    await clickAndLoad(page, checklist(page).getByRole('link', { name: linkName }));
  }

  test('every step of « Mise en route » is done, and the checklist steps aside', { timeout: 120_000 }, async () => {
    // Arrange: an instance without any account, and its one-time installation link
    const token = await issueSetupTokenIfEmpty(server.db);
    assert.ok(token, 'an empty instance issues an installation link');
    const page = await newLaptopPage(browser, server);
    const password = 'le comité se met en route';

    // Act: the first administrator creates their account
    await visit(page, `/installation?jeton=${token}`);
    await page.getByLabel('Votre nom (affiché aux autres membres)').fill('Anaïs Admin');
    await page.getByLabel('Adresse e-mail').fill('anais.admin@exemple.be');
    await page.getByLabel(/^Mot de passe/).fill(password);
    await page.getByLabel('Confirmer le mot de passe').fill(password);
    await clickAndLoad(page, page.getByRole('button', { name: 'Créer le compte' }));

    // Assert: signed in straight away, on what is left to do
    assert.equal(new URL(page.url()).pathname, '/bureau');
    assert.match(await checklist(page).innerText(), /1 étape sur 6 faite\b/);
    await screenshot(page, 'laptop-mise-en-route');

    // Act: the organisation's name, with its article
    await openStep(page, 'Régler le nom');
    await page.getByLabel('Nom de l’organisation').fill('Comité de Vigilance en Travail Social');
    await page.getByLabel('Après « de », on dit…').selectOption('du');
    await clickAndLoad(page, page.getByRole('button', { name: 'Enregistrer le nom' }));

    // Act: the logo (optional), printed on the report's cover
    await openStep(page, 'Ajouter le logo');
    await page.getByLabel(/^Nouveau logo/).setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: LOGO_PNG });
    await clickAndLoad(page, page.getByRole('button', { name: 'Enregistrer le logo' }));
    assert.equal(await page.getByRole('img', { name: /^Logo actuel/ }).count(), 1);

    // Act: the privacy notice's controller
    await openStep(page, 'Indiquer le responsable');
    await page
      .getByRole('textbox', { name: /^Responsable du traitement/ })
      .fill('Comité de Vigilance en Travail Social, association de fait, représentée par son bureau');
    await page.getByLabel('Adresse postale').fill('Rue de l’Exemple 1\n1000 Bruxelles');
    await page.getByLabel('Adresse e-mail pour les questions de vie privée').fill('vie-privee@exemple.be');
    await clickAndLoad(page, page.getByRole('button', { name: 'Enregistrer le responsable' }));

    // Act: the helpline, two slots and a number
    await openStep(page, 'Régler la permanence');
    const slot = (n: number) => page.getByRole('group', { name: `Créneau ${n}` });
    await slot(1).getByLabel('Jour').selectOption({ label: 'jeudi' });
    await slot(1).getByLabel('Début').fill('14:00');
    await slot(1).getByLabel('Fin').fill('17:00');
    await slot(2).getByLabel('Jour').selectOption({ label: 'mardi' });
    await slot(2).getByLabel('Début').fill('09:00');
    await slot(2).getByLabel('Fin').fill('12:00');
    await page.getByLabel('Numéro de téléphone').fill('02 123 45 67');
    await clickAndLoad(page, page.getByRole('button', { name: 'Enregistrer', exact: true }));

    // Act: the Manifesto's real text, which opens the signing
    await openStep(page, 'Publier le texte');
    await page.getByLabel('Langue').selectOption('fr');
    await page.getByLabel('Nom de la version').fill('Texte fondateur');
    await page.getByLabel('Date de publication').fill('2003');
    await page
      .getByLabel(/^Texte/)
      .fill('# Manifeste\n\nLe secret professionnel protège les personnes qui demandent de l’aide.');
    await clickAndLoad(page, page.getByRole('button', { name: 'Publier' }));

    // Assert: one step left, inviting the board
    await visit(page, '/bureau');
    assert.match(await checklist(page).innerText(), /5 étapes sur 6 faites/);
    assert.equal(await checklist(page).getByRole('link').count(), 1);

    // Act: invite a second board member
    await clickAndLoad(page, checklist(page).getByRole('link', { name: 'Inviter une personne' }));
    const form = page.getByRole('form', { name: 'Inviter une personne' });
    await form.getByLabel('Nom').fill('Bastien Bureau');
    await form.getByLabel('Adresse e-mail').fill('bastien.bureau@exemple.be');
    await form.getByRole('checkbox', { name: /^Bureau/ }).check();
    await clickAndLoad(page, form.getByRole('button', { name: 'Envoyer l’invitation' }));

    // Assert: nothing left, so the checklist gives way to the menu; the public site shows the settings
    await visit(page, '/bureau');
    assert.equal(await checklist(page).count(), 0);
    await screenshot(page, 'laptop-tout-le-menu');
    await visit(page, '/');
    const home = await page.getByRole('main').innerText();
    assert.match(home, /02 123 45 67/);
    assert.match(home, /mardi/);
    await visit(page, '/manifeste');
    assert.equal((await page.getByRole('link', { name: 'Signer le Manifeste' }).count()) > 0, true);
    await closePage(page);
  });
});
