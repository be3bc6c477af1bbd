import type { Cell, Run, TableBlock, TableRow } from './reports.plan.types.js';
import { ACCENT, ACCENT_LIGHT, element, INK, MARGIN, MUTED, RULE, type Doc, type Struct } from './reports.pdf.style.js';

/**
 * A plan table in the PDF: real table structure (Table › TR › TH/TD, header
 * cells scoped), the header repeated on each page, a table that fits on one
 * page never split, cells holding a list (the trainings table) drawn as lines
 * with a bullet. Rules and shading are artifacts.
 */
const PAD_X = 5;
const PAD_Y = 3.5;

type CellFont = 'cond' | 'condBold' | 'condItalic';

function lines(cell: Cell): string[] {
  if (typeof cell === 'string') return [cell || ' '];
  return cell.list.map((l: Run[]) => `• ${l.map((r) => r.text).join('')}`);
}

export interface TableLayout {
  size: number;
  widths: number[];
  fontOf(row: TableRow | 'header'): CellFont;
  heightOf(cells: Cell[], font: CellFont): number;
  captionHeight: number;
  start: number;
  header: number;
  /** The whole table's height (Infinity for a huge one: it will break across pages anyway). */
  total: number;
}

export function tableLayout(doc: Doc, t: TableBlock, width: number): TableLayout {
  const columns = t.header.length;
  const size = columns > 8 ? 8 : 9;
  const hasLists = t.rows.some((r) => r.cells.some((c) => typeof c !== 'string'));
  doc.font('condBold').fontSize(size);
  const widths = t.header.map((h, c) => {
    if (c === 0 && hasLists) return 46;
    if (!t.numeric[c]) return 0;
    const widest = Math.max(
      doc.widthOfString(h),
      ...t.rows.map((r) => doc.widthOfString(typeof r.cells[c] === 'string' ? (r.cells[c] as string) : '')),
    );
    return Math.max(columns <= 5 ? 58 : 30, widest + 2 * PAD_X + 2);
  });
  const fixed = widths.reduce((a, b) => a + b, 0);
  const free = widths.filter((w) => w === 0).length;
  for (let c = 0; c < columns; c++) if (widths[c] === 0) widths[c] = (width - fixed) / Math.max(1, free);
  const fontOf = (row: TableRow | 'header'): CellFont =>
    row === 'header' || row.emphasis === 'total' || row.emphasis === 'group'
      ? 'condBold'
      : row.emphasis === 'muted'
        ? 'condItalic'
        : 'cond';
  const heightOf = (cells: Cell[], font: CellFont) => {
    doc.font(font).fontSize(size);
    return (
      Math.max(
        ...cells.map((cell, c) =>
          lines(cell).reduce(
            (h, line) => h + doc.heightOfString(line, { width: (widths[c] ?? 40) - 2 * PAD_X, lineGap: 0 }) + 1,
            0,
          ),
        ),
      ) +
      2 * PAD_Y
    );
  };
  const captionHeight = t.caption ? 18 : 0;
  const header = heightOf(t.header, 'condBold');
  const rows = t.rows.length > 60 ? Infinity : t.rows.reduce((sum, r) => sum + heightOf(r.cells, fontOf(r)), 0);
  const total = 4 + captionHeight + header + rows + 5 + t.notes.length * 11 + 10;
  /** The least a page must hold of a table it starts: caption, header, two rows. */
  const start = 4 + captionHeight + header + heightOf(t.rows[0]?.cells ?? [''], 'cond') * 2;
  return { size, widths, fontOf, heightOf, captionHeight, header, total, start };
}

export interface TableTarget {
  doc: Doc;
  left: number;
  width: number;
  bottom: number;
  parent: Struct;
  /** The block before is a heading: the table starts under it rather than leave it alone at the foot. */
  afterHeading: boolean;
  ensure(height: number): void;
  addPage(): void;
  /** Draws decoration outside the structure tree. */
  artifact(draw: () => void): void;
}

export function drawTable(target: TableTarget, t: TableBlock): void {
  const { doc, left, width } = target;
  const layout = tableLayout(doc, t, width);
  const { size, widths, fontOf, heightOf, total, start } = layout;
  const table = doc.struct('Table');
  target.parent.add(table);

  const drawRow = (cells: Cell[], row: TableRow | 'header') => {
    const font = fontOf(row);
    const h = heightOf(cells, font);
    const y = doc.y;
    const shaded = row === 'header' || row.emphasis === 'group';
    if (shaded) target.artifact(() => doc.rect(left, y, width, h).fill(ACCENT_LIGHT));
    const tr = doc.struct('TR');
    table.add(tr);
    let x = left;
    cells.forEach((cell, c) => {
      const isHeader = row === 'header' || (c === 0 && t.rowHeaders === true);
      const scope = { title: typeof cell === 'string' ? cell : '', scope: row === 'header' ? 'Column' : 'Row' };
      const colour = row === 'header' ? ACCENT : row.emphasis === 'muted' ? MUTED : INK;
      const cellX = x;
      const draw = () => {
        doc.font(font).fontSize(size).fillColor(colour);
        let cy = y + PAD_Y;
        for (const line of lines(cell)) {
          doc.text(line, cellX + PAD_X, cy, {
            width: (widths[c] ?? 40) - 2 * PAD_X,
            align: t.numeric[c] ? 'right' : 'left',
            lineGap: 0,
          });
          cy = doc.y + 1;
        }
      };
      tr.add(isHeader ? element(doc, 'TH', draw, scope) : element(doc, 'TD', draw));
      x += widths[c] ?? 0;
    });
    tr.end();
    const ruleY = y + h;
    target.artifact(() => {
      doc
        .moveTo(left, ruleY)
        .lineTo(left + width, ruleY)
        .lineWidth(row === 'header' ? 1 : 0.5)
        .strokeColor(row === 'header' ? ACCENT : RULE)
        .stroke();
      if (row !== 'header' && row.emphasis === 'total')
        doc
          .moveTo(left, y)
          .lineTo(left + width, y)
          .lineWidth(1)
          .strokeColor(INK)
          .stroke();
    });
    doc.y = ruleY;
  };

  // A table that fits on one page is never split, unless moving it would leave its heading alone.
  if (total <= target.bottom - MARGIN.top && !target.afterHeading) target.ensure(total);
  else target.ensure(start);
  doc.y += 4;
  if (t.caption) {
    const y = doc.y;
    table.add(
      element(doc, 'Caption', () => {
        doc.font('sansBold').fontSize(9).fillColor(MUTED).text(`Tableau — ${t.caption}`, left, y, { width });
      }),
    );
    doc.y += 4;
  }
  drawRow(t.header, 'header');
  for (const row of t.rows) {
    if (doc.y + heightOf(row.cells, fontOf(row)) > target.bottom) {
      target.addPage();
      drawRow(t.header, 'header');
    }
    drawRow(row.cells, row);
  }
  table.end();
  doc.y += 5;
  for (const note of t.notes) {
    target.ensure(12);
    const y = doc.y;
    target.parent.add(
      element(doc, 'P', () => {
        doc.font('serifItalic').fontSize(8.5).fillColor(MUTED).text(note, left, y, { width });
      }),
    );
  }
  doc.y += 10;
}
