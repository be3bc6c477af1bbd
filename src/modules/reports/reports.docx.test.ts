import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { strFromU8, unzipSync } from 'fflate';
import { renderReportDocx } from './reports.docx.js';
import { buildSampleReport } from '../../../tests/support/reports.js';

const decode = (xml: string) =>
  xml
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/[\u00a0\u202f]/g, ' ');

/** The visible text of each <w:p> or <w:tc> in a piece of WordprocessingML. */
function texts(xml: string, element: 'w:p' | 'w:tc'): string[] {
  const re = element === 'w:p' ? /<w:p[ >][\s\S]*?<\/w:p>/g : /<w:tc>[\s\S]*?<\/w:tc>/g;
  return (xml.match(re) ?? []).map((part) =>
    decode((part.match(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g) ?? []).map((t) => t.replace(/<[^>]+>/g, '')).join('')),
  );
}

/** Every table as rows of cell texts. */
function tables(xml: string): string[][][] {
  return (xml.match(/<w:tbl>[\s\S]*?<\/w:tbl>/g) ?? []).map((tbl) =>
    (tbl.match(/<w:tr[ >][\s\S]*?<\/w:tr>/g) ?? []).map((tr) => texts(tr, 'w:tc')),
  );
}

describe('renderReportDocx', () => {
  let files: Record<string, Uint8Array>;
  let documentXml: string;
  const progress: string[] = [];

  before(async () => {
    const docx = await renderReportDocx(buildSampleReport(), (step) => progress.push(step));
    assert.equal(docx.subarray(0, 2).toString('latin1'), 'PK', 'a DOCX is a zip');
    files = unzipSync(new Uint8Array(docx));
    documentXml = strFromU8(files['word/document.xml']!);
  });

  test('holds the key figures in real tables, one column per year, with a header row', () => {
    const all = tables(documentXml);
    assert.ok(all.length >= 3, `expected 3 tables, got ${all.length}`);
    const kinds = all.find((t) => t[0]?.[0] === 'Type de demande');
    assert.ok(kinds, 'the table of requests per kind');
    assert.deepEqual(kinds[0], ['Type de demande', '2019', '2020']);
    const rows = new Map(kinds.slice(1).map((r) => [r[0], r.slice(1)]));
    assert.deepEqual(rows.get('Formation'), ['5', '2']);
    assert.deepEqual(rows.get('Demande d’avis'), ['30', '34']);
    assert.deepEqual(rows.get('Rencontres en bureau'), ['12', '8']);
    assert.deepEqual(rows.get('Intervention dans des colloques et groupes de travail'), ['4', '7']);
    assert.deepEqual(rows.get('Rédaction d’articles et interviews'), ['1', '2']);
    assert.deepEqual(rows.get('Total'), ['52', '53']);
    assert.deepEqual(rows.get('Total de l’année précédente'), ['41', '52']);
    const figures = all.find((t) => t[0]?.[0] === 'Chiffre');
    assert.deepEqual(figures?.[0], ['Chiffre', '2019', '2020', 'Source'], 'every figure says its source');
    assert.ok(figures?.some((r) => r.join('|') === 'Réunions de bureau|17|19|encodé à la main'));
    assert.ok(figures?.some((r) => r.join('|') === 'Permanences téléphoniques|38|37|encodé à la main'));
    // The header row repeats on every page in Word and LibreOffice.
    assert.ok(documentXml.includes('<w:tblHeader/>'), 'a repeated header row');
  });

  test('uses the real heading styles, kept with what follows, and a title; no table of contents Word would have to update', () => {
    const heading = (level: number) =>
      (
        documentXml.match(
          new RegExp(`<w:p>(?:(?!</w:p>)[\\s\\S])*?<w:pStyle w:val="Heading${level}"/>[\\s\\S]*?</w:p>`, 'g'),
        ) ?? []
      ).flatMap((p) => texts(p, 'w:p'));
    assert.deepEqual(heading(1), [
      'Introduction',
      '1. 2019–2020 en quelques chiffres',
      '2. Bilan moral',
      '3. Analyse transversale',
    ]);
    assert.ok(heading(2).includes('2.2 Les avis et rencontres en bureau'));
    assert.ok(heading(3).includes('Le secret professionnel'));
    assert.ok(heading(4).includes('Police et instances de contrôle'));
    assert.doesNotMatch(documentXml, /<w:instrText[^>]*>\s*TOC/, 'no TOC field without page numbers');
    // Keep-with-next on every heading: never alone at the foot of a page.
    const headings =
      documentXml.match(/<w:p>(?:(?!<\/w:p>)[\s\S])*?<w:pStyle w:val="Heading\d"\/>[\s\S]*?<\/w:p>/g) ?? [];
    assert.ok(headings.length > 10);
    for (const h of headings) assert.match(h, /<w:keepNext\/>/);
    const body = texts(documentXml, 'w:p');
    assert.ok(body.includes('Rapport d’activités'));
    assert.ok(body.includes('Édité le 19 octobre 2021'));
    assert.doesNotMatch(strFromU8(files['word/settings.xml']!), /<w:updateFields/, 'Word asks nothing on opening');
    assert.match(strFromU8(files['docProps/core.xml']!), /<dc:title>Rapport d’activités 2019–2020<\/dc:title>/);
  });

  test('writes the review as real bullet lists with the anonymised subjects', () => {
    const body = texts(documentXml, 'w:p');
    for (const s of [
      'Un échevin est-il soumis au secret professionnel ?',
      'Supervision individuelle (Hors de notre champ)',
    ]) {
      assert.ok(body.includes(s), `missing « ${s} »`);
    }
    assert.ok((documentXml.match(/<w:numPr>/g) ?? []).length > 50, 'list paragraphs are numbered (bullets)');
    assert.match(strFromU8(files['word/numbering.xml']!), /<w:numFmt w:val="bullet"\/>/);
  });

  test('embeds both charts as PNG pictures with their alternative text', () => {
    const media = Object.keys(files).filter((f) => /^word\/media\/.+\.png$/.test(f));
    assert.equal(media.length, 2);
    for (const f of media) assert.deepEqual([...files[f]!.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
    assert.equal((documentXml.match(/<a:blip r:embed=/g) ?? []).length, 2);
    assert.ok(
      /<wp:docPr [^>]*descr="[^"]*Demande d’avis\s: 2019 30, 2020 34/.test(documentXml),
      'the alternative text carries the numbers',
    );
    const captions = texts(documentXml, 'w:p').filter((t) => t.startsWith('Figure'));
    assert.deepEqual(captions, [
      'Figure 1 — Demandes par type et par année (mêmes chiffres que le tableau)',
      'Figure 2 — Demandes reçues par mois, une ligne par année',
    ]);
  });

  test('numbers the pages « page X / Y » in the footer, and is French', () => {
    const footers = Object.keys(files)
      .filter((f) => /^word\/footer\d+\.xml$/.test(f))
      .map((f) => strFromU8(files[f]!));
    const footer = footers.find((f) => f.includes('NUMPAGES'));
    assert.ok(footer, 'a footer with the page count');
    assert.match(footer, /page [\s\S]*PAGE[\s\S]*NUMPAGES/);
    assert.match(strFromU8(files['word/styles.xml']!), /<w:lang w:val="fr-BE"\/>/);
  });

  test('reports its progress up to the end', () => {
    assert.equal(progress.at(-1), 'DOCX terminé');
  });
});
