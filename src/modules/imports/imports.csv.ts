/**
 * CSV as spreadsheets write it (RFC 4180): fields in double quotes may hold the
 * separator, line breaks and doubled quotes. UTF-8, with or without BOM; CRLF or
 * LF. The separator is the one the header row uses: a semicolon (what a
 * French-language Excel writes) or a comma.
 */
import { AppError } from '../../errors.js';

export interface TableRow {
  /** Line of the file where the row starts (the header is line 1). */
  line: number;
  cells: string[];
}

export interface Table {
  header: string[];
  rows: TableRow[];
}

export class FileFormatError extends AppError {
  override readonly name: string = 'FileFormatError';
  constructor(message: string) {
    super('IMPORT_FILE_UNREADABLE', message);
  }
}

/** The separator outside quotes on the first line: the more frequent of `;` and `,`. */
export function detectSeparator(text: string): ';' | ',' {
  let semicolons = 0;
  let commas = 0;
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch === ';') semicolons++;
    else if (!quoted && ch === ',') commas++;
  }
  return semicolons >= commas && semicolons > 0 ? ';' : ',';
}

export function decodeUtf8(data: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(data);
  } catch {
    throw new FileFormatError(
      "Le fichier n'est pas encodé en UTF-8. Dans votre tableur, enregistrez-le au format « CSV UTF-8 ».",
    );
  }
}

/** Parses the whole text; blank lines are skipped. */
export function parseCsv(input: string): Table {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const sep = detectSeparator(text);
  const records: TableRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let startLine = 1;
  let quoted = false;
  const endCell = () => {
    cells.push(cell.trim());
    cell = '';
  };
  const endRecord = () => {
    endCell();
    if (cells.some((c) => c !== '')) records.push({ line: startLine, cells });
    cells = [];
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        cell += ch === '\r' && text[i + 1] === '\n' ? '' : ch;
      }
      continue;
    }
    if (ch === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (ch === sep) endCell();
    else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      startLine = line;
    } else cell += ch;
  }
  if (quoted) throw new FileFormatError(`ligne ${startLine} : guillemet ouvert jamais refermé.`);
  endRecord();
  const [head, ...rows] = records;
  if (!head)
    throw new FileFormatError('Le fichier est vide : il faut au moins la ligne des en-têtes et une ligne de données.');
  return { header: head.cells, rows };
}
