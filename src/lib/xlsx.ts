import { strToU8, zipSync } from 'fflate';

/**
 * A minimal SpreadsheetML workbook (ECMA-376): one sheet, inline strings,
 * numbers, and dates stored as dates (serial day numbers with a Belgian
 * « jj/mm/aaaa » format), a bold header row that stays in view. Written by
 * hand so that an export needs no library that runs formulas or macros.
 *
 * Like the CSV (src/lib/csv.ts), a text starting with = + - @ (or a tab or a
 * carriage return) is prefixed with an apostrophe and styled as quoted text:
 * a cell typed by the public or a volunteer never becomes a formula, even when
 * someone edits it or saves the sheet again as CSV.
 */

/** A calendar day (`2026-11-27`) or a Brussels wall-clock time (`2026-11-27T14:05`), shown as a date. */
export interface XlsxDate {
  date: string;
}
export type XlsxCell = string | number | null | XlsxDate;

export interface XlsxSheet {
  /** The tab's name (at most 31 characters, no `[]:*?/\`). */
  name: string;
  header: string[];
  rows: XlsxCell[][];
}

const STYLE = { header: 1, date: 2, dateTime: 3, quoted: 4 } as const;

const FORMULA_START = /^[=+\-@\t\r]/;
/** Characters XML 1.0 does not allow, even escaped: controls other than tab, line feed, carriage return. */
function isXmlChar(ch: string): boolean {
  const code = ch.codePointAt(0) ?? 0;
  return code >= 0x20 ? code !== 0xfffe && code !== 0xffff : code === 0x09 || code === 0x0a || code === 0x0d;
}

function escapeXml(text: string): string {
  return [...text]
    .filter(isXmlChar)
    .join('')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** A, B, … Z, AA, AB… */
export function columnName(index: number): string {
  let n = index + 1;
  let name = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    name = String.fromCharCode(65 + rest) + name;
    n = Math.floor((n - 1) / 26);
  }
  return name;
}

/** Days since 1899-12-30 (Excel's 1900 date system), with the time of day as a fraction. */
export function excelSerial(value: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/.exec(value);
  if (!m) return null;
  const [, y, mo, d, h, mi] = m;
  const day = Date.UTC(Number(y), Number(mo) - 1, Number(d));
  const serial = (day - Date.UTC(1899, 11, 30)) / 86_400_000;
  return serial + (h === undefined ? 0 : (Number(h) * 60 + Number(mi)) / 1440);
}

function textCell(ref: string, value: string, style?: number): string {
  const quoted = FORMULA_START.test(value);
  const text = quoted ? `'${value}` : value;
  const s = style ?? (quoted ? STYLE.quoted : undefined);
  return `<c r="${ref}" t="inlineStr"${s === undefined ? '' : ` s="${s}"`}><is><t xml:space="preserve">${escapeXml(text)}</t></is></c>`;
}

function cell(ref: string, value: XlsxCell): string {
  if (value === null || value === '') return '';
  if (typeof value === 'number')
    return Number.isFinite(value) ? `<c r="${ref}"><v>${value}</v></c>` : textCell(ref, String(value));
  if (typeof value === 'string') return textCell(ref, value);
  const serial = excelSerial(value.date);
  if (serial === null) return textCell(ref, value.date);
  const style = value.date.includes('T') ? STYLE.dateTime : STYLE.date;
  return `<c r="${ref}" s="${style}"><v>${serial}</v></c>`;
}

function displayLength(value: XlsxCell): number {
  if (value === null) return 0;
  if (typeof value === 'number') return String(value).length;
  if (typeof value === 'string') return Math.max(...value.split('\n').map((l) => l.length));
  return value.date.includes('T') ? 16 : 10;
}

function sheetXml(sheet: XlsxSheet): string {
  const widths = sheet.header.map((h, i) =>
    Math.min(60, Math.max(8, h.length + 2, ...sheet.rows.map((r) => displayLength(r[i] ?? null) + 1))),
  );
  const cols = widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('');
  const head = `<row r="1">${sheet.header.map((h, i) => textCell(`${columnName(i)}1`, h, STYLE.header)).join('')}</row>`;
  const body = sheet.rows
    .map((r, ri) => `<row r="${ri + 2}">${r.map((v, ci) => cell(`${columnName(ci)}${ri + 2}`, v)).join('')}</row>`)
    .join('');
  const last = `${columnName(Math.max(0, sheet.header.length - 1))}${sheet.rows.length + 1}`;
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
    `<dimension ref="A1:${last}"/>` +
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>' +
    `<sheetFormatPr defaultRowHeight="15"/><cols>${cols}</cols>` +
    `<sheetData>${head}${body}</sheetData>` +
    '</worksheet>'
  );
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
  '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
  '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
  '</Types>';

const ROOT_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
  '</Relationships>';

const WORKBOOK_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
  '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' +
  '</Relationships>';

// cellXfs in the order of STYLE: default, bold header, date, date and time, quoted text.
const STYLES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<numFmts count="2"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="dd/mm/yyyy hh:mm"/></numFmts>' +
  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="5">' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
  '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1"/>' +
  '</cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';

function sheetName(name: string): string {
  return (
    name
      .replace(/[[\]:*?/\\]/g, ' ')
      .slice(0, 31)
      .trim() || 'Feuille 1'
  );
}

/** The workbook as the bytes of an .xlsx file. */
export function xlsxWorkbook(sheet: XlsxSheet): Uint8Array {
  const workbook =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    `<sheets><sheet name="${escapeXml(sheetName(sheet.name))}" sheetId="1" r:id="rId1"/></sheets>` +
    '</workbook>';
  return zipSync(
    {
      '[Content_Types].xml': strToU8(CONTENT_TYPES),
      '_rels/.rels': strToU8(ROOT_RELS),
      'xl/workbook.xml': strToU8(workbook),
      'xl/_rels/workbook.xml.rels': strToU8(WORKBOOK_RELS),
      'xl/styles.xml': strToU8(STYLES),
      'xl/worksheets/sheet1.xml': strToU8(sheetXml(sheet)),
    },
    { level: 6 },
  );
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
