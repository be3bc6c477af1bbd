import type { FastifyReply } from 'fastify';
import { csvDocument } from '../lib/csv.js';
import { formatDateShort, todayInBrussels } from '../lib/time.js';
import { XLSX_TYPE, xlsxWorkbook, type XlsxCell, type XlsxSheet } from '../lib/xlsx.js';

/**
 * A table the board downloads for a spreadsheet, as CSV or XLSX: the same
 * columns and rows either way (dates stay dates in XLSX, « jj/mm/aaaa » in
 * CSV), every text cell protected against formulas (src/lib/csv.ts,
 * src/lib/xlsx.ts). Never cached by a browser or a proxy.
 */
export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The columns and rows; `name` is the XLSX tab's name. */
export type ExportTable = XlsxSheet;

function csvValue(cell: XlsxCell): string | number | null {
  if (cell === null || typeof cell === 'string' || typeof cell === 'number') return cell;
  const [day, time] = cell.date.split('T');
  return `${formatDateShort(day ?? '')}${time ? ` ${time}` : ''}`;
}

export function sendTable(reply: FastifyReply, format: ExportFormat, name: string, table: ExportTable): FastifyReply {
  const filename = `${name}-${todayInBrussels()}.${format}`;
  reply.header('content-disposition', `attachment; filename="${filename}"`).header('cache-control', 'no-store');
  if (format === 'xlsx') return reply.type(XLSX_TYPE).send(Buffer.from(xlsxWorkbook(table)));
  return reply.type('text/csv; charset=utf-8').send(
    csvDocument(
      table.header,
      table.rows.map((r) => r.map(csvValue)),
    ),
  );
}

/** « Télécharger pour un tableur : Excel (XLSX) ou CSV », with the page's filters. */
export function ExportLinks({ base, query }: { base: string; query: string }): JSX.Element {
  return (
    <p class="meta">
      Télécharger pour un tableur :{' '}
      <a href={`${base}.xlsx${query}`} download="">
        Excel (XLSX)
      </a>{' '}
      ou{' '}
      <a href={`${base}.csv${query}`} download="">
        CSV
      </a>
    </p>
  );
}
