/**
 * Plain words on every page (issue 13, « Words and details »): every page the
 * app declares, filled with the demo data, read as a member with both roles and
 * anonymously, must show no ISO date, no « (s) » plural, no « Markdown », no
 * « courriel » nor « mail » alone, no « de Comité », no English record code in the journal, and
 * no « 0 visites » / « 1 demandes »; French pages typeset (no straight
 * apostrophe, no breaking space before « ? ! ; : » nor inside « »). The list comes from the routes, so a new
 * page is checked as soon as it exists.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fillDemo } from '../src/modules/demo/demo.service.js';
import { updateRequest } from '../src/modules/requests/requests.service.js';
import { buildRequestInput, buildUser, loginAs, publishManifesto } from './factories/index.js';
import { Agent } from './setup/agent.js';
import { createTestApp, type TestContext } from './setup/app.js';

/** Not a page for a person, or only meaningful with a token from an e-mail (as in tests/e2e/sweep.spec.ts). */
const SKIPPED =
  /^\/assets\/|^\/favicon|^\/healthz|\.(csv|xlsx|yaml|json|md|txt|xml|ics|atom|pdf|docx)$|\/export(\/|$)|^\/code-source$|^\/fichiers\//;

const RULES: Array<[string, RegExp]> = [
  ['an ISO date', /\b\d{4}-\d{2}-\d{2}(?:\b|T)/],
  ['a « (s) » plural', /\p{L}\(s\)/u],
  ['the word « Markdown »', /markdown/i],
  ['« courriel » (say « e-mail »)', /courriel/i],
  ['« de Comité » (say « du Comité »)', /\bde Comité/],
  ['an English record code', /\b(content|user|signature|member|request|taxonomy|setup) n°/],
  [
    '« en » or « in » before a day (say « le 15 janvier 2026 », « on », « op »)',
    /\b(en|in) \d{1,2}(er)? \p{L}+ \d{4}/u,
  ],
  ['a noun in the plural after 0 or 1', /(?<![\d\s.,])\b[01] (visites|demandes|signatures|membres|pages vues)\b/],
];

/**
 * What the code stores, shown as stored: a status, an outcome, a step, a role, a column or a
 * language code (« new → to_discuss », « call », « rôles : admin, board », « champs : kind_id »,
 * « page (fr) »). Every snake_case word, and the codes that are no French word.
 */
const RAW_CODE =
  /\b[a-z]+_[a-z_]+\b|\b(answered|declined|cancelled|referred|withdrawn|training|advice|board|admin|call|helpline|closed|other|wallonia|brussels|flanders)\b|\((fr|nl|en)(\)| \d)/;

/** The categories' own page shows each code on purpose: the administration types it in import files. */
const CODES_SHOWN = /^\/admin\/taxonomie\//;

/** French pages only: Dutch and English say « mail » as they please, and « board » is their word. */
const FRENCH_RULES: Array<[string, RegExp]> = [
  ['« mail » alone (say « e-mail »)', /(?<!e-|boîte )\bmails?\b/i],
  ['a raw code (say it in words)', RAW_CODE],
  [
    'a code of the guide (« L45 », « SECRET_PARTAGE »; a setting’s name is for who installs Vigie)',
    /\b(L\d{2}|(?!(SMTP|MAIL|PUBLIC|DATABASE)_)[A-Z]{2,}_[A-Z\d_]+)\b/,
  ],
];

/** French typography (docs/typography.md), read on the text as typeset, tags removed without a space. */
const TYPOGRAPHY_RULES: Array<[string, RegExp]> = [
  ['a straight apostrophe (say ’)', /\p{L}'\p{L}/u],
  ['a breaking space before « ? ! ; » (say U+202F)', /[ \n][?!;](?=[\s)»\].,;:!?]|$)/],
  ['a breaking space before « : » (say U+00A0)', /[ \n]:(?=[\s)»\].,;:!?]|$)/],
  ['a breaking space inside « »', /« | »/],
];

/** What a person reads: text without tags, scripts, styles or what they typed into fields. */
function visibleText(html: string, glue = ' '): string {
  return html
    .replace(/<(script|style|textarea|pre|code)\b[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, glue)
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/[ \t\r\n]+/g, ' ');
}

describe(`plain words on every page (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let ctx: TestContext;
  const ids: Record<string, string> = {};

  before(async () => {
    ctx = await createTestApp();
    await fillDemo(ctx.db, ctx.app.vault);
    const first = async (table: 'requests' | 'members' | 'content_items' | 'newsletter_issues' | 'taxonomy_entries') =>
      String((await ctx.db.selectFrom(table).select('id').orderBy('id').limit(1).executeTakeFirst())?.id ?? '');
    ids.request = await first('requests');
    ids.member = await first('members');
    ids.content = await first('content_items');
    ids.issue = await first('newsletter_issues');
    ids.taxonomy = await first('taxonomy_entries');
    // A version published on a given day (the demo's are dated by a year only).
    await publishManifesto(ctx.db);
    // Its test text names its language « (fr) »: the raw-code rule is about what the app writes.
    await ctx.db
      .updateTable('manifesto_versions')
      .set({ body: 'Le texte de test, publié.' })
      .where('version_label', '=', '2026')
      .execute();
    // One edit of a request, so the journal holds a « request.update » entry too.
    const editor = await buildUser(ctx.db, ['board']);
    await updateRequest(
      ctx.db,
      Number(ids.request),
      { ...(await buildRequestInput(ctx.db)), status: 'in_progress' },
      editor,
    );
  });
  after(async () => ctx?.close());

  function pages(filter: (access: string) => boolean): string[] {
    const year = new Date().getFullYear();
    const fill: Array<[RegExp, string]> = [
      [/^\/demandes\/:id/, `/demandes/${ids.request}`],
      [/^\/admin\/taxonomie\/:id/, `/admin/taxonomie/${ids.taxonomy}`],
      [/:span/, `${year - 1}-${year}`],
      [/^\/bureau\/membres\/:id/, `/bureau/membres/${ids.member}`],
      [/^\/bureau\/contenu\/:id/, `/bureau/contenu/${ids.content}`],
      [/envois\/:id/, `envois/${ids.issue}`],
    ];
    const paths = ctx.app.routeAccess
      .filter((r) => r.method === 'GET' && filter(r.access) && !SKIPPED.test(r.url))
      .map((r) => fill.reduce((url, [re, value]) => url.replace(re, value), r.url))
      .filter((url) => !url.includes(':') && !url.includes('*'));
    // The journal, one kind of entry at a time: the demo's entries are more than a page.
    const journal = paths.includes('/admin/journal')
      ? ['request.event', 'request.close', 'request.status', 'request.update', 'user.create', 'content.create'].map(
          (action) => `/admin/journal?action=${action}`,
        )
      : [];
    return [...new Set([...paths, ...journal])];
  }

  async function problems(agent: Agent, paths: string[], anonymous = false): Promise<string[]> {
    const found: string[] = [];
    for (const path of paths) {
      const res = await agent.get(path);
      if (res.statusCode !== 200 || !String(res.headers['content-type']).startsWith('text/html')) continue;
      const text = visibleText(res.body);
      const french = /^<!doctype html><html lang="fr/i.test(res.body);
      // A public page names its language versions (hreflang), itself included when it has no other.
      if (anonymous && !/<link rel="alternate" hreflang="[a-z-]+" href="http:\/\/[^"]+"/i.test(res.body))
        found.push(`${path}: no hreflang link in its head`);
      const checks: Array<[string, RegExp, string]> = [
        ...(french ? [...RULES, ...FRENCH_RULES] : RULES).map(([what, re]): [string, RegExp, string] => [
          what,
          re,
          text,
        ]),
        ...(french
          ? TYPOGRAPHY_RULES.map(([what, re]): [string, RegExp, string] => [what, re, visibleText(res.body, '')])
          : []),
      ];
      for (const [what, re, read] of checks) {
        if (re === RAW_CODE && CODES_SHOWN.test(path)) continue;
        const m = re.exec(read);
        if (m) found.push(`${path}: ${what} in « …${read.slice(Math.max(0, m.index - 40), m.index + 40)}… »`);
      }
    }
    return found;
  }

  it('the back office, for a member with both roles', async () => {
    const { agent } = await loginAs(ctx, ['admin', 'board']);
    const paths = pages((a) => a === 'board' || a === 'admin' || a === 'authenticated');
    assert.ok(paths.length > 30, `${paths.length} back-office pages`);
    const found = await problems(agent, paths);
    assert.deepEqual(found, [], found.join('\n'));
  });

  it('the public side, in French, Dutch and English', async () => {
    const paths = pages((a) => a === 'public');
    assert.ok(paths.some((p) => p.startsWith('/nl')) && paths.some((p) => p.startsWith('/en')));
    const found = await problems(new Agent(ctx.app), paths, true);
    assert.deepEqual(found, [], found.join('\n'));
  });
});
