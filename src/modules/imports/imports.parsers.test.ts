import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildXlsx } from '../../../tests/setup/xlsx.js';
import { decodeUtf8, detectSeparator, FileFormatError, parseCsv } from './imports.csv.js';
import { parseMultipart } from '../../web/multipart.js';
import { readTable } from './imports.service.js';
import { SAMPLE_CSV } from './imports.sample.js';
import { readXlsx, serialToIsoDate } from './imports.xlsx.js';
import { readFileSync } from 'node:fs';

describe('CSV reader', () => {
  it('detects the separator from the header, ignoring separators inside quotes', () => {
    assert.equal(detectSeparator('a;b;c\n1,2;3'), ';');
    assert.equal(detectSeparator('a,b,c\n1;2;3'), ',');
    assert.equal(detectSeparator('"x;y;z",b\n'), ',');
  });

  it('reads RFC 4180 quotes, doubled quotes, separators and line breaks inside a cell, CRLF and BOM', () => {
    const text =
      '\ufeffreceived_on;subject;notes\r\n2019-01-02;"Un ""secret"" partagé; ou pas";"ligne 1\r\nligne 2"\r\n\r\n2019-01-03;simple;\r\n';
    const t = parseCsv(text);
    assert.deepEqual(t.header, ['received_on', 'subject', 'notes']);
    assert.equal(t.rows.length, 2);
    assert.deepEqual(t.rows[0], { line: 2, cells: ['2019-01-02', 'Un "secret" partagé; ou pas', 'ligne 1\nligne 2'] });
    // The second record starts on line 5: the quoted cell spans lines 2–3, line 4 is blank.
    assert.deepEqual(t.rows[1], { line: 5, cells: ['2019-01-03', 'simple', ''] });
  });

  it('reads a comma-separated file', () => {
    const t = parseCsv('received_on,kind,subject\n2020-02-03,advice,"Avis, vite"\n');
    assert.deepEqual(t.rows[0]?.cells, ['2020-02-03', 'advice', 'Avis, vite']);
  });

  it('refuses an unclosed quote and a file that is not UTF-8, in French', () => {
    assert.throws(
      () => parseCsv('a;b\n1;"open\n'),
      (e: unknown) => e instanceof FileFormatError && /ligne 2 : guillemet ouvert/.test(e.message),
    );
    assert.throws(
      () => decodeUtf8(Buffer.from([0x61, 0xe9, 0x62])),
      (e: unknown) => e instanceof FileFormatError && /UTF-8/.test(e.message),
    );
  });
});

describe('XLSX reader', () => {
  it('reads shared strings, inline strings, numbers and dates (serial numbers) from the first sheet', () => {
    const data = buildXlsx([
      ['received_on', 'kind', 'subject', 'planned_year', 'notes'],
      [{ date: '2019-03-14' }, 'advice', 'Secret & « partage » <entre> services', 2021, { inline: 'note en ligne' }],
      [null, null, null, null, null],
      ['21/05/2019', 'training', 'Formation', null, 'fin'],
    ]);
    const t = readXlsx(data);
    assert.deepEqual(t.header, ['received_on', 'kind', 'subject', 'planned_year', 'notes']);
    assert.deepEqual(t.rows, [
      { line: 2, cells: ['2019-03-14', 'advice', 'Secret & « partage » <entre> services', '2021', 'note en ligne'] },
      { line: 4, cells: ['21/05/2019', 'training', 'Formation', '', 'fin'] },
    ]);
    assert.equal(readTable(data).format, 'xlsx');
  });

  it('converts Excel serial dates', () => {
    assert.equal(serialToIsoDate(43538), '2019-03-14');
    assert.equal(serialToIsoDate(44197), '2021-01-01');
  });

  it('refuses a broken zip and an old .xls file with a French message', () => {
    assert.throws(() => readXlsx(Buffer.from('PK\x03\x04garbage')), FileFormatError);
    const xls = Buffer.alloc(16, 0);
    xls[0] = 0xd0;
    xls[1] = 0xcf;
    assert.throws(
      () => readTable(xls),
      (e: unknown) => e instanceof FileFormatError && /xlsx/i.test(e.message),
    );
  });
});

describe('multipart reader', () => {
  const body = (parts: string[], boundary = 'XyZ') =>
    Buffer.from(`${parts.map((p) => `--${boundary}\r\n${p}\r\n`).join('')}--${boundary}--\r\n`);

  it('returns fields and one file as an object (so the CSRF check finds _csrf)', () => {
    const parsed = parseMultipart(
      body([
        'Content-Disposition: form-data; name="_csrf"\r\n\r\ntok',
        'Content-Disposition: form-data; name="fichier"; filename="C:\\\\dossier\\\\d.csv"\r\nContent-Type: text/csv\r\n\r\na;b\r\n1;2',
      ]),
      'multipart/form-data; boundary=XyZ',
    );
    assert.equal(parsed._csrf, 'tok');
    const file = parsed.fichier;
    assert.ok(typeof file === 'object');
    assert.equal(file.filename, 'd.csv');
    assert.equal(file.data.toString(), 'a;b\r\n1;2');
  });

  it('refuses a second file, an oversized file and a body without boundary', () => {
    const two = body([
      'Content-Disposition: form-data; name="a"; filename="a.csv"\r\n\r\nx',
      'Content-Disposition: form-data; name="b"; filename="b.csv"\r\n\r\ny',
    ]);
    assert.throws(() => parseMultipart(two, 'multipart/form-data; boundary=XyZ'), /Un seul fichier/);
    const big = body(['Content-Disposition: form-data; name="a"; filename="a.csv"\r\n\r\n' + 'x'.repeat(100)]);
    assert.throws(() => parseMultipart(big, 'multipart/form-data; boundary=XyZ', 10), /dépasse/);
    assert.throws(() => parseMultipart(Buffer.from('x'), 'multipart/form-data'), /séparateur/);
  });
});

describe('documentation sample', () => {
  it('docs/samples/requests-sample.csv is the sample the import page offers', () => {
    assert.equal(
      readFileSync(new URL('../../../docs/samples/requests-sample.csv', import.meta.url), 'utf8'),
      SAMPLE_CSV,
    );
  });
});
