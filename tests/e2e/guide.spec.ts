/**
 * « Puis-je parler ? » in a real browser: scenarios of the spec walked through
 * the public pages, twice without JavaScript and once with it, keyboard only
 * for one of them, axe on every page, and no request to another host.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { frenchTypography } from '../../src/lib/typography.js';
import { guideContentFr } from '../../src/modules/guide/guide.content.js';
import {
  checkA11y,
  clickAndLoad,
  closePage,
  launchBrowser,
  newPhonePage,
  type Server,
  startServer,
  visit,
} from './fixtures.js';

interface Scenario {
  id: string;
  answers: Array<[string, string]>;
  expected_leaf: string;
  expected_category: string;
  must_cite: string;
}

const scenarios = new Map<string, Scenario>(
  readFileSync(new URL('../fixtures/guide-scenarios.jsonl', import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Scenario)
    .map((s) => [s.id, s]),
);

function scenario(id: string): Scenario {
  const s = scenarios.get(id);
  assert.ok(s, `scenario ${id}`);
  return s;
}

function question(id: string) {
  const q = guideContentFr.questions.find((x) => x.id === id);
  assert.ok(q, `question ${id}`);
  return q;
}

function answerLabel(questionId: string, code: string): string {
  const a = question(questionId).answers.find((x) => x.code === code);
  assert.ok(a, `answer ${code} of ${questionId}`);
  return frenchTypography(a.label);
}

/** The question on screen is a fieldset whose legend is the question. */
function fieldset(page: Page, questionId: string) {
  return page.getByRole('group', { name: frenchTypography(question(questionId).text) });
}

async function answerWithMouse(page: Page, questionId: string, code: string): Promise<void> {
  await fieldset(page, questionId)
    .getByRole('radio', { name: answerLabel(questionId, code), exact: true })
    .check();
  await clickAndLoad(page, page.getByRole('button', { name: 'Continuer' }));
}

async function answerWithKeyboard(page: Page, questionId: string, code: string): Promise<void> {
  const radio = fieldset(page, questionId).getByRole('radio', { name: answerLabel(questionId, code), exact: true });
  // Tab into the form until the radio group has the focus, as a keyboard user would.
  const focusedType = async () =>
    (await page.locator(':focus').count()) ? await page.locator(':focus').getAttribute('type') : null;
  for (let i = 0; i < 40 && (await focusedType()) !== 'radio'; i++) {
    await page.keyboard.press('Tab');
  }
  assert.equal(await focusedType(), 'radio', 'Tab reaches the answers');
  // Arrow keys move within the group; Space selects; Enter submits the form.
  for (let i = 0; i < 12 && !(await radio.isChecked()); i++) {
    await page.keyboard.press(i === 0 ? 'Space' : 'ArrowDown');
  }
  assert.ok(await radio.isChecked(), `keyboard selects « ${answerLabel(questionId, code)} »`);
  // The next page is an event to wait for, not a race with a clock (tests/e2e/fixtures.ts, newPage).
  const loaded = page.waitForEvent('framenavigated', { predicate: (frame) => frame === page.mainFrame(), timeout: 0 });
  await page.keyboard.press('Enter');
  await loaded;
  await page.waitForLoadState('load');
  await checkA11y(page);
}

async function assertResult(page: Page, s: Scenario): Promise<void> {
  const label = frenchTypography(
    guideContentFr.categories[s.expected_category as keyof typeof guideContentFr.categories].label,
  );
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), label, `${s.id}: category`);
  const leaf = guideContentFr.leaves.find((l) => l.id === s.expected_leaf);
  assert.ok(leaf);
  assert.ok(
    (await page.getByRole('heading', { level: 2, name: frenchTypography(leaf.title) }).count()) === 1,
    `${s.id}: leaf ${s.expected_leaf}`,
  );
  const body = await page.locator('main').innerText();
  // The shipped content is a draft: every result says so, with the date of the last edit.
  assert.match(body, /Brouillon — non relu par un·e juriste/);
  assert.match(body, /Dernière modification le \d{1,2} \p{L}+ \d{4}/u);
  assert.equal(await page.getByRole('heading', { level: 2, name: 'Que faire maintenant ?' }).count(), 1);
  assert.match(body, /permanence téléphonique du comité/i, 'whom to call names the helpline');
  assert.match(body, /avis juridique/i, 'the disclaimer');
  // No reviewer note ever reaches a public page.
  assert.doesNotMatch(await page.content(), /⚠|À vérifier\s:|Points ouverts/);
  for (const l of guideContentFr.leaves) {
    if (l.reviewNotes) assert.ok(!body.includes(l.reviewNotes), `${s.id}: reviewer note of ${l.id}`);
  }
  const firstCitation =
    s.must_cite
      .split(' ; ')[0]
      ?.replace(/\s*\(.*$/, '')
      .trim() ?? '';
  assert.ok(body.includes(firstCitation), `${s.id}: cites ${firstCitation}`);
}

describe('guide « Puis-je parler ? », in a browser', () => {
  let server: Server;
  let browser: Browser;

  before(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  async function walk(
    page: Page,
    s: Scenario,
    answer: (page: Page, q: string, code: string) => Promise<void>,
  ): Promise<void> {
    await visit(page, '/guide');
    await clickAndLoad(page, page.getByRole('link', { name: 'Commencer' }));
    for (const [q, code] of s.answers) {
      assert.equal(await fieldset(page, q).count(), 1, `${s.id}: question ${q} is a fieldset with its legend`);
      await answer(page, q, code);
    }
  }

  test(
    'T01 without JavaScript, keyboard only: the police asks, the result is silence',
    { timeout: 240_000 },
    async () => {
      const page = await newPhonePage(browser, server, { javaScriptEnabled: false });
      const s = scenario('T01');
      await walk(page, s, answerWithKeyboard);
      await assertResult(page, s);
      await closePage(page);
    },
  );

  test(
    'T02 without JavaScript: a maintained threat, no other way: alerting is a duty; going back keeps the answers',
    { timeout: 240_000 },
    async () => {
      const page = await newPhonePage(browser, server, { javaScriptEnabled: false });
      const s = scenario('T02');
      await walk(page, s, answerWithMouse);
      await assertResult(page, s);
      // Back one question: the previous answer is still selected, and going on gives the same result.
      await clickAndLoad(page, page.getByRole('link', { name: '← Revenir en arrière' }));
      const [lastQuestion, lastCode] = s.answers.at(-1) ?? ['', ''];
      assert.ok(
        await fieldset(page, lastQuestion)
          .getByRole('radio', { name: answerLabel(lastQuestion, lastCode), exact: true })
          .isChecked(),
      );
      await clickAndLoad(page, page.getByRole('button', { name: 'Continuer' }));
      await assertResult(page, s);
      await closePage(page);
    },
  );

  test(
    'N07 on a phone: the duty is the headline; the law with full titles and Justel links; what to do now',
    { timeout: 240_000 },
    async () => {
      const page = await newPhonePage(browser, server, { javaScriptEnabled: false });
      const s = scenario('N07');
      await walk(page, s, answerWithMouse);
      await assertResult(page, s);
      assert.equal(
        await page.getByRole('heading', { level: 1 }).innerText(),
        frenchTypography(guideContentFr.categories.MUST_DECLARE.label),
      );
      const law = page.getByRole('region', { name: 'Ce que dit la loi' });
      const link = law.getByRole('link', { name: 'ancien art. 458bis CP (Code pénal de 1867)' });
      assert.equal(await link.count(), 1);
      assert.match((await link.getAttribute('href')) ?? '', /^https:\/\/www\.ejustice\.just\.fgov\.be\//);
      const lawText = await law.innerText();
      assert.match(lawText, /Code pénal de 1867, article 458bis/);
      assert.match(lawText, /non vérifié sur le texte officiel/);
      const now = page.getByRole('region', { name: 'Que faire maintenant ?' });
      const steps = now.getByRole('list').first().getByRole('listitem');
      assert.ok((await steps.count()) >= 1 && (await steps.count()) <= 3);
      assert.match(await now.innerText(), /procureur du Roi/);
      // The long text waits under « En savoir plus ».
      assert.equal(await page.getByText('En savoir plus', { exact: true }).count(), 1);
      await closePage(page);
    },
  );

  test('T08 with JavaScript: the result can be printed and shared as a link', { timeout: 240_000 }, async () => {
    const page = await newPhonePage(browser, server);
    const s = scenario('T08');
    await walk(page, s, answerWithMouse);
    await assertResult(page, s);
    assert.ok(
      await page.getByRole('button', { name: 'Imprimer' }).isVisible(),
      'the print button appears with JavaScript',
    );
    const link = await page.getByLabel(/Lien vers ce parcours/).inputValue();
    assert.match(link, /\/guide\/parcours\?r=Q_BOUND%3AOui/);
    await visit(page, new URL(link).pathname + new URL(link).search);
    await assertResult(page, s);
    await closePage(page);
  });
});
