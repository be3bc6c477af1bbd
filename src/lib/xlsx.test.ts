import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { strFromU8, unzipSync } from 'fflate';
import { findAll, parseXml, type XmlElement } from '../../tests/support/xml.js';
import { readXlsx } from '../modules/imports/imports.xlsx.js';
import { columnName, excelSerial, xlsxWorkbook } from './xlsx.js';

function parts(bytes: Uint8Array): Record<string, XmlElement> {
  const files = unzipSync(bytes);
  return Object.fromEntries(Object.entries(files).map(([name, data]) => [name, parseXml(strFromU8(data))]));
}

const cellsOf = (sheet: XmlElement) => new Map(findAll(sheet, 'c').map((c) => [c.attrs.r ?? '', c]));
const textOf = (c: XmlElement | undefined) =>
  c
    ? findAll(c, 't')
        .map((t) => t.text)
        .join('')
    : '';

describe('XLSX writer', () => {
  it('writes a well-formed workbook of six parts that declare each other', () => {
    // Act
    const xml = parts(xlsxWorkbook({ name: 'Demandes', header: ['N°'], rows: [['2026-1']] }));

    // Assert
    assert.deepEqual(Object.keys(xml).sort(), [
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/_rels/workbook.xml.rels',
      'xl/styles.xml',
      'xl/workbook.xml',
      'xl/worksheets/sheet1.xml',
    ]);
    const overrides = findAll(xml['[Content_Types].xml']!, 'Override').map((o) => o.attrs.PartName);
    assert.deepEqual(overrides, ['/xl/workbook.xml', '/xl/worksheets/sheet1.xml', '/xl/styles.xml']);
    assert.equal(findAll(xml['xl/workbook.xml']!, 'sheet')[0]?.attrs.name, 'Demandes');
  });

  it('stores dates as dates with a Belgian format, numbers as numbers, text as inline text', () => {
    // Act
    const bytes = xlsxWorkbook({
      name: 'Essai',
      header: ['Reçue le', 'Nombre', 'Objet', 'Inscrit·e le'],
      rows: [[{ date: '2026-11-27' }, 42, 'Secret & « police » <ici>', { date: '2026-03-05T14:30' }]],
    });
    const xml = parts(bytes);

    // Assert
    const cells = cellsOf(xml['xl/worksheets/sheet1.xml']!);
    const date = cells.get('A2');
    assert.equal(findAll(date!, 'v')[0]?.text, '46353');
    const xfs = findAll(xml['xl/styles.xml']!, 'cellXfs')[0]!.children;
    const formats = new Map(
      findAll(xml['xl/styles.xml']!, 'numFmt').map((f) => [f.attrs.numFmtId, f.attrs.formatCode]),
    );
    assert.equal(formats.get(xfs[Number(date!.attrs.s)]!.attrs.numFmtId), 'dd/mm/yyyy');
    assert.equal(formats.get(xfs[Number(cells.get('D2')!.attrs.s)]!.attrs.numFmtId), 'dd/mm/yyyy hh:mm');
    assert.equal(findAll(cells.get('D2')!, 'v')[0]?.text, String(46086 + 14.5 / 24));
    assert.equal(cells.get('B2')?.attrs.t, undefined);
    assert.equal(findAll(cells.get('B2')!, 'v')[0]?.text, '42');
    assert.equal(cells.get('C2')?.attrs.t, 'inlineStr');
    assert.equal(textOf(cells.get('C2')), 'Secret & « police » <ici>');
    assert.equal(
      fontOf(xml, cells.get('A1')!).children.some((c) => c.name === 'b'),
      true,
      'the header is bold',
    );
    // The import reads it back: the same days, the same text.
    const table = readXlsx(bytes);
    assert.deepEqual(table.header, ['Reçue le', 'Nombre', 'Objet', 'Inscrit·e le']);
    assert.deepEqual(table.rows[0]?.cells.slice(0, 3), ['2026-11-27', '42', 'Secret & « police » <ici>']);
  });

  it('never lets a text become a formula, and drops characters XML refuses', () => {
    // Act
    const xml = parts(
      xlsxWorkbook({
        name: 'Formules: [test]',
        header: ['Texte'],
        rows: [
          ['=HYPERLINK("http://exemple.invalid";"cliquer")'],
          ['+32 2 000 00 00'],
          ['-1'],
          ['@SUM(A1)'],
          ['a\u0001b'],
        ],
      }),
    );

    // Assert
    const sheet = xml['xl/worksheets/sheet1.xml']!;
    assert.equal(findAll(sheet, 'f').length, 0, 'no formula element');
    const cells = cellsOf(sheet);
    assert.equal(textOf(cells.get('A2')), `'=HYPERLINK("http://exemple.invalid";"cliquer")`);
    assert.equal(textOf(cells.get('A3')), `'+32 2 000 00 00`);
    assert.equal(textOf(cells.get('A4')), `'-1`);
    assert.equal(textOf(cells.get('A5')), `'@SUM(A1)`);
    assert.equal(textOf(cells.get('A6')), 'ab');
    const xfs = findAll(xml['xl/styles.xml']!, 'cellXfs')[0]!.children;
    assert.equal(xfs[Number(cells.get('A2')!.attrs.s)]?.attrs.quotePrefix, '1');
    assert.equal(findAll(xml['xl/workbook.xml']!, 'sheet')[0]?.attrs.name, 'Formules   test');
  });

  it('names columns past Z and counts days from 30 December 1899', () => {
    assert.deepEqual([0, 25, 26, 51, 701, 702].map(columnName), ['A', 'Z', 'AA', 'AZ', 'ZZ', 'AAA']);
    assert.equal(excelSerial('1900-03-01'), 61);
    assert.equal(excelSerial('2026-11-27T12:00'), 46353.5);
    assert.equal(excelSerial('27/11/2026'), null);
  });
});

function fontOf(xml: Record<string, XmlElement>, c: XmlElement): XmlElement {
  const styles = xml['xl/styles.xml']!;
  const xf = findAll(styles, 'cellXfs')[0]!.children[Number(c.attrs.s ?? 0)]!;
  return findAll(styles, 'fonts')[0]!.children[Number(xf.attrs.fontId)]!;
}
