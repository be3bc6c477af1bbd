/**
 * Browser-test fixtures: a real Vigie server on its own throw-away SQLite
 * database, Debian's Chromium driven by playwright-core (never a downloaded
 * browser), and guards every test relies on: an axe-core scan of each page
 * visited, no request to another host, no console error.
 *
 * Over 300 lines because the guards and the axe scans share one page registry
 * (`guards`); if it grows further, the scans (checkA11y, the JavaScript-free twin)
 * are the part to move to their own file.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { buildApp } from '../../src/app.js';
import type { AppConfig } from '../../src/config.js';
import type { Db } from '../../src/db/index.js';
import type { Role } from '../../src/web/access.js';
import { buildUser, PASSWORD } from '../factories/index.js';
import { testConfig } from '../setup/app.js';
import { createTestDatabase } from '../setup/databases.js';

const require = createRequire(import.meta.url);
const axeSource: string = (require('axe-core') as { source: string }).source;

export { PASSWORD };

export interface Account {
  email: string;
  displayName: string;
}

export interface Server {
  app: FastifyInstance;
  db: Db;
  baseUrl: string;
  logs: string[];
  newAccount(roles: Role[], displayName: string): Promise<Account>;
  close(): Promise<void>;
}

/**
 * Starts Vigie on 127.0.0.1 with a random port, on a copy of the migrated
 * template. `config` overrides settings (e.g. `smtpUrl` for a real SMTP listener).
 */
export async function startServer(options: { clock?: () => Date; config?: Partial<AppConfig> } = {}): Promise<Server> {
  const testDb = await createTestDatabase('sqlite');
  const logs: string[] = [];
  const logStream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      logs.push(chunk.toString('utf8'));
      cb();
    },
  });
  // Rate limits raised: the suite logs in many times from one address.
  const config = testConfig({ loginRateLimit: 10_000, logLevel: 'warn', ...options.config }, testDb.config);
  const app = await buildApp(config, { logStream, ...(options.clock ? { clock: options.clock } : {}) });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  // Links in e-mails must point at this server; the port is only known now.
  config.publicUrl = address;
  return {
    app,
    db: app.db,
    baseUrl: address,
    logs,
    newAccount: async (roles, displayName) => {
      const user = await buildUser(app.db, roles, { displayName });
      return { email: user.email, displayName };
    },
    close: async () => {
      await app.close();
      await testDb.drop();
    },
  };
}

/**
 * Chromium as root in a container. playwright-core gives each launch a fresh
 * temporary profile (--user-data-dir) and deletes it on close; it refuses that
 * flag in `args`, so it is not repeated here.
 */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // Date fields show dd/mm/yyyy, as on a Belgian phone (the context locale alone does not change them).
      '--lang=fr-BE',
    ],
  });
}

interface Guard {
  problems: string[];
  /** Console errors, judged at check time: a page the server answered with 4xx on purpose logs one. */
  consoleErrors: Array<{ text: string; url: string; page: string }>;
  /** Documents served with an error status (a wrong password is a 401 page). */
  errorDocuments: Set<string>;
  javaScriptEnabled: boolean;
}

const guards = new WeakMap<Page, Guard>();

/** A phone-sized page (390×844, touch, fr-BE) in its own context, with the guards attached. */
export async function newPhonePage(
  browser: Browser,
  server: Server,
  options: { javaScriptEnabled?: boolean; locale?: string } = {},
): Promise<Page> {
  return newPage(browser, server, { ...options, device: 'phone' });
}

/** A laptop-sized page (1366×768, mouse, fr-BE): the board member at the office. */
export async function newLaptopPage(browser: Browser, server: Server): Promise<Page> {
  return newPage(browser, server, { device: 'laptop' });
}

async function newPage(
  browser: Browser,
  server: Server,
  options: { javaScriptEnabled?: boolean; locale?: string; device: 'phone' | 'laptop' },
): Promise<Page> {
  const javaScriptEnabled = options.javaScriptEnabled ?? true;
  const phone = options.device === 'phone';
  const context: BrowserContext = await browser.newContext({
    viewport: phone ? { width: 390, height: 844 } : { width: 1366, height: 768 },
    deviceScaleFactor: phone ? 2 : 1,
    isMobile: phone,
    hasTouch: phone,
    locale: options.locale ?? 'fr-BE',
    timezoneId: 'Europe/Brussels',
    // Vigie's CSP allows only its own scripts; axe is injected by the test.
    bypassCSP: true,
    javaScriptEnabled,
    baseURL: server.baseUrl,
  });
  // Finding an element on a loaded page: 5 s at most. Waiting for the server (a navigation) has no
  // clock of its own: it ends on the browser's event, and only the test's own timeout stops a hang
  // (a busy machine makes a page slower, never wrong; a 10 s limit there failed tests under load).
  context.setDefaultTimeout(5_000);
  context.setDefaultNavigationTimeout(0);
  const page = await context.newPage();
  const guard: Guard = { problems: [], consoleErrors: [], errorDocuments: new Set(), javaScriptEnabled };
  guards.set(page, guard);
  const origin = new URL(server.baseUrl).origin;
  page.on('request', (request) => {
    const url = request.url();
    if (url.startsWith('data:') || url.startsWith('about:')) return;
    if (new URL(url).origin !== origin) guard.problems.push(`request to another host: ${url}`);
  });
  page.on('requestfailed', (request) =>
    guard.problems.push(`request failed: ${request.url()} (${request.failure()?.errorText ?? 'unknown'})`),
  );
  page.on('response', (response) => {
    if (response.status() < 400) return;
    if (response.request().isNavigationRequest()) guard.errorDocuments.add(response.url());
    else guard.problems.push(`${response.status()} for ${response.url()}`);
  });
  page.on('console', (message) => {
    if (message.type() === 'error')
      guard.consoleErrors.push({ text: message.text(), url: message.location().url, page: page.url() });
  });
  page.on('pageerror', (error) => guard.problems.push(`script error on ${page.url()}: ${error.message}`));
  return page;
}

/** Fails on anything the guards recorded (stray request, failed resource, console error). */
function assertNoProblems(page: Page): void {
  const guard = guards.get(page);
  if (!guard) return;
  const consoleProblems = guard.consoleErrors
    .filter((e) => !(e.text.startsWith('Failed to load resource') && guard.errorDocuments.has(e.url)))
    .map((e) => `console error on ${e.page}: ${e.text}${e.url ? ` (${e.url})` : ''}`);
  assert.deepEqual([...guard.problems, ...consoleProblems], [], 'the browser reported problems');
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown[] }>;
}

/** Runs axe-core (WCAG 2.0/2.1 A and AA) on the page as it is now, and fails listing every violation. */
export async function checkA11y(page: Page): Promise<void> {
  assertNoProblems(page);
  const html = await page.content();
  if (guards.get(page)?.javaScriptEnabled === false) await scanCopy(page, html);
  else await scan(page);
}

/** Per browser (one per spec file), the pages just loaded that axe passed (see checkLoaded). */
const scannedClean = new WeakMap<Browser, Set<string>>();

/**
 * The scan of a page just loaded (visit, clickAndLoad). A page this browser already passed
 * just after loading it, at the same address, size and JavaScript setting, and the same to the
 * byte but for the hidden fields' values (form tokens), gets the same verdict without a second
 * run: same DOM, same stylesheet. Each sign-in and the guide's walks cross the same pages again.
 * A page changed by the test since it loaded (a choice ticked, a field shown) is not in its HTML:
 * such a page is scanned by `checkA11y`, which always runs axe.
 */
async function checkLoaded(page: Page): Promise<void> {
  assertNoProblems(page);
  const javaScriptEnabled = guards.get(page)?.javaScriptEnabled !== false;
  const html = await page.content();
  const browser = page.context().browser();
  assert.ok(browser, 'page has no browser');
  const key = [
    javaScriptEnabled,
    JSON.stringify(page.viewportSize()),
    page.url().split('#')[0],
    createHash('sha256')
      .update(html.replace(/(<input\b[^>]*\btype="hidden"[^>]*\bvalue=")[^"]*"/g, '$1"'))
      .digest('hex'),
  ].join(' ');
  const clean = scannedClean.get(browser) ?? new Set<string>();
  scannedClean.set(browser, clean);
  if (clean.has(key)) return;
  if (javaScriptEnabled) await scan(page);
  else await scanCopy(page, html);
  clean.add(key);
}

/**
 * Where the page's JavaScript is disabled, axe cannot run in it (its timers
 * never fire). The same HTML is then served, at the same address, to a twin
 * page with JavaScript: same stylesheet from the server, same viewport, and
 * Vigie's own script replaced by nothing so the DOM stays as the user sees it.
 *
 * One twin per browser and viewport serves every such scan (each scan loads a
 * new document in it): a new context per scan started a renderer and compiled
 * axe cold each time, 3–5 CPU seconds a page (docs/benchmarks.md, « CI time »).
 */
interface Twin {
  page: Page;
  /** The address and HTML the twin serves for the scan in progress. */
  url: string;
  html: string;
  /** Scans through one twin wait for each other (one document at a time). */
  queue: Promise<void>;
}

const twins = new WeakMap<Browser, Map<string, Promise<Twin>>>();

async function openTwin(browser: Browser, viewport: { width: number; height: number } | null): Promise<Twin> {
  const context = await browser.newContext({
    ...(viewport ? { viewport } : {}),
    isMobile: true,
    hasTouch: true,
    locale: 'fr-BE',
    bypassCSP: true,
  });
  context.setDefaultNavigationTimeout(0);
  const twin: Twin = { page: await context.newPage(), url: '', html: '', queue: Promise.resolve() };
  await twin.page.route(
    // Requests carry no fragment: the document's address without it.
    (u) => u.href === twin.url.split('#')[0],
    (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: twin.html }),
  );
  await twin.page.route(/\/assets\/[^/]+\/app\.js$/, (route) =>
    route.fulfill({ status: 200, contentType: 'text/javascript', body: '' }),
  );
  return twin;
}

async function scanCopy(page: Page, html: string): Promise<void> {
  const [url, viewport] = [page.url(), page.viewportSize()];
  const browser = page.context().browser();
  assert.ok(browser, 'page has no browser');
  const byViewport = twins.get(browser) ?? new Map<string, Promise<Twin>>();
  twins.set(browser, byViewport);
  const key = viewport ? `${viewport.width}x${viewport.height}` : 'default';
  const opening = byViewport.get(key) ?? openTwin(browser, viewport);
  byViewport.set(key, opening);
  const twin = await opening;
  const turn = twin.queue.then(async () => {
    // Same address but for the fragment: Chromium would only scroll the old document, not load this one.
    const target = new URL(url);
    const current = new URL(twin.page.url());
    if (target.hash && current.href.split('#')[0] === target.href.split('#')[0]) await twin.page.goto('about:blank');
    twin.url = url;
    twin.html = html;
    await twin.page.goto(url);
    await scan(twin.page, url);
  });
  twin.queue = turn.catch(() => undefined);
  await turn;
}

async function scan(page: Page, shownUrl = page.url()): Promise<void> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(options: object): Promise<{ violations: AxeViolation[] }> } })
      .axe;
    const result = await axe.run({
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
  });
  const report = violations
    .map((v) => `- ${v.id} (${v.impact ?? 'n/a'}): ${v.help}\n    ${v.targets.join('\n    ')}`)
    .join('\n');
  assert.equal(
    violations.length,
    0,
    `axe found ${violations.length} accessibility violation(s) on ${shownUrl}:\n${report}`,
  );
}

/** Opens a path of the test server, checks the status and scans the page. */
export async function visit(page: Page, path: string, expectedStatus = 200): Promise<void> {
  const response = await page.goto(path);
  assert.equal(response?.status(), expectedStatus, `GET ${path}`);
  await checkLoaded(page);
}

/**
 * Clicks something that loads a new page (a link, a submit button), waits for it, scans it.
 * The click itself does not wait for the server (`noWaitAfter`): the new page is awaited as an
 * event, without a clock (see `newPage`), so that a slow answer is never taken for a missing one.
 */
export async function clickAndLoad(page: Page, target: Locator): Promise<void> {
  const loaded = page.waitForEvent('framenavigated', {
    predicate: (frame) => frame === page.mainFrame(),
    timeout: 0,
  });
  await target.click({ noWaitAfter: true });
  await loaded;
  await page.waitForLoadState('load');
  await checkLoaded(page);
}

/** Logs in through the real form and lands on the user's home page. */
export async function logIn(page: Page, account: Account): Promise<void> {
  await visit(page, '/connexion');
  await page.getByLabel('Adresse e-mail').fill(account.email);
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await clickAndLoad(page, page.getByRole('button', { name: 'Se connecter' }));
  assert.doesNotMatch(new URL(page.url()).pathname, /^\/connexion/, 'login should leave the login page');
}

/** Closes the page's context after a last check of the guards. */
export async function closePage(page: Page): Promise<void> {
  try {
    assertNoProblems(page);
  } finally {
    await page.context().close();
  }
}

/** Where `npm run screenshots` asks the browser tests to leave their pictures. */
const SCREENSHOTS_DIR = process.env.SCREENSHOTS_DIR;

/**
 * Saves what the page shows as docs/screenshots/<name>.png when the tests run
 * through `npm run screenshots`; does nothing in an ordinary test run.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (!SCREENSHOTS_DIR) return;
  await mkdir(SCREENSHOTS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS_DIR, `${name}.png`), fullPage: true, animations: 'disabled' });
}
