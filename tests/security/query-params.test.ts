import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { publishManifesto } from '../factories/index.js';
import type { TestContext } from '../setup/app.js';
import { walkRoutes, type RouteWalk } from '../support/routes.js';

/**
 * Issue 9: `/admin/journal?page=99999999999999999999` answered 500
 * (SQLITE_MISMATCH). Every GET route the app declares (app.routeAccess, so a
 * new route is covered the day it is added) is asked with hostile values for
 * every query parameter the code reads (found in the sources, so a new
 * parameter is covered too): huge, negative, not a number, repeated (an
 * array), empty, Unicode. None may answer with a server error.
 */
const HOSTILE: string[][] = [
  ['99999999999999999999'],
  ['-99999999999999999999'],
  ['9007199254740993'],
  ['-1'],
  ['0'],
  ['1e309'],
  ['NaN'],
  ['0x7fffffff'],
  ['abc'],
  [''],
  ['٣٤'],
  ['é\u202e🙂'],
  ['99999-12-31'],
  ['2026-02-31'],
  ['1', '2'],
  ['x'.repeat(3000)],
];
/** Each name alone gets the values most likely to break a number or a date. */
const HOSTILE_ALONE: string[][] = [['99999999999999999999'], ['-1', '1e309']];
/** An anonymous visitor reaches the same public handlers: fewer values. */
const HOSTILE_ANONYMOUS: string[][] = [['99999999999999999999'], ['-1'], ['abc'], [''], ['1', '2'], ['é\u202e🙂']];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [full] : [];
  });
}

/** Names read as `query.x`, `qs.x`, `query['x']` in one file. */
function queryNames(text: string): string[] {
  const names = new Set<string>();
  for (const m of text.matchAll(/\b(?:query|qs)(?:\.|\[['"])([a-zA-Z_]\w*)/g)) if (m[1]) names.add(m[1]);
  return [...names];
}

/** GET paths declared in one file (`app.get('/x'`, `app.get<…>(p('/x')`). */
function getPaths(text: string): string[] {
  return [...text.matchAll(/\.get(?:<[\s\S]*?>)?\(\s*(?:p\(\s*)?['"`]([^'"`]+)['"`]/g)].flatMap((m) =>
    m[1] ? [m[1]] : [],
  );
}

const files = sourceFiles('src').map((file) => readFileSync(file, 'utf8'));
const ALL_NAMES = [...new Set(['page', ...files.flatMap(queryNames)])].sort();
/** Route path (without the /nl or /en prefix) → the names read in the file declaring it. */
const NAMES_BY_PATH = new Map<string, string[]>();
for (const text of files)
  for (const p of getPaths(text)) NAMES_BY_PATH.set(p, [...(NAMES_BY_PATH.get(p) ?? []), ...queryNames(text)]);

function query(entries: Array<[string, string[]]>): string {
  const params = new URLSearchParams();
  for (const [name, values] of entries) for (const v of values) params.append(name, v);
  return params.toString();
}

describe(`hostile query parameters on every GET route (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let walk: RouteWalk;
  let ctx: TestContext;
  before(async () => {
    walk = await walkRoutes();
    ctx = walk.ctx;
    await publishManifesto(ctx.db);
  });
  after(async () => ctx.close());

  it('finds the parameters the code reads', () => {
    for (const name of ['page', 'annee', 'personne', 'statut', 'q']) assert.ok(ALL_NAMES.includes(name), name);
    assert.ok((NAMES_BY_PATH.get('/admin/journal') ?? []).includes('page'));
  });

  for (const visitor of ['anonymous', 'admin+board'] as const) {
    it(`never answers 5xx (${visitor})`, async () => {
      const agent = await walk.browser(visitor === 'anonymous' ? null : ['admin', 'board']);
      const routes = ctx.app.routeAccess.filter(
        (r) => r.method === 'GET' && (visitor !== 'anonymous' || r.access === 'public'),
      );
      assert.ok(routes.length > 30, 'the route table looks empty');
      const failures: string[] = [];
      let sent = 0;
      for (const route of routes) {
        const base = walk.concrete(route.url);
        const own = NAMES_BY_PATH.get(route.url.replace(/^\/(?:nl|en)(?=\/)/, '')) ?? [];
        const names = [...new Set(['page', ...own])];
        const everyName = (values: string[]) => query(ALL_NAMES.map((n) => [n, values]));
        const queries =
          own.length === 0
            ? // The route's file reads no parameter: only a shared hook could, two values suffice.
              [everyName(['99999999999999999999']), everyName(['1', '2'])]
            : visitor === 'anonymous'
              ? // The same public handlers as below, with fewer values.
                HOSTILE_ANONYMOUS.map(everyName)
              : [
                  // Every known name at once (a helper in another file may read any of them)…
                  ...HOSTILE.map(everyName),
                  // …and each name the route's own file reads, alone.
                  ...HOSTILE_ALONE.flatMap((values) => names.map((n) => query([[n, values]]))),
                ];
        for (const qs of queries) {
          const url = `${base}?${qs}`;
          const res = await agent.get(url);
          sent++;
          if (res.statusCode >= 500) failures.push(`${res.statusCode} GET ${url.slice(0, 160)}`);
        }
      }
      assert.ok(sent > 200, `only ${sent} requests`);
      assert.deepEqual(failures.slice(0, 40), [], `${failures.length} server errors in ${sent} requests`);
    });
  }
});
