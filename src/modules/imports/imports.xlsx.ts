import { unzipSync, strFromU8 } from 'fflate';
import { FileFormatError, type Table, type TableRow } from './imports.csv.js';

/**
 * Reads the first worksheet of an XLSX file (a zip of XML parts) into the same
 * table as a CSV. Only what a register export needs: shared strings, inline
 * strings, numbers, booleans, and dates (stored as serial day numbers in cells
 * whose style has a date format) turned into YYYY-MM-DD.
 */
const MAX_UNZIPPED = 50 * 1024 * 1024;

function decodeXml(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos);/gi, (_, e: string) => {
    const lower = e.toLowerCase();
    if (lower === 'lt') return '<';
    if (lower === 'gt') return '>';
    if (lower === 'amp') return '&';
    if (lower === 'quot') return '"';
    if (lower === 'apos') return "'";
    const code = lower.startsWith('#x') ? Number.parseInt(lower.slice(2), 16) : Number.parseInt(lower.slice(1), 10);
    return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : '';
  });
}

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m?.[1] === undefined ? undefined : decodeXml(m[1]);
}

/** Text of the <t> elements inside (rich text runs are concatenated; phonetic runs skipped). */
function textOf(xml: string): string {
  const withoutPhonetic = xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '');
  let out = '';
  for (const m of withoutPhonetic.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)) out += decodeXml(m[1] ?? '');
  return out;
}

function sharedStrings(xml: string | undefined): string[] {
  if (!xml) return [];
  return [...xml.matchAll(/<si>([\s\S]*?)<\/si>|<si\/>/g)].map((m) => textOf(m[1] ?? ''));
}

// Built-in number formats that are dates (ECMA-376 §18.8.30), plus custom ones with d/m/y.
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 22, 27, 30, 36, 45, 46, 47, 50, 57]);

function dateStyles(xml: string | undefined): Set<number> {
  const out = new Set<number>();
  if (!xml) return out;
  const custom = new Map<number, string>();
  for (const m of xml.matchAll(/<numFmt\b[^>]*>/g)) {
    const id = Number(attr(m[0], 'numFmtId'));
    custom.set(id, attr(m[0], 'formatCode') ?? '');
  }
  const cellXfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(xml)?.[1] ?? '';
  let index = 0;
  for (const m of cellXfs.matchAll(/<xf\b[^>]*?(?:\/>|>[\s\S]*?<\/xf>)/g)) {
    const fmt = Number(attr(m[0], 'numFmtId') ?? '0');
    const code = (custom.get(fmt) ?? '').replace(/"[^"]*"|\[[^\]]*\]/g, '');
    if (BUILTIN_DATE_FORMATS.has(fmt) || (custom.has(fmt) && /[dy]/i.test(code) && !/^[#0.,%\s]*$/.test(code)))
      out.add(index);
    index++;
  }
  return out;
}

/** Excel's serial day number (1900 system) as YYYY-MM-DD. */
export function serialToIsoDate(serial: number): string {
  const ms = Math.round((serial - 25569) * 86_400_000);
  return new Date(ms).toISOString().slice(0, 10);
}

function columnIndex(ref: string): number {
  const letters = /^[A-Z]+/.exec(ref)?.[0] ?? '';
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

function firstSheetPath(files: Record<string, Uint8Array>): string {
  const workbook = files['xl/workbook.xml'];
  const rels = files['xl/_rels/workbook.xml.rels'];
  if (workbook && rels) {
    const sheet = /<sheet\b[^>]*>/.exec(strFromU8(workbook))?.[0];
    const rid = sheet ? attr(sheet, 'r:id') : undefined;
    if (rid) {
      for (const m of strFromU8(rels).matchAll(/<Relationship\b[^>]*>/g)) {
        if (attr(m[0], 'Id') === rid) {
          const target = attr(m[0], 'Target') ?? '';
          return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
        }
      }
    }
  }
  return 'xl/worksheets/sheet1.xml';
}

export function readXlsx(data: Uint8Array): Table {
  let files: Record<string, Uint8Array>;
  try {
    let total = 0;
    files = unzipSync(data, {
      filter: (f) => {
        const wanted =
          f.name === 'xl/workbook.xml' ||
          f.name === 'xl/_rels/workbook.xml.rels' ||
          f.name === 'xl/sharedStrings.xml' ||
          f.name === 'xl/styles.xml' ||
          f.name.startsWith('xl/worksheets/sheet');
        total += wanted ? f.originalSize : 0;
        if (total > MAX_UNZIPPED) throw new FileFormatError('Le classeur est trop volumineux une fois décompressé.');
        return wanted;
      },
    });
  } catch (error) {
    if (error instanceof FileFormatError) throw error;
    throw new FileFormatError("Le fichier n'est pas un classeur XLSX lisible.");
  }
  const sheetFile = files[firstSheetPath(files)];
  if (!sheetFile) throw new FileFormatError('Le classeur ne contient aucune feuille.');
  const strings = sharedStrings(files['xl/sharedStrings.xml'] ? strFromU8(files['xl/sharedStrings.xml']) : undefined);
  const dates = dateStyles(files['xl/styles.xml'] ? strFromU8(files['xl/styles.xml']) : undefined);
  const sheet = strFromU8(sheetFile);
  const rows: TableRow[] = [];
  let nextRow = 1;
  for (const rm of sheet.matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
    const r = attr(rm[0], 'r');
    const line = r ? Number(r) : nextRow;
    nextRow = line + 1;
    const cells: string[] = [];
    let nextCol = 0;
    for (const cm of (rm[2] ?? '').matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const open = `<c${cm[1] ?? ''}>`;
      const ref = attr(open, 'r');
      const col = ref ? columnIndex(ref) : nextCol;
      nextCol = col + 1;
      const type = attr(open, 't') ?? 'n';
      const inner = cm[2] ?? '';
      const v = /<v>([\s\S]*?)<\/v>/.exec(inner)?.[1];
      let value = '';
      if (type === 's') value = strings[Number(v)] ?? '';
      else if (type === 'inlineStr') value = textOf(/<is>([\s\S]*?)<\/is>/.exec(inner)?.[1] ?? '');
      else if (type === 'str' || type === 'e') value = decodeXml(v ?? '');
      else if (type === 'b') value = v === '1' ? 'VRAI' : 'FAUX';
      else if (v !== undefined) {
        const n = Number(v);
        value =
          dates.has(Number(attr(open, 's') ?? '0')) && Number.isFinite(n)
            ? serialToIsoDate(n)
            : Number.isInteger(n)
              ? String(n)
              : decodeXml(v);
      }
      while (cells.length < col) cells.push('');
      cells[col] = value.trim();
    }
    if (cells.some((c) => c !== '')) rows.push({ line, cells });
  }
  const [head, ...body] = rows;
  if (!head)
    throw new FileFormatError('La feuille est vide : il faut au moins la ligne des en-têtes et une ligne de données.');
  return { header: head.cells, rows: body };
}

/** XLSX files are zips: they start with "PK\x03\x04". */
export function looksLikeZip(data: Uint8Array): boolean {
  return data.length > 4 && data[0] === 0x50 && data[1] === 0x4b && data[2] === 0x03 && data[3] === 0x04;
}
