/**
 * The register in a real browser, on a phone: a call noted at the helpline,
 * put on the board's agenda, decided and closed by another member.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { todayInBrussels } from '../../src/lib/time.js';
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

describe('register, in a browser on a phone', () => {
  let server: Server;
  let browser: Browser;
  let memberA: Account;
  let memberB: Account;

  before(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    memberA = await server.newAccount(['board'], 'Alice Bureau');
    memberB = await server.newAccount(['board'], 'Bruno Bureau');
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  const mainNav = (page: Page) => page.getByRole('navigation', { name: 'Navigation principale' });

  /** Opens « Noter un appel » from the main menu and fills the one required line. */
  async function startIntake(page: Page, subject: string): Promise<void> {
    await clickAndLoad(page, mainNav(page).getByRole('link', { name: 'Noter un appel' }));
    await page.getByLabel(/^Objet/).fill(subject);
  }

  test(
    'a call noted at the helpline is put on the agenda, then decided and closed by another member',
    { timeout: 180_000 },
    async () => {
      // Arrange
      const subject = 'Une assistante sociale est convoquée comme témoin par la police';
      const decision = 'Le bureau conseille de demander une réquisition écrite avant de répondre.';
      const pageA = await newPhonePage(browser, server);
      await logIn(pageA, memberA);

      // Act: member A notes the call
      await clickAndLoad(pageA, mainNav(pageA).getByRole('link', { name: 'Noter un appel' }));
      const receivedOn = await pageA.getByLabel(/^Date de réception/).inputValue();
      const channel = await pageA.getByLabel(/^Canal/).inputValue();
      await pageA.getByLabel(/^Objet/).fill(subject);
      await pageA
        .getByLabel('Notes confidentielles')
        .fill('Elle ne sait pas ce que le secret professionnel lui permet de dire.');
      await screenshot(pageA, 'telephone-noter-un-appel');
      await clickAndLoad(pageA, pageA.getByRole('button', { name: 'Enregistrer', exact: true }));

      // Assert: the intake was pre-filled for a helpline call today, and saved
      assert.equal(receivedOn, todayInBrussels());
      assert.equal(channel, 'helpline');
      assert.match(await pageA.getByRole('status').first().innerText(), /Demande .+ enregistrée\./);

      // Act: member A finds it in the list and puts it on the agenda
      await clickAndLoad(pageA, mainNav(pageA).getByRole('link', { name: 'Demandes' }));
      await pageA.getByRole('searchbox', { name: 'Rechercher dans les objets et les notes' }).fill('convoquée témoin');
      await clickAndLoad(pageA, pageA.getByRole('button', { name: 'Chercher' }));
      assert.match(await pageA.locator('#result-count').innerText(), /^1 demande$/);
      await screenshot(pageA, 'telephone-demandes');
      await clickAndLoad(pageA, pageA.getByRole('link', { name: subject }));
      assert.equal(await pageA.getByRole('heading', { level: 1 }).innerText(), subject);
      await clickAndLoad(pageA, pageA.getByRole('button', { name: 'À discuter en bureau' }));

      // Assert
      assert.equal(await pageA.getByRole('button', { name: 'Retirer de l’ordre du jour' }).count(), 1);
      await closePage(pageA);

      // Act: member B, on another phone, finds it on the agenda
      const pageB = await newPhonePage(browser, server);
      await logIn(pageB, memberB);
      await visit(pageB, '/demandes');
      // The filters are folded under the search line, results first.
      await pageB.getByText('Filtrer : année, type, statut, thème…').click();
      await pageB.getByLabel('Statut').selectOption({ label: 'À discuter en bureau' });
      await clickAndLoad(pageB, pageB.getByRole('button', { name: 'Filtrer' }));
      assert.match(await pageB.locator('details.filters summary').innerText(), /^Filtres\u00a0: À discuter en bureau$/);
      assert.match(await pageB.locator('#result-count').innerText(), /^1 demande$/);
      await clickAndLoad(pageB, pageB.getByRole('link', { name: subject }));

      // Act: member B records the decision and closes the request
      const timeline = pageB.getByRole('region', { name: 'Suivi' });
      await timeline.getByLabel(/^Type d’étape/).selectOption({ label: 'Décision' });
      await timeline.getByLabel(/^Description/).fill(decision);
      await clickAndLoad(pageB, timeline.getByRole('button', { name: 'Ajouter au suivi' }));
      await clickAndLoad(pageB, pageB.getByRole('link', { name: 'Clôturer', exact: true }));
      // Only the chosen outcome's fields are shown (CSS only, no script needed)
      const plannedYear = pageB.getByLabel(/^Année prévue/);
      const reason = pageB.getByLabel(/^Raison/);
      assert.deepEqual([await plannedYear.isVisible(), await reason.isVisible()], [false, false]);
      await pageB.getByLabel(/^Issue/).selectOption({ label: 'Reportée à une année ultérieure' });
      assert.deepEqual([await plannedYear.isVisible(), await reason.isVisible()], [true, false]);
      await pageB.getByLabel(/^Issue/).selectOption({ label: 'Déclinée' });
      assert.deepEqual([await plannedYear.isVisible(), await reason.isVisible()], [false, true]);
      await pageB.getByLabel(/^Issue/).selectOption({ label: 'Réponse donnée' });
      assert.equal(await pageB.locator('.close-form .for-outcome:visible').count(), 0);
      await clickAndLoad(pageB, pageB.getByRole('button', { name: 'Clôturer la demande' }));

      // Assert: closed, and the decision is in the timeline, signed by B
      assert.equal(new URL(pageB.url()).pathname.startsWith('/demandes/'), true);
      assert.equal(await pageB.getByText('Clôturée', { exact: true }).count(), 1);
      assert.match(await pageB.getByRole('region', { name: 'En bref' }).innerText(), /Issue\s+Réponse donnée/);
      await screenshot(pageB, 'telephone-demande-cloturee');
      const decisionItem = pageB
        .getByRole('region', { name: 'Suivi' })
        .getByRole('listitem')
        .filter({ hasText: 'Décision' });
      assert.equal(await decisionItem.count(), 1);
      const decisionText = await decisionItem.innerText();
      assert.match(decisionText, /Bruno Bureau/);
      assert.match(decisionText, /réquisition écrite/);
      await closePage(pageB);
    },
  );

  test('the helpline intake works with JavaScript disabled', { timeout: 90_000 }, async () => {
    // Arrange
    const subject = 'Un service demande si un rapport au juge peut être partagé';
    const page = await newPhonePage(browser, server, { javaScriptEnabled: false });
    await logIn(page, memberA);

    // Act
    await startIntake(page, subject);
    await clickAndLoad(page, page.getByRole('button', { name: 'Enregistrer', exact: true }));

    // Assert
    assert.match(new URL(page.url()).pathname, /^\/demandes\/\d+$/);
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), subject);
    assert.match(await page.getByRole('region', { name: 'En bref' }).innerText(), /Canal\s+Permanence téléphonique/);
    await closePage(page);
  });

  test(
    'a subject that names someone is flagged, and « Enregistrer quand même » saves it',
    { timeout: 30_000 },
    async () => {
      // Arrange
      const subject = 'Madame Dupont se demande si le CPAS peut transmettre son dossier';
      const page = await newPhonePage(browser, server);
      await logIn(page, memberB);

      // Act
      await startIntake(page, subject);
      await clickAndLoad(page, page.getByRole('button', { name: 'Enregistrer', exact: true }));

      // Assert: a warning, nothing saved yet, the text kept
      const warning = page
        .getByRole('alert')
        .filter({ has: page.getByRole('heading', { name: 'Vérifiez : le texte semble identifier une personne' }) });
      assert.equal(await warning.count(), 1);
      assert.match(await warning.innerText(), /Madame Dupont/);
      assert.equal(new URL(page.url()).pathname, '/demandes');
      assert.equal(await page.getByLabel(/^Objet/).inputValue(), subject);

      // Act: the choice is at the top, beside the warning
      await clickAndLoad(page, warning.getByRole('button', { name: 'Enregistrer quand même' }));

      // Assert
      assert.match(new URL(page.url()).pathname, /^\/demandes\/\d+$/);
      assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), subject);
      await checkA11y(page);
      await closePage(page);
    },
  );

  test(
    '« Déplacer dans les coordonnées chiffrées » takes the name and number out of the text, without JavaScript',
    { timeout: 90_000 },
    async () => {
      // Arrange
      const page = await newPhonePage(browser, server, { javaScriptEnabled: false });
      await logIn(page, memberA);
      await startIntake(page, 'Monsieur Lambert demande si son dossier peut être transmis');
      await page.getByLabel('Notes confidentielles').fill('Rappeler au 0475 12 34 56 jeudi.');
      await clickAndLoad(page, page.getByRole('button', { name: 'Enregistrer', exact: true }));

      // Act: the first choice of the warning
      const warning = page.getByRole('alert').filter({ hasText: 'le texte semble identifier une personne' });
      await clickAndLoad(page, warning.getByRole('button', { name: 'Déplacer dans les coordonnées chiffrées' }));

      // Assert: moved, said so, nothing saved yet, no warning left
      assert.match(await page.getByRole('status').first().innerText(), /Déplacé dans les coordonnées du demandeur/);
      assert.equal(
        await page.getByLabel(/^Objet/).inputValue(),
        'La personne demande si son dossier peut être transmis',
      );
      assert.equal(
        await page.getByLabel('Notes confidentielles').inputValue(),
        'Rappeler au (téléphone dans les coordonnées) jeudi.',
      );
      assert.equal(await page.getByLabel(/^Nom/).inputValue(), 'Monsieur Lambert');
      assert.equal(await page.getByLabel(/^Téléphone/).inputValue(), '0475 12 34 56');
      assert.equal(await warning.count(), 0);
      await screenshot(page, 'telephone-deplacer-dans-les-coordonnees');

      // Act + Assert: saved with the identity, encrypted, and an anonymous subject
      await clickAndLoad(page, page.getByRole('button', { name: 'Enregistrer', exact: true }));
      assert.match(new URL(page.url()).pathname, /^\/demandes\/\d+$/);
      const id = Number(new URL(page.url()).pathname.split('/').pop());
      const row = await server.db
        .selectFrom('requester_identities')
        .selectAll()
        .where('request_id', '=', id)
        .executeTakeFirst();
      assert.ok(row, 'the identity was saved');
      assert.doesNotMatch(JSON.stringify(row), /Lambert|0475/, 'encrypted at rest');
      await closePage(page);
    },
  );
});
