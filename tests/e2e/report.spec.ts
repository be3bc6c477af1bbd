/**
 * The activity report in a real browser, on a phone: the committee's
 * 2019–2020 register (tests/support/cvts.ts), its report page with its
 * numbered sections and tables, and the board's plan changing their order.
 * axe-core scans every page visited.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { buildUser } from '../factories/index.js';
import { loadCvts2019 } from '../support/cvts.js';
import {
  type Account,
  clickAndLoad,
  closePage,
  launchBrowser,
  logIn,
  newPhonePage,
  type Server,
  startServer,
  visit,
} from './fixtures.js';

describe('activity report, in a browser on a phone', () => {
  let server: Server;
  let browser: Browser;
  let member: Account;

  before(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    const owner = await buildUser(server.db, ['board']);
    await loadCvts2019(server.db, owner.id);
    member = await server.newAccount(['board'], 'Bea Bureau');
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  /** The page's section headings (h2, h3), as read by a screen reader. */
  async function sectionHeadings(page: Page): Promise<string[]> {
    const main = page.getByRole('main');
    const names = await main.locator('h2, h3').allInnerTexts();
    return names.map((n) => n.replace(/\s+/g, ' ').trim());
  }

  test(
    'shows the 2019–2020 report in the seed’s order; the board moves a section, the page follows',
    { timeout: 60_000 },
    async () => {
      // Arrange
      const page = await newPhonePage(browser, server);
      await logIn(page, member);

      // Act: the report page
      await visit(page, '/bureau/rapport/2019-2020');

      // Assert: numbered sections in the seed's order, the table of figures, a working table of contents
      const headings = await sectionHeadings(page);
      const order = [
        '2. Bilan moral',
        '2.1 Les formations',
        '2.2 Les avis et rencontres en bureau',
        '2.3 Journées d’études, colloques, articles',
        '2.4 Le bureau du CVTS',
        '3. Analyse transversale',
      ].map((h) => headings.indexOf(h));
      assert.ok(
        order.every((at, i) => at >= 0 && (i === 0 || at > order[i - 1]!)),
        `headings: ${headings.join(' | ')}`,
      );
      const kinds = page.getByRole('table', { name: /Demandes reçues par type/ });
      const training = kinds.getByRole('row', { name: /^Formation\b/ });
      assert.deepEqual(
        (await training.getByRole('cell').allInnerTexts()).map((t) => t.trim()),
        ['5', '2'],
      );
      // On a phone the chart keeps a readable size and scrolls sideways.
      const chart = page.getByRole('group', { name: /Demandes par type et par année/ });
      const box = await chart.locator('svg').boundingBox();
      assert.ok(box && box.width >= 600, `chart drawn ${box?.width ?? 0} px wide`);
      assert.ok(await chart.getByText(/\(hors total\)/).count(), 'kinds outside the total are marked');
      await page.getByRole('link', { name: '2.1 Les formations' }).first().click();
      assert.equal(new URL(page.url()).hash.length > 1, true, 'the table of contents leads to the section');

      // Act: the board puts « Le bureau du CVTS » first
      await visit(page, '/bureau/rapport/2019-2020/plan');
      const bureau = page.getByRole('group', { name: /Section 4 : Le bureau du CVTS/ });
      await bureau.getByLabel('Ordre').fill('0');
      await clickAndLoad(page, page.getByRole('button', { name: 'Enregistrer le plan' }));
      await visit(page, '/bureau/rapport/2019-2020');

      // Assert
      const moved = await sectionHeadings(page);
      assert.ok(moved.includes('2.1 Le bureau du CVTS'), `headings: ${moved.join(' | ')}`);
      assert.ok(moved.includes('2.2 Les formations'));
      await closePage(page);
    },
  );
});
