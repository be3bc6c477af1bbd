import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { buildLargeReport, buildSampleReport } from '../../../tests/support/reports.js';
import { formatNumberFr as formatNumber } from '../../lib/typography.js';
import { formatDateFr, renderReportPdf, typo } from './reports.pdf.js';

/** poppler-utils reads the PDF as a member's viewer would; without it these tests cannot judge anything. */
function poppler(tool: 'pdftotext' | 'pdfinfo' | 'pdffonts', args: string[]): string {
  try {
    return execFileSync(tool, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      assert.fail(`${tool} is missing: install poppler-utils (apt-get install poppler-utils) to test the PDF report.`);
    }
    throw error;
  }
}

const dir = mkdtempSync(path.join(tmpdir(), 'vigie-pdf-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Writes the PDF and returns its pages as text (layout kept, spaces normalised). */
function pagesOf(pdf: Buffer, name: string): string[] {
  const file = path.join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  const text = poppler('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-']);
  return text
    .replace(/\u00a0/g, ' ')
    .split('\f')
    .slice(0, -1);
}

describe('French formatting', () => {
  test('dates are written out in French, with « 1er »', () => {
    assert.equal(formatDateFr('2026-11-23'), '23 novembre 2026');
    assert.equal(formatDateFr('2020-03-01T10:00:00Z'), '1er mars 2020');
  });
  test('numbers group thousands with a narrow no-break space', () => {
    assert.equal(formatNumber(147263), '147\u202f263');
  });
  test('apostrophes become ’ and « » never break from their words', () => {
    assert.equal(typo("Demande d'avis : « oui » ?"), 'Demande d’avis\u00a0: «\u00a0oui\u00a0»\u202f?');
  });
});

describe('renderReportPdf', () => {
  let pdf: Buffer;
  let pages: string[];
  let all: string;
  const progress: Array<[string, number, number]> = [];

  before(async () => {
    pdf = await renderReportPdf(buildSampleReport(), (step, done, total) => progress.push([step, done, total]));
    pages = pagesOf(pdf, 'sample');
    all = pages.join('\n');
  });

  test('is a PDF of a plausible length', () => {
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.ok(pages.length >= 8 && pages.length <= 20, `expected 8–20 pages, got ${pages.length}`);
  });

  test('opens on a cover with the organisation, the title, the years and the date in French', () => {
    const cover = pages[0]!;
    assert.match(cover.replace(/ /g, ''), /COMITÉDEVIGILANCEENTRAVAILSOCIAL/);
    assert.match(cover, /Rapport d’activités/);
    assert.match(cover, /2019 – 2020/);
    assert.match(cover, /Édité le 19 octobre 2021/);
    assert.doesNotMatch(cover, /page \d+ \/ \d+/, 'the cover has no page number');
  });

  test('has a table of contents whose page numbers lead to the headings', () => {
    const toc = pages[1]!;
    assert.match(toc, /Table des matières/);
    const entries = [...toc.matchAll(/^\s*(\S.*?)[\s.]{4,}(\d+)\s*$/gm)].map((m) => ({
      title: m[1]!.trim(),
      page: Number(m[2]),
    }));
    const titles = entries.map((e) => e.title);
    for (const expected of [
      'Introduction',
      '1. 2019–2020 en quelques chiffres',
      '2. Bilan moral',
      '2.1 Formation',
      '3. Analyse transversale',
      'Du côté du terrain',
    ]) {
      assert.ok(titles.includes(expected), `TOC lacks « ${expected} »: ${titles.join(' | ')}`);
    }
    for (const e of entries) {
      const page = pages[e.page - 1] ?? '';
      assert.ok(page.includes(e.title), `« ${e.title} » should be on page ${e.page}`);
    }
  });

  test('numbers every page but the cover « page X / Y »', () => {
    pages.slice(1).forEach((page, i) => assert.match(page, new RegExp(`page ${i + 2} / ${pages.length}`)));
  });

  test('prints the key figures, one column per year, with their accents', () => {
    const row = (label: string, a: string, b: string) =>
      assert.match(all, new RegExp(`${label}\\s+${a}\\s+${b}\\s*$`, 'm'), `row « ${label} ${a} ${b} »`);
    row('Formation', '5', '2');
    row('Demande d’avis', '30', '34');
    row('Rencontres en bureau', '12', '8');
    row('Intervention dans des colloques et groupes de travail', '4', '7');
    row('Rédaction d’articles et interviews', '1', '2');
    row('Total', '52', '53');
    row('Total de l’année précédente', '41', '52');
    row('Évolution', '\\+11', '\\+1');
    // Every other figure says where it comes from.
    assert.match(all, /Réunions de bureau\s+17\s+19\s+encodé à la main\s*$/m);
    assert.match(all, /Permanences téléphoniques\s+38\s+37\s+encodé à la main\s*$/m);
    assert.match(all, /Abonnés à la newsletter\s+—\s+566[¹²³⁴⁵]?/);
  });

  test('draws the charts as vectors, with their French labels', () => {
    assert.match(all, /Figure 1 — Demandes par type et par année/);
    assert.match(all, /Figure 2 — Demandes reçues par mois/);
    // Month labels exist only inside the line chart: found as text, the chart is vector, not a picture.
    assert.match(all, /janv\.\s+févr\.\s+mars/);
  });

  test('lists the review with the anonymised subjects, grouped by theme', () => {
    for (const s of [
      'Un échevin est-il soumis au secret professionnel ?',
      'Police et instances de contrôle',
      'Annulées ou déclinées (raison)',
      'Supervision individuelle',
    ]) {
      assert.ok(all.replace(/\s+/g, ' ').includes(s), `missing « ${s} »`);
    }
  });

  test('renders the Markdown texts without their markup', () => {
    assert.match(all, /Du côté du CVTS/);
    assert.match(all, /Pratiques innovantes pour rester en contact/);
    assert.doesNotMatch(all, /\*\*|^##/m);
  });

  test('embeds its own fonts and says it is French', () => {
    const fonts = poppler('pdffonts', [path.join(dir, 'sample.pdf')]);
    const rows = fonts.split('\n').slice(2).filter(Boolean);
    assert.ok(rows.length > 0);
    for (const r of rows) assert.match(r, /DejaVu.*\byes\b/, `font not embedded: ${r}`);
    const info = poppler('pdfinfo', [path.join(dir, 'sample.pdf')]);
    assert.match(info, /Title:\s+Rapport d’activités 2019–2020/);
    assert.match(pdf.toString('latin1'), /\/Lang \(fr-BE\)/);
  });

  test('is a tagged PDF: headings, lists, tables and figures with their alternative text, in French, titled', () => {
    const file = path.join(dir, 'sample.pdf');
    const info = poppler('pdfinfo', [file]);
    assert.match(info, /^Tagged:\s+yes$/m);
    const struct = poppler('pdfinfo', ['-struct', file]);
    for (const element of [
      'Document',
      'TOC',
      'TOCI',
      'Sect',
      'H1',
      'H2',
      'H3',
      'P',
      'L',
      'LI',
      'LBody',
      'Table',
      'TR',
      'TH',
      'TD',
      'Figure',
    ])
      assert.match(struct, new RegExp(`^\\s*${element}\\b`, 'm'), `no ${element} element`);
    const text = poppler('pdfinfo', ['-struct-text', file]);
    assert.match(text, /H1[^\n]*\n\s*"1\.\s2019–2020 en quelques chiffres"/);
    assert.match(text, /H2[^\n]*\n\s*"2\.1 Formation"/);
    const raw = pdf.toString('latin1');
    assert.match(raw, /\/Alt \(/, 'figures carry an alternative text');
    assert.match(raw, /\/DisplayDocTitle true/);
    assert.match(raw, /\/Lang \(fr-BE\)/);
  });

  test('reports its progress up to the end', () => {
    assert.ok(progress.length >= 3);
    assert.deepEqual(progress.at(-1), ['PDF terminé', 1, 1]);
  });

  test('prints raw HTML in the texts as text, never as markup', async () => {
    const report = buildSampleReport({
      introduction: 'Avant <b>gras</b> et <script>alert(1)</script> **vrai gras**.',
      analysis: '',
    });
    const text = pagesOf(await renderReportPdf(report), 'html').join('\n');
    assert.match(text, /Avant <b>gras<\/b> et <script>alert\(1\)<\/script> vrai gras\./);
    assert.doesNotMatch(text, /Analyse transversale/, 'an empty analysis has no chapter');
  });
});

describe('renderReportPdf on ten years and 10,000 requests', () => {
  // Its speed is measured by scripts/bench-report.ts (docs/benchmarks.md), never by a test.
  test('keeps its tables whole', async () => {
    const pdf = await renderReportPdf(buildLargeReport(10, 10_000));
    const pages = pagesOf(pdf, 'large');
    assert.ok(pages.length > 100, `expected a long report, got ${pages.length} pages`);
    assert.match(pages.join('\n'), /Type de demande\s+2016\s+2017.*2025/);
  });
});
