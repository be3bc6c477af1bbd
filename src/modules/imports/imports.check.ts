import type { Taxonomy } from '../taxonomy/taxonomy.service.js';
import { FileFormatError, type Table } from './imports.csv.js';
import { checkTable, type CheckedTable } from './imports.rows.js';
import { readTable, type ImportFormat } from './imports.service.js';

export type CheckedFile =
  { ok: true; format: ImportFormat; table: Table; checked: CheckedTable } | { ok: false; message: string };

/**
 * Reading and checking a file: pure and CPU-bound (a 5,000-row file takes
 * seconds), so the web preview runs it in a worker thread (imports.service.ts,
 * `planImportFile`). A file that cannot be read comes back as its French message.
 */
export function readAndCheck(data: Uint8Array, taxonomy: Taxonomy, today: string): CheckedFile {
  try {
    const { format, table } = readTable(data);
    return { ok: true, format, table, checked: checkTable(table, taxonomy, today) };
  } catch (error) {
    if (error instanceof FileFormatError) return { ok: false, message: error.message };
    throw error;
  }
}
