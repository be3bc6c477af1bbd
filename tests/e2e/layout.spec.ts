/**
 * Layout details of issue 13 seen in a phone-sized Chromium: the public lists
 * are cards without bullets, the signatures' lines do not run into each other,
 * a « ? » never starts a line alone (docs/typography.md), and the login and guide pages have the public header with the language switch.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { fillDemo } from '../../src/modules/demo/demo.service.js';
import { closePage, launchBrowser, logIn, newPhonePage, type Server, startServer, visit } from './fixtures.js';

describe('layout details on a phone (demo data)', () => {
  let server: Server;
  let browser: Browser;

  before(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    await fillDemo(server.db, server.app.vault);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('public lists show cards without bullets', async () => {
    const page = await newPhonePage(browser, server);
    for (const path of ['/', '/actualites', '/nl/actualites']) {
      await visit(page, path);
      const styles = await page
        .locator('.item-list > li')
        .evaluateAll((items) => items.map((li) => li.ownerDocument.defaultView?.getComputedStyle(li).listStyleType));
      assert.ok(styles.length > 0, `${path}: a list of items`);
      assert.deepEqual([...new Set(styles)], ['none'], `${path}: no bullet beside the cards`);
    }
    await closePage(page);
  });

  test('the login and guide pages have the public header and the language switch', async () => {
    const page = await newPhonePage(browser, server);
    for (const path of ['/connexion', '/mot-de-passe-oublie', '/guide', '/guide/parcours']) {
      await visit(page, path);
      const languages = page.getByRole('navigation', { name: 'Langue' });
      assert.equal(await languages.getByRole('link', { name: 'Nederlands' }).getAttribute('href'), '/nl', path);
      assert.equal(await languages.getByRole('link', { name: 'English' }).getAttribute('href'), '/en', path);
      assert.ok(
        await page
          .getByRole('navigation', { name: 'Navigation principale' })
          .getByRole('link', { name: 'Manifeste' })
          .isVisible(),
        `${path}: the public menu`,
      );
    }
    await closePage(page);
  });

  test('« Puis-je parler ? » keeps its question mark with its last word, however narrow the line', async () => {
    const page = await newPhonePage(browser, server);
    await visit(page, '/guide');
    const heading = page.getByRole('heading', { level: 1, name: 'Puis-je parler ?' });
    // The heading is narrowed to the width of « Puis-je parler »: a breaking space would send « ? » alone to the next line.
    // (No named function inside evaluate: the test build would add a helper the page does not have.)
    const seen = await heading.evaluate((h) => {
      const node = [...h.childNodes].find((n) => n.nodeType === 3 && (n.textContent ?? '').includes('?'));
      const text = node?.textContent ?? '';
      if (!node) return null;
      const mark = text.indexOf('?');
      const range = h.ownerDocument.createRange();
      range.setStart(node, 0);
      range.setEnd(node, mark - 1);
      Object.assign(h.style, { boxSizing: 'content-box', padding: '0', maxWidth: 'none' });
      h.style.width = `${Math.ceil(range.getBoundingClientRect().width) + 1}px`;
      range.setStart(node, mark - 2);
      range.setEnd(node, mark - 1);
      const word = range.getBoundingClientRect().top;
      range.setStart(node, mark);
      range.setEnd(node, mark + 1);
      return { before: text.charCodeAt(mark - 1), word, mark: range.getBoundingClientRect().top };
    });
    assert.ok(seen, 'the heading holds its text');
    assert.equal(seen.before, 0x202f, 'a narrow no-break space before « ? »');
    assert.equal(seen.mark, seen.word, '« ? » on the same line as « parler »');
    await closePage(page);
  });

  test('each line of a signature in the back office starts on its own line', async () => {
    const account = await server.newAccount(['board'], 'Lou Lignes');
    const page = await newPhonePage(browser, server);
    await logIn(page, account);
    await visit(page, '/bureau/signatures');
    const displays = await page
      .locator('.request-list li > .meta')
      .evaluateAll((spans) => spans.map((s) => s.ownerDocument.defaultView?.getComputedStyle(s).display));
    assert.ok(displays.length > 1);
    assert.deepEqual([...new Set(displays)], ['block'], '« 08:55 » and « Liste publique » are not glued together');
    await closePage(page);
  });
});
