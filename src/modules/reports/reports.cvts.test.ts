import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { strFromU8, unzipSync } from 'fflate';
import { buildUser } from '../../../tests/factories/index.js';
import { createTestApp, type TestContext } from '../../../tests/setup/app.js';
import { CVTS_TABLE, loadCvts2019 } from '../../../tests/support/cvts.js';
import { renderReportDocx } from './reports.docx.js';
import { reportMarkdown } from './reports.markdown.js';
import type { ActivityReport } from './reports.model.js';
import { renderReportPdf } from './reports.pdf.js';
import { buildReport, reportJson } from './reports.service.js';

/**
 * The committee's 2019–2020 report (shared/seeds/001) rebuilt from its
 * register (tests/support/cvts.ts): the figures in the JSON, the seed's
 * sections in its order in the Markdown, and the same headings in the same
 * order in the PDF and the DOCX.
 */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ').replace(/’/g, "'");

/** The keys other tools read in the JSON export (issue 12: kept; additions welcome). */
const JSON_KEYS = ['years', 'organisationName', 'title', 'generatedAt', 'introduction', 'analysis'];
const JSON_REQUEST_KEYS = [
  'kinds',
  'byKind',
  'total',
  'totalSource',
  'previousYearTotal',
  'previousYearTotalSource',
  'change',
  'byMonth',
];

/** The seed's headings, in its order (« 2019-2021 » in the seed is a typo for the report's years). */
const SEED_HEADINGS = [
  'Introduction',
  '1. 2019–2020 en quelques chiffres',
  '2. Bilan moral',
  '2.1 Les formations',
  '2.2 Les avis et rencontres en bureau',
  'Le secret professionnel',
  'Dans une institution',
  'Entre institutions',
  'Police et instance de contrôle',
  'Pratiques institutionnelles',
  "La fonction de l'intervenant social",
  'Divers',
  "2.3 Journées d'études, colloques, articles",
  '2.4 Le bureau du CVTS',
  '3. Analyse transversale',
  'Du côté du terrain',
  'Du côté du CVTS',
];

/** Whether `expected` appears in `actual` in the same order (other headings may come between). */
function inOrder(actual: readonly string[], expected: readonly string[]): string | null {
  let at = 0;
  for (const e of expected) {
    const found = actual.indexOf(e, at);
    if (found < 0) return `« ${e} » missing or out of order in:\n${actual.join('\n')}`;
    at = found + 1;
  }
  return null;
}

/** The table of contents is the frame of the PDF and the Markdown; the DOCX has none (no field to update). */
const TOC = 'Table des matières';

/** The plan's headings in the Markdown: levels 1–4 of the plan are ## to ##### (# is the title). */
function markdownHeadings(md: string): string[] {
  return [...md.matchAll(/^#{2,5} (.+)$/gm)].map((m) => plain(m[1]!).trim()).filter((h) => h !== TOC);
}

/** The last line of text on each page, above the footer « … page X / Y ». */
function lastLines(file: string): string[] {
  const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  return text
    .split('\f')
    .slice(0, -1)
    .map((page) => {
      const lines = page
        .split('\n')
        .map((l) => plain(l).trim())
        .filter((l) => l && !/page \d+ \/ \d+$/.test(l));
      return lines.at(-1) ?? '';
    });
}

function pdfHeadings(file: string): string[] {
  const struct = execFileSync('pdfinfo', ['-struct-text', file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return [...struct.matchAll(/^\s*H[1-4]\b[^\n]*\n\s*"([^"]*)"/gm)]
    .map((m) => plain(m[1]!).trim())
    .filter((h) => h !== TOC);
}

function docxHeadings(docx: Buffer): string[] {
  const xml = strFromU8(unzipSync(new Uint8Array(docx))['word/document.xml']!);
  const paragraphs = xml.match(/<w:p>(?:(?!<\/w:p>)[\s\S])*?<w:pStyle w:val="Heading\d"\/>[\s\S]*?<\/w:p>/g) ?? [];
  return paragraphs.map((p) =>
    plain(
      (p.match(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g) ?? [])
        .map((t) => t.replace(/<[^>]+>/g, ''))
        .join('')
        .replace(/&apos;/g, "'")
        .replace(/&amp;/g, '&'),
    ).trim(),
  );
}

describe(`the committee's 2019–2020 report, rebuilt from its register (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let ctx: TestContext;
  let report: ActivityReport;
  const dir = mkdtempSync(path.join(tmpdir(), 'vigie-cvts-'));

  before(async () => {
    ctx = await createTestApp();
    const user = await buildUser(ctx.db, ['board']);
    await loadCvts2019(ctx.db, user.id);
    report = await buildReport(ctx.db, [2019, 2020], {
      organisationName: 'Comité de Vigilance en Travail Social',
      now: new Date('2021-10-19T09:30:00Z'),
    });
  });
  after(async () => {
    rmSync(dir, { recursive: true, force: true });
    await ctx.close();
  });

  it('gives the seed’s figures in the JSON, two-year figures included, under the keys other tools read', () => {
    const json = JSON.parse(reportJson(report)) as ActivityReport & Record<string, unknown>;
    for (const key of JSON_KEYS) assert.ok(key in json, `JSON key ${key}`);
    for (const key of JSON_REQUEST_KEYS) assert.ok(key in json.requests, `JSON key requests.${key}`);
    assert.ok('keyFigures' in json && 'review' in json && 'warnings' in json);
    assert.deepEqual(json.years, [2019, 2020]);
    for (const [code, y2019, y2020] of CVTS_TABLE)
      assert.deepEqual(json.requests.byKind[code], { '2019': y2019, '2020': y2020 }, code);
    assert.deepEqual(json.requests.total, { '2019': 52, '2020': 53 });
    assert.equal(json.requests.kinds.find((k) => k.code === 'hearing')?.label, 'Rencontres en bureau');
    const keyed = (key: string) => json.keyFigures.find((f) => f.key === key)?.byYear;
    assert.deepEqual(keyed('board.meetings'), {
      '2019': { value: 17, source: 'manual' },
      '2020': { value: 19, source: 'manual' },
    });
    assert.deepEqual(keyed('helpline.shifts')?.['2020'], { value: 37, source: 'manual' });
    const quoted = (label: string) => json.quotedFigures?.find((f) => f.label === label);
    assert.deepEqual(
      [quoted('Nouveaux membres : personnes')?.value, quoted('Nouveaux membres : personnes')?.firstYear],
      [26, 2019],
    );
    assert.equal(quoted('Nouveaux membres : personnes')?.lastYear, 2020);
    assert.equal(quoted('Manifeste : nouvelles signatures individuelles')?.value, 109);
    assert.equal(quoted('Facebook : abonnés')?.measuredOn, '2021-09-29');
    assert.equal(quoted('Site : visites depuis sa création')?.source, 'historical');
    // The trainings, done and declined or cancelled, per year as in the seed's table.
    const training = json.review.kinds.find((k) => k.code === 'training');
    const perYear = (items: ActivityReport['review']['kinds'][number]['done'], y: number) =>
      items.filter((i) => i.year === y).length;
    assert.deepEqual(
      [2019, 2020].map((y) => [perYear(training?.done ?? [], y), perYear(training?.declinedOrCancelled ?? [], y)]),
      [
        [5, 5],
        [2, 7],
      ],
    );
  });

  it('has the seed’s sections in its order in the Markdown, with its trainings table and its texts', () => {
    const md = reportMarkdown(report);
    assert.equal(inOrder(markdownHeadings(md), SEED_HEADINGS), null);
    const text = plain(md);
    assert.match(text, /\*\*NB1 :\*\* 3 formations ont été négociées pour 2021\./);
    assert.match(text, /\| 2019 \|[^\n]*Formation de travailleurs sociaux de logements sociaux/, 'trainings table');
    assert.match(text, /construction d'une charte déontologique\. _\(avril 2019\)_/, 'the text and its month');
    // The chart marks the kinds outside the total, as the table does.
    assert.match(text, /Avis écrit, co-signature, carte blanche, pétition \(hors total\) : 2019 4, 2020 0/);
  });

  it('gives the PDF, the DOCX and the Markdown the same headings in the same order, the seed’s among them', async () => {
    const file = path.join(dir, 'cvts.pdf');
    writeFileSync(file, await renderReportPdf(report));
    const pdf = pdfHeadings(file);
    const docx = docxHeadings(await renderReportDocx(report));
    assert.ok(pdf.length > SEED_HEADINGS.length, `PDF headings: ${pdf.join(' | ')}`);
    assert.deepEqual(pdf, docx);
    assert.deepEqual(markdownHeadings(reportMarkdown(report)), docx);
    assert.equal(inOrder(pdf, SEED_HEADINGS), null);
    // Keep-with-next: no page ends on a heading (« 1.3 Autres chiffres clés » did, its table on the next page).
    const alone = lastLines(file).filter((line) => pdf.includes(line));
    assert.deepEqual(alone, [], 'headings alone at the foot of a page');
  });
});
