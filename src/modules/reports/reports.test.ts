// Over 300 lines: the activity report's end-to-end tests share one seeded register (requests of
// several years, the taxonomy, figures by hand) built once in `before`; each test reads the same data
// through another output (page, Markdown, JSON, command line, charts, PDF). Splitting would rebuild
// that seed per file; next split: the export tests, with the seed moved to tests/support/.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Db } from '../../db/index.js';
import { nowIso } from '../../lib/time.js';
import { createTestApp, type TestContext } from '../../../tests/setup/app.js';
import { buildRequestInput, loginAs } from '../../../tests/factories/index.js';
import { createRequest } from '../requests/requests.service.js';
import { findEntryByCode, setLabelFrom } from '../taxonomy/taxonomy.service.js';
import { kindsChart, monthsChart } from './reports.charts.js';
import { runCli } from '../../cli.js';
import { findJob, settlesWithin, startJob } from './reports.jobs.js';
import { markdownToHtml } from '../../web/markdown.js';
import { frenchTypography } from '../../lib/typography.js';
import { reportMarkdown } from './reports.markdown.js';
import type { ActivityReport } from './reports.model.js';
import { setCountingRule } from './reports.queries.js';
import { buildReport, ReportYearsError, validateYears } from './reports.service.js';

/**
 * The committee's 2019–2020 report as a fixture: its key figures (training
 * 5/2, advice 30/34, hearing 12/8, talk 4/7, publication 1/2 → 52/53) and a
 * hand-typed 2018 total of 41.
 */
const SEED: Record<string, [number, number]> = {
  training: [5, 2],
  advice: [30, 34],
  hearing: [12, 8],
  talk: [4, 7],
  publication: [1, 2],
};
const IDENTITY_NAME = 'Gwendoline Tartempion';
const IDENTITY_EMAIL = 'gwen.tartempion@exemple.be';
const IDENTIFYING_SUBJECT = 'Madame Dupont a appelé';
const TALK_2020_LABEL = "Interventions (journées d'étude, colloques)";

async function entryId(db: Db, type: 'kind' | 'theme' | 'outcome_reason', code: string): Promise<number> {
  const e = await findEntryByCode(db, type, code);
  if (!e) throw new Error(`no ${type} ${code}`);
  return e.id;
}

interface Row {
  year: number;
  kind: string;
  subject: string;
  month?: number;
  outcome?: 'done' | 'answered' | 'declined' | 'cancelled' | 'later_year' | 'hearing_held' | 'referred';
  reason?: string;
  plannedYear?: number;
  themes?: string[];
}

async function insertRequest(db: Db, r: Row): Promise<number> {
  const row = await db
    .selectFrom('requests')
    .select((eb) => eb.fn.max('seq').as('m'))
    .where('year', '=', r.year)
    .executeTakeFirst();
  const seq = Number(row?.m ?? 0) + 1;
  const reference = `${r.year}-${String(seq).padStart(3, '0')}`;
  const month = String(r.month ?? 3).padStart(2, '0');
  const now = nowIso();
  const { id } = await db
    .insertInto('requests')
    .values({
      reference,
      year: r.year,
      seq,
      received_on: `${r.year}-${month}-10`,
      channel: 'email',
      kind_id: await entryId(db, 'kind', r.kind),
      requester_type: 'worker',
      sector_id: null,
      region: null,
      subject: r.subject,
      notes: `Notes confidentielles sur ${IDENTITY_NAME}`,
      status: r.outcome ? 'closed' : 'in_progress',
      outcome: r.outcome ?? null,
      outcome_reason_id: r.reason ? await entryId(db, 'outcome_reason', r.reason) : null,
      outcome_detail: null,
      event_on: null,
      planned_year: r.plannedYear ?? null,
      search_text: r.subject.toLowerCase(),
      created_by: null,
      created_at: now,
      updated_at: now,
      closed_at: r.outcome ? now : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const t of r.themes ?? [])
    await db
      .insertInto('request_themes')
      .values({ request_id: id, theme_id: await entryId(db, 'theme', t) })
      .execute();
  return id;
}

async function setFigure(db: Db, year: number, key: string, value: number, note = ''): Promise<void> {
  await db
    .insertInto('yearly_figures')
    .values({ year, key, value, note, updated_by: null, updated_at: nowIso() })
    .execute();
}

/** Numbers of the kinds table in the page, by data attributes: code → year → cell text. */
function pageKindCells(html: string): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  const table = /<table[^>]*id="tableau-types"[\s\S]*?<\/table>/.exec(html)?.[0] ?? '';
  for (const tr of table.matchAll(/<tr[^>]*? data-key="([^"]+)"[^>]*>([\s\S]*?)<\/tr>/g)) {
    const cells: Record<string, string> = {};
    for (const td of (tr[2] ?? '').matchAll(/<td class="num" data-year="(\d{4})">([^<]*)<\/td>/g))
      cells[td[1] as string] = td[2] as string;
    out[tr[1] as string] = cells;
  }
  return out;
}

/** Rows of the first Markdown table after a heading: first cell → other cells. */
function markdownTable(md: string, heading: string): Map<string, string[]> {
  const start = md.indexOf(heading);
  const lines = md
    .slice(start)
    .split('\n')
    .filter((l) => l.startsWith('|'));
  const rows = new Map<string, string[]>();
  const block: string[] = [];
  for (const l of md.slice(start + heading.length).split('\n')) {
    if (l.startsWith('|')) block.push(l);
    else if (block.length) break;
  }
  for (const l of (block.length ? block : lines).slice(2)) {
    const cells = l
      .split(/(?<!\\)\|/)
      .slice(1, -1)
      .map((c) => c.trim().replace(/\*\*/g, ''));
    rows.set(cells[0] ?? '', cells.slice(1));
  }
  return rows;
}

/** A small well-formedness check: every tag closed in order, attributes quoted, no stray '<' or '&'. */
function assertWellFormedXml(xml: string): void {
  const stack: string[] = [];
  const tag = /<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/g;
  let last = 0;
  for (const m of xml.matchAll(tag)) {
    const between = xml.slice(last, m.index);
    assert.ok(!between.includes('<'), `stray < before ${m[0]}`);
    assert.ok(!/&(?!amp;|lt;|gt;|quot;|#39;)/.test(between), `unescaped & in ${between}`);
    last = (m.index ?? 0) + m[0].length;
    if (m[1]) assert.equal(stack.pop(), m[2], `closing ${m[2]}`);
    else if (!m[4]) stack.push(m[2] as string);
  }
  assert.equal(xml.slice(last), '', 'trailing text');
  assert.deepEqual(stack, [], 'unclosed tags');
}

describe(`activity report (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let ctx: TestContext;
  let identifyingId: number;

  before(async () => {
    ctx = await createTestApp();
    const db = ctx.db;
    const { user } = await loginAs(ctx);
    // One 2019 advice request through the service, with a requester identity.
    await createRequest(
      db,
      ctx.app.vault,
      await buildRequestInput(db, {
        receivedOn: '2019-01-15',
        subject: 'Une AS de CPAS peut-elle répondre à la police ?',
        notes: `Appel de ${IDENTITY_NAME}`,
        identityName: IDENTITY_NAME,
        identityEmail: IDENTITY_EMAIL,
      }),
      user,
    );
    for (const [kind, [n2019, n2020]] of Object.entries(SEED)) {
      for (const [year, n] of [
        [2019, n2019],
        [2020, n2020],
      ] as const) {
        const already = kind === 'advice' && year === 2019 ? 1 : 0;
        for (let i = already; i < n; i++) {
          const row: Row = { year, kind, subject: `Demande ${kind} n° ${i + 1} de ${year}`, month: (i % 12) + 1 };
          if (kind === 'training') {
            if (year === 2019)
              Object.assign(row, { outcome: 'done', subject: `Formation d'une équipe de PMS n° ${i + 1}` });
            else Object.assign(row, { outcome: 'done' });
          }
          if (kind === 'advice')
            Object.assign(row, { outcome: 'answered', themes: [i % 2 ? 'secrecy-institution' : 'misc'] });
          if (kind === 'hearing') Object.assign(row, { outcome: 'hearing_held', themes: ['secrecy-police'] });
          if (kind === 'talk') Object.assign(row, { outcome: 'done' });
          if (kind === 'advice' && year === 2020 && i === 5) row.subject = IDENTIFYING_SUBJECT;
          const id = await insertRequest(db, row);
          if (row.subject === IDENTIFYING_SUBJECT) identifyingId = id;
        }
      }
    }
    // Negotiated in 2020 for 2021: counts in 2021, not in 2020 (the seed's « NB1 »).
    await insertRequest(db, {
      year: 2020,
      kind: 'training',
      month: 11,
      outcome: 'later_year',
      plannedYear: 2021,
      subject: 'Formation négociée pour un CPAS',
    });
    // The committee's table for 2019–2020 counts what took place (5 trainings given in 2019, not
    // the declined ones): a rule dated from 2019. Declined and cancelled requests are reviewed.
    await setCountingRule(db, 2019, 'took_place', null);
    for (const i of [1, 2])
      await insertRequest(db, {
        year: 2019,
        kind: 'training',
        month: i,
        outcome: 'declined',
        reason: 'covid',
        subject: `Formation pour une AMO n° ${i}`,
      });
    for (const year of [2019, 2020])
      await insertRequest(db, {
        year,
        kind: 'talk',
        month: 3,
        outcome: 'cancelled',
        reason: 'no-time',
        subject: 'Table ronde annulée',
      });
    // A kind that does not count in the total.
    for (const year of [2019, 2019, 2019, 2020])
      await insertRequest(db, { year, kind: 'position', subject: 'Co-signature d’une carte blanche' });
    // Renamed from 2020.
    await setLabelFrom(db, await entryId(db, 'kind', 'talk'), 2020, TALK_2020_LABEL, true);
    // Manual figures: 2018 total, a 2019 total the records must beat, and key figures.
    await setFigure(db, 2018, 'requests.total', 41);
    await setFigure(db, 2019, 'requests.total', 99);
    await setFigure(db, 2019, 'board.meetings', 17);
    await setFigure(db, 2020, 'board.meetings', 19);
    await setFigure(db, 2019, 'helpline.shifts', 38);
    await setFigure(db, 2020, 'helpline.shifts', 37);
    await setFigure(db, 2020, 'newsletter.subscribers', 566, 'après nettoyage');
    // Dated counting rule: mobilisations count in the total from 2022 only.
    await setLabelFrom(db, await entryId(db, 'kind', 'mobilisation'), 2022, 'Mobilisation', true);
    await insertRequest(db, {
      year: 2021,
      kind: 'mobilisation',
      subject: 'Manifestation pour le secret professionnel',
    });
    await insertRequest(db, { year: 2022, kind: 'mobilisation', subject: 'Manifestation contre le contrôle' });
    await insertRequest(db, { year: 2022, kind: 'advice', subject: 'Question de secret partagé' });
  });
  after(async () => ctx.close());

  it('gives the JSON contract: per-kind counts, totals of counting kinds, previous year from records or by hand', async () => {
    const { agent } = await loginAs(ctx);
    const res = await agent.post('/bureau/rapport/2019-2020/export', { format: 'json', malgre: '1' });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /application\/json/);
    assert.match(
      String(res.headers['content-disposition']),
      /attachment; filename="rapport-activites-2019-2020\.json"/,
    );
    const json = JSON.parse(res.body) as ActivityReport;
    assert.deepEqual(json.years, [2019, 2020]);
    for (const [kind, [a, b]] of Object.entries(SEED))
      assert.deepEqual(json.requests.byKind[kind], { 2019: a, 2020: b }, kind);
    assert.deepEqual(json.requests.byKind.position, { 2019: 3, 2020: 1 });
    assert.deepEqual(json.requests.total, { 2019: 52, 2020: 53 }, 'position does not count in the total');
    assert.deepEqual(json.requests.previousYearTotal, { 2019: 41, 2020: 52 });
    assert.deepEqual(json.requests.previousYearTotalSource, { 2019: 'manual', 2020: 'records' });
    assert.deepEqual(json.requests.change, { 2019: 11, 2020: 1 });
    assert.deepEqual(json.requests.totalSource, { 2019: 'records', 2020: 'records' }, 'records beat the manual 99');
    const meetings = json.keyFigures.find((f) => f.key === 'board.meetings');
    assert.deepEqual(meetings?.byYear['2019'], { value: 17, source: 'manual' });
    assert.deepEqual(json.keyFigures.find((f) => f.key === 'newsletter.subscribers')?.byYear['2020'], {
      value: 566,
      source: 'manual',
      note: 'après nettoyage',
    });
    assert.ok(
      !json.keyFigures.some((f) => f.key === 'requests.total'),
      'the total is in the requests section, not twice',
    );
    assert.equal(
      json.requests.byMonth['2019']?.reduce((s, n) => s + n, 0),
      52 + 3,
    );
  });

  it('labels kinds as in the last year of the report, and each year as it was', async () => {
    const both = await buildReport(ctx.db, [2019, 2020], { organisationName: 'CVTS' });
    assert.equal(both.requests.kinds.find((k) => k.code === 'talk')?.label, TALK_2020_LABEL);
    const only2019 = await buildReport(ctx.db, [2019], { organisationName: 'CVTS' });
    assert.equal(
      only2019.requests.kinds.find((k) => k.code === 'talk')?.label,
      'Intervention dans des colloques et groupes de travail',
    );
  });

  it('counts a kind in the total only for the years its rule says so', async () => {
    const r = await buildReport(ctx.db, [2021, 2022], { organisationName: 'CVTS' });
    assert.deepEqual(r.requests.byKind.mobilisation, { 2021: 1, 2022: 1 });
    assert.deepEqual(r.requests.total, { 2021: 1, 2022: 2 }, '2021: the training planned from 2020');
    assert.equal(r.requests.previousYearTotal['2021'], 53);
  });

  it('falls back on the manual total for a year without records, and says so', async () => {
    const r = await buildReport(ctx.db, [2018], { organisationName: 'CVTS' });
    assert.equal(r.requests.total['2018'], 41);
    assert.equal(r.requests.totalSource['2018'], 'manual');
    assert.equal(r.requests.hasRecords?.['2018'], false);
    assert.equal(r.requests.previousYearTotal['2018'], null);
    const md = reportMarkdown(r);
    assert.match(md, /\| \*\*Total\*\* \| \*\*41¹\*\* \|/);
    assert.match(md, /¹ total encodé à la main/);
    assert.match(md, /Sources — total\s: encodé à la main/);
  });

  it('groups the review as the committee does: done, declined with reason, later; advice and hearings by theme', async () => {
    const r = await buildReport(ctx.db, [2019, 2020], { organisationName: 'CVTS' });
    const training = r.review.kinds.find((k) => k.code === 'training');
    assert.equal(training?.done.length, 7, '5 given in 2019, 2 in 2020');
    assert.equal(training?.declinedOrCancelled.length, 2);
    assert.match(training?.declinedOrCancelled[0]?.outcome ?? '', /Déclinée — Crise sanitaire/);
    assert.equal(training?.later.length, 1);
    assert.match(training?.later[0]?.outcome ?? '', /Prévue en 2021/);
    const secrecy = r.review.adviceByTheme.find((g) => g.code === 'secrecy');
    assert.deepEqual(
      secrecy?.children.map((c) => c.code),
      ['secrecy-institution', 'secrecy-police'],
    );
    assert.equal(
      secrecy?.children.find((c) => c.code === 'secrecy-police')?.items.length,
      20,
      'hearings are grouped with advice',
    );
    const themed =
      r.review.adviceByTheme.flatMap((g) => [...g.items, ...g.children.flatMap((c) => c.items)]).length +
      r.review.adviceWithoutTheme.length;
    assert.equal(themed, 30 + 34 + 12 + 8);
  });

  it('lists identifying subjects as warnings, with a link to fix them, and refuses exports until confirmed', async () => {
    const { agent } = await loginAs(ctx);
    const r = await buildReport(ctx.db, [2019, 2020], { organisationName: 'CVTS' });
    assert.deepEqual(
      r.warnings.map((w) => w.subject),
      [IDENTIFYING_SUBJECT],
    );
    assert.match(r.warnings[0]?.hints.join() ?? '', /nom de personne/);
    const page = await agent.get('/bureau/rapport/2019-2020');
    assert.match(page.body, new RegExp(`href="/demandes/${identifyingId}/modifier"`));
    assert.match(page.body, /Madame Dupont a appelé/);
    for (const url of [
      '/bureau/rapport/2019-2020.md',
      '/bureau/rapport/2019-2020.json',
      '/bureau/rapport/2019-2020/export?format=html',
    ]) {
      const refused = await agent.get(url);
      assert.equal(refused.statusCode, 409, url);
      assert.match(refused.body, /Export refusé/);
      assert.match(refused.body, /name="malgre" value="1"/);
    }
    // Issue 9: the old GET ?malgre=1 (which an image in a page could follow) exports nothing and writes
    // nothing in the audit trail; a POST needs the form's token.
    const exportsAudited = async () =>
      (await ctx.db.selectFrom('audit_events').select('id').where('action', '=', 'report.export').execute()).length;
    const beforeGet = await exportsAudited();
    for (const url of [
      '/bureau/rapport/2019-2020.md?malgre=1',
      '/bureau/rapport/2019-2020/export?format=html&malgre=1',
    ])
      assert.equal((await agent.get(url)).statusCode, 409, url);
    const forged = await agent.post('/bureau/rapport/2019-2020/export', { format: 'md', malgre: '1', _csrf: 'x' });
    assert.equal(forged.statusCode, 403);
    assert.equal(await exportsAudited(), beforeGet);
    const before = await ctx.db.selectFrom('audit_events').select('id').where('action', '=', 'report.export').execute();
    const ok = await agent.post('/bureau/rapport/2019-2020/export', { format: 'md', malgre: '1' });
    assert.equal(ok.statusCode, 200);
    assert.match(String(ok.headers['content-type']), /text\/markdown/);
    const afterRows = await ctx.db
      .selectFrom('audit_events')
      .select(['id', 'summary'])
      .where('action', '=', 'report.export')
      .execute();
    assert.equal(afterRows.length, before.length + 1, 'an export despite warnings is audited');
    // Without warnings, no confirmation is needed.
    assert.equal((await agent.get('/bureau/rapport/2021-2022.json')).statusCode, 200);
  });

  it('shows the page in the committee order, one column per year, with charts, sources and a table of contents', async () => {
    const { agent } = await loginAs(ctx);
    const res = await agent.get('/bureau/rapport/2019-2020');
    assert.equal(res.statusCode, 200);
    const body = res.body;
    const order = ['id="chiffres"', 'id="bilan"'].map((s) => body.indexOf(s));
    assert.ok(
      order.every((i, n) => i > 0 && (n === 0 || i > (order[n - 1] ?? 0))),
      `sections in order: ${order.join(',')}`,
    );
    // Texts not written yet are said on the page, not printed as empty chapters.
    assert.match(body, /Pas encore rédigé\u00a0: l’introduction et l’analyse transversale/);
    assert.doesNotMatch(body, /id="introduction"/);
    assert.match(body, /<a href="#section-type-training">2\.1 Formation<\/a>/, 'the table of contents reads « 2.1 »');
    assert.match(body, /Table des matières/);
    assert.match(body, /<th scope="col" class="num">2019<\/th><th scope="col" class="num">2020<\/th>/);
    assert.match(body, /<svg[^>]*role="img"/);
    assert.match(body, /Sources — total\s: registre de Vigie/);
    assert.match(body, /Total de l’année précédente\s: 2019\s: encodé à la main\s; 2020\s: registre de Vigie/);
    assert.match(body, /Formation d’une équipe de PMS n° 1/);
    assert.match(body, /Exporter en texte brut \(\.md\)/);
    assert.ok(!/style="/.test(body), 'no inline style attribute (CSP)');
    assert.ok(!/<script(?![^>]*src=)/.test(body), 'no inline script (CSP)');
  });

  it('prints the same numbers in the page, the Markdown and the JSON', async () => {
    const { agent } = await loginAs(ctx);
    const page = pageKindCells((await agent.get('/bureau/rapport/2019-2020')).body);
    const json = JSON.parse(
      (await agent.post('/bureau/rapport/2019-2020/export', { format: 'json', malgre: '1' })).body,
    ) as ActivityReport;
    const md = (await agent.post('/bureau/rapport/2019-2020/export', { format: 'md', malgre: '1' })).body;
    const mdRows = markdownTable(md, '### 1.1 Les demandes');
    for (const kind of json.requests.kinds) {
      const expected = json.years.map((y) => String(json.requests.byKind[kind.code]?.[String(y)]));
      // A kind outside the total with no request is not printed.
      if (!kind.countsInTotal && expected.every((v) => v === '0')) continue;
      assert.deepEqual(
        json.years.map((y) => page[kind.code]?.[String(y)]),
        expected,
        `page ${kind.code}`,
      );
      const label = frenchTypography(kind.countsInTotal ? kind.label : `${kind.label} (hors total)`);
      assert.deepEqual(mdRows.get(label), expected, `markdown ${kind.code}`);
    }
    const totals = json.years.map((y) => String(json.requests.total[String(y)]));
    assert.deepEqual(
      json.years.map((y) => page.total?.[String(y)]),
      totals,
    );
    assert.deepEqual(mdRows.get('Total'), totals);
    const previous = json.years.map((y) => String(json.requests.previousYearTotal[String(y)]));
    assert.deepEqual(
      json.years.map((y) => page.previous?.[String(y)]),
      previous,
    );
    assert.deepEqual(mdRows.get('Total de l’année précédente'), previous);
    assert.deepEqual(mdRows.get('Évolution'), ['+11', '+1']);
    assert.deepEqual(
      json.years.map((y) => page.change?.[String(y)]),
      ['+11', '+1'],
    );
    const figures = markdownTable(md, '### 1.3 Autres chiffres clés');
    assert.deepEqual(figures.get('Réunions de bureau')?.slice(0, 2), ['17', '19']);
  });

  it('never lets a requester identity or the notes reach the page, the Markdown, the JSON or the CLI', async () => {
    const { agent } = await loginAs(ctx);
    const outputs = [
      (await agent.get('/bureau/rapport/2019-2020')).body,
      (await agent.post('/bureau/rapport/2019-2020/export', { format: 'md', malgre: '1' })).body,
      (await agent.post('/bureau/rapport/2019-2020/export', { format: 'json', malgre: '1' })).body,
      (await agent.post('/bureau/rapport/2019-2020/export', { format: 'html', malgre: '1' })).body,
    ];
    let stdout = '';
    let stderr = '';
    const code = await runCli(
      ['report', '2019', '2020', '--format', 'json', '--malgre'],
      {
        out: (c) => (stdout += c.toString()),
        err: (t) => (stderr += t),
      },
      { config: ctx.app.config },
    );
    assert.equal(code, 0, stderr);
    outputs.push(stdout, stderr);
    for (const text of outputs) {
      for (const secret of [IDENTITY_NAME, IDENTITY_EMAIL, 'Tartempion', 'Notes confidentielles'])
        assert.ok(!text.includes(secret), `${secret} leaked`);
    }
  });

  it('runs from the command line: progress and warnings on stderr, French errors, refusal without --malgre', async () => {
    const run = async (args: string[]) => {
      let out = '';
      let err = '';
      const code = await runCli(
        ['report', ...args],
        {
          out: (c) => (out += c.toString()),
          err: (t) => (err += t),
        },
        { config: ctx.app.config },
      );
      return { code, out, err };
    };
    const json = await run(['2019', '2020', '--format', 'json', '--malgre']);
    const parsed = JSON.parse(json.out) as ActivityReport;
    assert.deepEqual(parsed.requests.total, { 2019: 52, 2020: 53 });
    assert.match(json.err, /\[100 %\]/);
    assert.match(json.err, /Madame Dupont a appelé/);
    const refused = await run(['2019', '2020', '--format', 'md']);
    assert.equal(refused.code, 1);
    assert.equal(refused.out, '');
    assert.match(refused.err, /export refusé/);
    const one = await run(['2017', '--format', 'json']);
    assert.equal(one.code, 0, one.err);
    assert.deepEqual((JSON.parse(one.out) as ActivityReport).years, [2017]);
    const gap = await run(['2018', '2020', '--format', 'json']);
    assert.equal(gap.code, 2);
    assert.match(gap.err, /doivent se suivre : il manque 2019/);
    const format = await run(['2019', '--format', 'odt']);
    assert.equal(format.code, 2);
    assert.match(format.err, /--format « odt » n’est pas possible \(valeurs : md, json, html, pdf, docx\)/);
    const notYear = await run(['deux-mille', '--format', 'md']);
    assert.equal(notYear.code, 2);
    assert.match(notYear.err, /n'est pas une année/);
  });

  it('validates years: consecutive, in order, with French messages', async () => {
    assert.deepEqual(validateYears([2020, 2019]), [2019, 2020]);
    assert.throws(
      () => validateYears([2018, 2020]),
      (e: unknown) => e instanceof ReportYearsError && /il manque 2019/.test(e.message),
    );
    assert.throws(() => validateYears([]), ReportYearsError);
    await assert.rejects(buildReport(ctx.db, [2019, 2019], { organisationName: 'x' }), /indiquée deux fois/);
    const { agent } = await loginAs(ctx);
    assert.equal((await agent.get('/bureau/rapport/2020-2019')).statusCode, 400);
    assert.equal((await agent.get('/bureau/rapport/abc')).statusCode, 404);
    const picked = await agent.get('/bureau/rapport?de=2019&a=2020');
    assert.equal(picked.statusCode, 303);
    assert.equal(picked.headers.location, '/bureau/rapport/2019-2020');
    const wrong = await agent.get('/bureau/rapport?de=2020&a=2019');
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /précède la première/);
    const picker = await agent.get('/bureau/rapport');
    assert.equal(picker.statusCode, 200);
    assert.match(picker.body, /<option value="2018"/);
  });

  it('draws well-formed, deterministic, accessible SVG charts that carry the counts', async () => {
    const r = await buildReport(ctx.db, [2019, 2020], {
      organisationName: 'CVTS',
      now: new Date('2026-01-01T00:00:00Z'),
    });
    const svg = kindsChart(r);
    assertWellFormedXml(svg);
    assert.equal(svg, kindsChart(r), 'deterministic');
    assert.match(svg, /role="img"/);
    assert.match(svg, /<title id="graphique-types-title">Demandes par type et par année<\/title>/);
    assert.match(svg, /<desc[^>]*>[^<]*Formation : 2019 5, 2020 2/);
    for (const n of [5, 2, 30, 34, 12, 8]) assert.match(svg, new RegExp(`>${n}</text>`));
    assert.ok(!svg.includes('style='), 'no style attribute');
    const months = monthsChart(r);
    assertWellFormedXml(months);
    assert.match(months, /<desc[^>]*>2019 : janvier \d+/);
  });

  it('edits the introduction and analysis in Markdown, previews them safely, saves and audits', async () => {
    const { agent, user } = await loginAs(ctx);
    const form = await agent.get('/bureau/rapport/2019-2020/textes');
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /name="introduction"/);
    const evil = 'Bonne **lecture** !\n\n<script>alert("x")</script>\n\n[piège](javascript:alert(1))';
    const preview = await agent.post('/bureau/rapport/2019-2020/textes', {
      introduction: evil,
      analysis: '## Du côté du terrain\n\nTexte.',
      action: 'preview',
    });
    assert.equal(preview.statusCode, 200);
    assert.match(preview.body, /<strong>lecture<\/strong>/);
    assert.ok(!preview.body.includes('<script>alert'), 'raw HTML is not rendered');
    assert.match(preview.body, /&lt;script&gt;alert/);
    assert.ok(!preview.body.includes('href="javascript:'));
    assert.equal((await ctx.db.selectFrom('report_texts').select('id').execute()).length, 0, 'a preview saves nothing');
    const saved = await agent.post('/bureau/rapport/2019-2020/textes', {
      introduction: evil,
      analysis: '## Du côté du terrain\n\nTexte.',
      action: 'save',
    });
    assert.equal(saved.statusCode, 303);
    const row = await ctx.db
      .selectFrom('report_texts')
      .select(['first_year', 'last_year', 'introduction', 'updated_by'])
      .executeTakeFirstOrThrow();
    assert.deepEqual([row.first_year, row.last_year, row.introduction, row.updated_by], [2019, 2020, evil, user.id]);
    const audit = await ctx.db
      .selectFrom('audit_events')
      .select(['actor_id', 'summary'])
      .where('action', '=', 'report.texts.update')
      .execute();
    assert.equal(audit.length, 1);
    assert.equal(audit[0]?.actor_id, user.id);
    const page = await agent.get('/bureau/rapport/2019-2020');
    assert.match(page.body, /<strong>lecture<\/strong>/);
    assert.match(page.body, /<h3 id="analyse-1">Du côté du terrain<\/h3>/);
    assert.ok(!page.body.includes('<script>alert'));
    const md = (await agent.post('/bureau/rapport/2019-2020/export', { format: 'md', malgre: '1' })).body;
    assert.match(md, /## Introduction\n\nBonne \*\*lecture\*\*\s!/);
    const tooLong = await agent.post('/bureau/rapport/2019-2020/textes', {
      introduction: 'x'.repeat(50_001),
      analysis: '',
      action: 'save',
    });
    assert.equal(tooLong.statusCode, 400);
  });

  it('renders Markdown safely: raw HTML escaped, unsafe links dropped, headings under the sections', () => {
    const html = markdownToHtml(
      '# Titre\n\n<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[a](javascript:alert(1)) [b](https://cvts.be)',
    );
    assert.ok(!html.includes('<script') && !html.includes('<img'));
    assert.match(html, /<h3>Titre<\/h3>/);
    assert.match(html, /&lt;script&gt;/);
    assert.ok(!html.includes('javascript:'));
    assert.match(html, /<a href="https:\/\/cvts\.be">b<\/a>/);
  });

  it('shows the progress of a long export without JavaScript, then offers the file to its owner only', async () => {
    const { agent, user } = await loginAs(ctx);
    let finish: (b: Buffer) => void = () => undefined;
    const job = startJob(
      { userId: user.id, span: '2019-2020', format: 'pdf' },
      (progress) => {
        progress('Mise en page', 0.4);
        return new Promise<Buffer>((resolve) => (finish = resolve));
      },
      () => 'erreur',
    );
    assert.equal(await settlesWithin(job, 20), false);
    const running = await agent.get(`/bureau/rapport/2019-2020/export/${job.id}`);
    assert.equal(running.statusCode, 200);
    assert.equal(running.headers.refresh, '2');
    assert.match(running.body, /<progress max="100" value="40"/);
    assert.match(running.body, /Mise en page \(40 %\)/);
    finish(Buffer.from('%PDF-1.7 test'));
    assert.equal(await settlesWithin(job, 1000), true);
    const done = await agent.get(`/bureau/rapport/2019-2020/export/${job.id}`);
    assert.equal(done.headers.refresh, undefined);
    assert.match(done.body, new RegExp(`href="/bureau/rapport/2019-2020/export/${job.id}/fichier"`));
    const file = await agent.get(`/bureau/rapport/2019-2020/export/${job.id}/fichier`);
    assert.equal(file.statusCode, 200);
    assert.equal(file.body, '%PDF-1.7 test');
    assert.match(String(file.headers['content-disposition']), /rapport-activites-2019-2020\.pdf/);
    const other = await loginAs(ctx);
    assert.equal((await other.agent.get(`/bureau/rapport/2019-2020/export/${job.id}`)).statusCode, 404);
    assert.equal(findJob(job.id, other.user.id), undefined);
  });

  it('exports the PDF, directly or through the progress page, waiting on the job rather than the clock', async () => {
    const { agent, user } = await loginAs(ctx);
    assert.equal(
      (await agent.get('/bureau/rapport/2019-2020/export?format=pdf')).statusCode,
      409,
      'refused while warnings exist',
    );
    let res = await agent.post('/bureau/rapport/2019-2020/export', { format: 'pdf', malgre: '1' });
    // Rendered in a worker thread: a long export goes through the progress page; its end is awaited, never timed.
    const location = res.statusCode === 303 ? String(res.headers.location) : '';
    if (location) {
      const job = findJob(/export\/([\w-]+)$/.exec(location)?.[1] ?? '', user.id);
      assert.ok(job, location);
      assert.match((await agent.get(location)).body, /Préparation|prêt|Télécharger/);
      await job.done;
      res = await agent.get(`${location}/fichier`);
    }
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /application\/pdf/);
    assert.equal(res.rawPayload.subarray(0, 5).toString(), '%PDF-');
  });

  it('is for the board only', async () => {
    const urls = [
      '/bureau/rapport',
      '/bureau/rapport/2019-2020',
      '/bureau/rapport/2019-2020.json',
      '/bureau/rapport/2019-2020.md',
      '/bureau/rapport/2019-2020/textes',
      '/bureau/rapport/2019-2020/export?format=md',
    ];
    const admin = await loginAs(ctx, ['admin']);
    for (const url of urls) {
      const anonymous = await ctx.app.inject({ method: 'GET', url });
      assert.equal(anonymous.statusCode, 303, url);
      assert.match(String(anonymous.headers.location), /^\/connexion/);
      assert.equal((await admin.agent.get(url)).statusCode, 403, url);
    }
    const post = await admin.agent.post('/bureau/rapport/2019-2020/textes', {
      introduction: 'x',
      analysis: '',
      action: 'save',
    });
    assert.equal(post.statusCode, 403);
    const { agent } = await loginAs(ctx);
    const page = await agent.get('/bureau/rapport/2019-2020');
    assert.equal(page.statusCode, 200);
    assert.match(
      (await agent.get('/bureau')).body,
      /<a href="\/bureau\/rapport">Rapport<\/a>/,
      'listed in « Tout le menu »',
    );
  });
});

describe(`a request's texts checked for the report (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await createTestApp();
  });
  after(async () => ctx.close());

  it('records « vérifié, rien d’identifiant » with who checked, and its audit entry', async () => {
    const { agent, user } = await loginAs(ctx);
    const { id } = await createRequest(
      ctx.db,
      ctx.app.vault,
      await buildRequestInput(ctx.db, { receivedOn: '2019-03-04', subject: 'Une équipe de PMS et le secret' }),
      user,
    );
    const res = await agent.post(`/bureau/rapport/demandes/${id}/verifie`, { retour: '/bureau/rapport/2019' });
    assert.equal(res.statusCode, 303);
    const row = await ctx.db
      .selectFrom('requests')
      .select(['identifying_checked_by', 'identifying_checked_hash'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(row.identifying_checked_by, user.id);
    assert.ok(row.identifying_checked_hash);
    const audit = await ctx.db
      .selectFrom('audit_events')
      .select('entity_id')
      .where('action', '=', 'request.identifying_checked')
      .execute();
    assert.deepEqual(
      audit.map((a) => String(a.entity_id)),
      [String(id)],
    );
  });
});
