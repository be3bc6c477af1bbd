/**
 * Dates in what the app hands out besides its pages (issue 13, « Dates shown in
 * Belgian form »): every CSV and XLSX export, the minutes' PDF and DOCX, and the
 * e-mails queued, filled with the demo data, show dates as « 27/11/2026 » or
 * « 27 novembre 2026 », never ISO. XLSX dates are real dates (a number with a
 * « dd/mm/yyyy » format), so only its text cells are read. The list comes from
 * the routes, so a new export is checked as soon as it exists. The import
 * examples are left out: they show on purpose both date forms an import accepts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { strFromU8, unzipSync } from 'fflate';
import { fillDemo } from '../src/modules/demo/demo.service.js';
import { loginAs } from './factories/index.js';
import { buildSignature } from './factories/manifesto.js';
import { buildSubscriber } from './factories/newsletter.js';
import type { Agent } from './setup/agent.js';
import { createTestApp, type TestContext } from './setup/app.js';
import { pdfText } from './support/pdf-text.js';

/** « 2026-11-27 », and an instant « 2026-11-27T10:00:00Z » too (no word boundary before its T). */
const ISO_DATE = /\b\d{4}-\d{2}-\d{2}(?:\b|T)/;
const DOWNLOAD = /\.(csv|xlsx|pdf|docx)$/;
const EXAMPLES = /\/exemple\.csv$/;

/** The text a person reads in a download. */
function readable(url: string, body: Buffer): string {
  if (url.endsWith('.pdf')) return pdfText(body);
  if (url.endsWith('.csv')) return body.toString('utf8');
  const files = unzipSync(new Uint8Array(body));
  const parts = Object.entries(files)
    .filter(([name]) => /^(word\/document|xl\/sharedStrings|xl\/worksheets\/sheet\d+)\.xml$/.test(name))
    .map(([, data]) => strFromU8(data));
  // In a sheet, only inline text cells (<is><t>…</t></is>) are text; <v> holds numbers and date serials.
  return parts
    .map((xml) => [...xml.matchAll(/<(?:w:)?t\b[^>]*>([^<]*)<\/(?:w:)?t>/g)].map((m) => m[1]).join(' '))
    .join('\n');
}

describe(`dates in exports, minutes and e-mails (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let ctx: TestContext;
  let agent: Agent;
  const ids: Record<string, string> = {};

  before(async () => {
    ctx = await createTestApp();
    await fillDemo(ctx.db, ctx.app.vault);
    // The demo holds no signature or subscriber: one of each, so their exports have dated rows.
    await buildSignature(ctx.db);
    await buildSubscriber(ctx.db);
    ({ agent } = await loginAs(ctx, ['admin', 'board']));
    await agent.get('/bureau/reunions/nouvelle');
    const meeting = await agent.post('/bureau/reunions/nouvelle', { kind: 'meeting', heldOn: '27/11/2026' });
    ids.meeting = /\/bureau\/reunions\/(\d+)/.exec(String(meeting.headers.location))?.[1] ?? '';
    await agent.get('/bureau/assemblees/nouvelle');
    const assembly = await agent.post('/bureau/assemblees/nouvelle', {
      title: 'Assemblée de fin d’année',
      heldOn: '12/12/2026',
      place: 'Bruxelles',
    });
    ids.assembly = /\/bureau\/assemblees\/(\d+)/.exec(String(assembly.headers.location))?.[1] ?? '';
  });
  after(async () => ctx?.close());

  it('every CSV and XLSX export, and the minutes in PDF and DOCX', async () => {
    assert.ok(ids.meeting && ids.assembly, 'a meeting and an assembly to export');
    const urls = ctx.app.routeAccess
      .filter((r) => r.method === 'GET' && DOWNLOAD.test(r.url) && !EXAMPLES.test(r.url))
      .map((r) =>
        r.url
          .replace('/reunions/:id', `/reunions/${ids.meeting}`)
          .replace('/assemblees/:id', `/assemblees/${ids.assembly}`),
      );
    assert.ok(urls.length >= 10, `${urls.length} downloads`);
    const found: string[] = [];
    for (const url of urls) {
      const res = await agent.get(url);
      assert.equal(res.statusCode, 200, url);
      const text = readable(url, res.rawPayload);
      assert.ok(text.trim().length > 0, `${url} has text`);
      const m = ISO_DATE.exec(text);
      if (m) found.push(`${url}: « …${text.slice(Math.max(0, m.index - 40), m.index + 40)}… »`);
    }
    assert.deepEqual(found, [], found.join('\n'));
  });

  it('the activity report as a file (HTML, Markdown): typeset like its page, dates in words', async () => {
    const year = new Date().getFullYear();
    const found: string[] = [];
    for (const url of [
      `/bureau/rapport/${year - 1}-${year}/export?format=html`,
      `/bureau/rapport/${year - 1}-${year}.md`,
    ]) {
      const res = await agent.get(url);
      assert.equal(res.statusCode, 200, url);
      const text = res.body
        .replace(/<(style|script)\b[\s\S]*?<\/\1>/g, ' ')
        .replace(/<[^>]+>/g, ' ')
        .replace(/\]\([^)]*\)/g, ']');
      assert.ok(text.includes('Demande d’avis'), `${url} names the kinds of request`);
      for (const [what, re] of [
        ['a straight apostrophe', /\p{L}'\p{L}/u],
        ['a breaking space before « : »', /\p{L} :/u],
        ['an ISO date', ISO_DATE],
      ] as const) {
        const m = re.exec(text);
        if (m) found.push(`${url}: ${what} in « …${text.slice(Math.max(0, m.index - 40), m.index + 40)}… »`);
      }
    }
    assert.deepEqual(found, [], found.join('\n'));
  });

  it('the e-mails: a welcome mail, a password link, a convocation', async () => {
    await agent.get('/admin/utilisateurs');
    await agent.post('/admin/utilisateurs', { displayName: 'Nora Nouvelle', email: 'nora@exemple.be', roles: 'board' });
    await agent.post('/mot-de-passe-oublie', { email: 'nora@exemple.be' });
    await agent.get(`/bureau/assemblees/${ids.assembly}`);
    await agent.post(`/bureau/assemblees/${ids.assembly}/convocation`, {});
    const mails = await ctx.db.selectFrom('mail_outbox').select(['subject', 'text_body', 'html_body']).execute();
    assert.ok(mails.length >= 1, `${mails.length} mails to read`);
    assert.ok(
      mails.some((m) => /valable jusqu’au \d{1,2}(er)? \p{L}+ \d{4}/u.test(m.text_body)),
      'the welcome mail says until when',
    );
    // Dates in words, and the plain words of the pages (tests/wording.test.ts): French mails only here.
    const rules: Array<[string, RegExp]> = [
      ['an ISO date', ISO_DATE],
      ['a « (s) » plural', /\p{L}\(s\)/u],
      ['the word « Markdown »', /markdown/i],
      ['« mail » alone or « courriel » (say « e-mail »)', /(?<!e-|boîte )\bmails?\b|courriel/i],
      ['« de Comité » (say « du Comité »)', /\bde Comité/],
      ['a raw code', /\b[a-z]+_[a-z_]+\b|\b(undefined|null|NaN)\b/],
    ];
    const found = mails
      .flatMap((m) => [m.subject, m.text_body, (m.html_body ?? '').replace(/<[^>]+>/g, ' ')])
      .map((text) => text.replace(/https?:\/\/\S+/g, '').replace(/\S+@\S+/g, ''))
      .flatMap((text) => rules.filter(([, re]) => re.test(text)).map(([what]) => `${what}: ${text.slice(0, 200)}`));
    assert.deepEqual(found, [], found.join('\n'));
  });
});
