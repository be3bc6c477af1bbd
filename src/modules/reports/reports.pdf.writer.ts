// Just over 300 lines: one class that draws every kind of block of the report (headings kept with what
// follows, paragraphs, lists, tables, charts) inside the tagged PDF's structure tree; tables are already
// in reports.pdf.table.ts.
import SVGtoPDF from 'svg-to-pdfkit';
import { drawTable, tableLayout } from './reports.pdf.table.js';
import {
  ACCENT,
  BODY_GAP,
  BODY_SIZE,
  INK,
  MARGIN,
  MUTED,
  RULE,
  element,
  type Doc,
  type ElementOptions,
  type Struct,
} from './reports.pdf.style.js';
import { headingText, type Block, type HeadingBlock, type ListBlock, type Run } from './reports.plan.types.js';

/**
 * Draws the plan's blocks on the pages, each inside its element of the
 * structure tree (H1–H4, P, L › LI › Lbl/LBody, Table, Figure with its
 * alternative text), decoration as artifacts. A heading is never left alone at
 * the foot of a page: it moves to the next one with what follows it.
 */
export class PdfWriter {
  readonly left: number;
  readonly width: number;
  private outline1: PDFKit.PDFOutline | null = null;
  private figure = 0;
  /** No content yet on the current page: a chapter need not start a new one. */
  private fresh = true;
  /** The last block drawn was a heading (what follows must not leave it alone). */
  afterHeading = false;
  readonly headingPages = new Map<string, number>();
  private units = 0;
  /** The structure element blocks go into: the document, then each chapter. */
  parent: Struct;

  constructor(
    readonly doc: Doc,
    readonly root: Struct,
  ) {
    this.left = MARGIN.left;
    this.width = doc.page.width - MARGIN.left - MARGIN.right;
    this.parent = root;
  }

  get bottom(): number {
    return this.doc.page.height - MARGIN.bottom;
  }

  addPage(): void {
    this.doc.addPage();
    this.fresh = true;
  }

  ensure(height: number): void {
    if (this.doc.y + height > this.bottom) this.addPage();
  }

  /** Decoration (rules, shading) is marked as an artifact: screen readers skip it. */
  artifact(draw: () => void): void {
    this.doc.markContent('Artifact', { type: 'Layout' });
    draw();
    this.doc.endMarkedContent();
  }

  /** Draws inside a new structure element of the current parent. */
  private tagged(type: string, draw: () => void, options?: ElementOptions): void {
    this.parent.add(element(this.doc, type, draw, options));
  }

  /** Lets the event loop breathe during a long layout (the server keeps answering). */
  private async tick(): Promise<void> {
    if (++this.units % 400 === 0) await new Promise((resolve) => setImmediate(resolve));
  }

  async block(b: Block, next: Block | undefined, pageIndex: () => number): Promise<void> {
    switch (b.type) {
      case 'heading':
        this.heading(b, next, pageIndex);
        break;
      case 'paragraph':
        this.paragraph(b.runs, b.style);
        break;
      case 'list':
        await this.list(b, 0, this.parent);
        this.doc.y += 4;
        break;
      case 'table':
        drawTable(this, b);
        break;
      case 'chart':
        this.chart(b.svg, b.caption, b.alt);
        break;
      case 'code': {
        this.ensure(30);
        const y = this.doc.y;
        this.tagged('Code', () =>
          this.doc
            .font('mono')
            .fontSize(8.5)
            .fillColor(INK)
            .text(b.text, this.left + 12, y, { width: this.width - 24, lineGap: 1 }),
        );
        this.doc.y += 8;
        break;
      }
      case 'rule':
        this.ensure(20);
        this.artifact(() =>
          this.doc
            .moveTo(this.left, this.doc.y + 6)
            .lineTo(this.left + this.width, this.doc.y + 6)
            .lineWidth(0.5)
            .strokeColor(RULE)
            .stroke(),
        );
        this.doc.y += 16;
        break;
    }
    this.fresh = false;
    this.afterHeading = b.type === 'heading';
  }

  /** Room the block after a heading needs on the same page (whole when it fits on one page). */
  private keepWith(next: Block | undefined): number {
    const page = this.bottom - MARGIN.top;
    if (next?.type === 'chart') return Math.min(page * 0.9, this.chartBox(next.svg).height + 30);
    if (next?.type === 'table') {
      const { total, start } = tableLayout(this.doc, next, this.width);
      return total <= page * 0.8 ? total : start;
    }
    if (next?.type === 'heading') return 90;
    return 48;
  }

  private heading(b: HeadingBlock, next: Block | undefined, pageIndex: () => number): void {
    const doc = this.doc;
    const style = {
      1: { font: 'sansBold', size: 20, color: ACCENT, before: 0, after: 6 },
      2: { font: 'sansBold', size: 14, color: ACCENT, before: 16, after: 6 },
      3: { font: 'sansBold', size: 11.5, color: INK, before: 12, after: 4 },
      4: { font: 'sansBold', size: 10, color: MUTED, before: 9, after: 3 },
    }[b.level];
    if (b.level === 1) {
      if (!this.fresh) this.addPage();
      // Each chapter is a section of the structure tree.
      const sect = doc.struct('Sect');
      this.root.add(sect);
      this.parent = sect;
    } else if (!this.fresh) {
      // Keep-with-next: the heading and the start of what follows share a page.
      this.ensure(style.before + style.size * 1.4 + this.keepWith(next));
      doc.y += style.before;
    }
    const page = pageIndex();
    const text = headingText(b);
    doc.addNamedDestination(b.id, 'XYZ', null, doc.page.height - doc.y, null);
    const y = doc.y;
    this.tagged(`H${b.level}`, () =>
      doc.font(style.font).fontSize(style.size).fillColor(style.color).text(text, this.left, y, {
        width: this.width,
        lineGap: 1,
      }),
    );
    if (b.level === 1) {
      this.artifact(() =>
        doc
          .moveTo(this.left, doc.y + 4)
          .lineTo(this.left + 48, doc.y + 4)
          .lineWidth(2.5)
          .strokeColor(ACCENT)
          .stroke(),
      );
      doc.y += 18;
      this.outline1 = doc.outline.addItem(text);
    } else {
      doc.y += style.after;
      if (b.level === 2 && b.toc) (this.outline1 ?? doc.outline).addItem(text);
    }
    if (b.toc) this.headingPages.set(b.id, page);
  }

  private font(run: Run): string {
    if (run.code) return 'mono';
    if (run.bold && run.italic) return 'serifBoldItalic';
    return run.bold ? 'serifBold' : run.italic ? 'serifItalic' : 'serif';
  }

  /** Runs of text, in the current marked content (the caller's structure element). */
  private runs(runs: Run[], x: number, width: number, opts: { size: number; color: string; italic?: boolean }): void {
    const doc = this.doc;
    const parts = runs.filter((r) => r.text.length > 0);
    if (!parts.length) return;
    const y = doc.y;
    parts.forEach((r, i) => {
      const run = opts.italic ? { ...r, italic: true } : r;
      doc
        .font(this.font(run))
        .fontSize(r.code ? opts.size - 1 : opts.size)
        .fillColor(r.muted ? MUTED : r.link ? ACCENT : opts.color);
      const o: PDFKit.Mixins.TextOptions = {
        width,
        lineGap: BODY_GAP,
        continued: i < parts.length - 1,
        link: r.link ?? null,
        underline: !!r.link,
        align: 'left',
      };
      if (i === 0) doc.text(run.text, x, y, o);
      else doc.text(run.text, o);
    });
  }

  private paragraph(runs: Run[], style?: 'quote' | 'note'): void {
    this.ensure(BODY_SIZE * 2.5);
    const indent = style === 'quote' ? 22 : 0;
    this.tagged(style === 'quote' ? 'BlockQuote' : 'P', () =>
      this.runs(runs, this.left + indent, this.width - 2 * indent, {
        size: style === 'note' ? 9 : BODY_SIZE,
        color: style === 'quote' ? MUTED : INK,
        italic: style === 'quote',
      }),
    );
    this.doc.y += 7;
  }

  private async list(b: ListBlock, depth: number, parent: Struct): Promise<void> {
    const doc = this.doc;
    const indent = this.left + 6 + depth * 16;
    const markWidth = b.ordered ? 18 : 12;
    const list = doc.struct('L');
    parent.add(list);
    for (const [i, item] of b.items.entries()) {
      this.ensure(BODY_SIZE * 1.6);
      const y = doc.y;
      const mark = b.ordered ? `${b.start + i}.` : depth === 0 ? '•' : '–';
      const li = doc.struct('LI');
      list.add(li);
      li.add(
        element(doc, 'Lbl', () =>
          doc
            .font('serif')
            .fontSize(BODY_SIZE)
            .fillColor(ACCENT)
            .text(mark, indent, y, { width: markWidth, lineBreak: false }),
        ),
      );
      doc.y = y;
      li.add(
        element(doc, 'LBody', () =>
          this.runs(item.runs, indent + markWidth, this.left + this.width - indent - markWidth, {
            size: BODY_SIZE,
            color: INK,
          }),
        ),
      );
      doc.y += 2.5;
      if (item.children) await this.list(item.children, depth + 1, li);
      li.end();
      await this.tick();
    }
    list.end();
  }

  chartBox(svg: string): { width: number; height: number } {
    const box = /viewBox="\s*[\d.-]+[\s,]+[\d.-]+[\s,]+([\d.]+)[\s,]+([\d.]+)\s*"/.exec(svg);
    const vw = Number(box?.[1] ?? /width="([\d.]+)"/.exec(svg)?.[1] ?? 720);
    const vh = Number(box?.[2] ?? /height="([\d.]+)"/.exec(svg)?.[1] ?? 360);
    const fullHeight = this.bottom - MARGIN.top - 30;
    let width = this.width;
    let height = (width * vh) / vw;
    if (height > fullHeight) {
      height = fullHeight;
      width = (height * vw) / vh;
    }
    return { width, height };
  }

  private chart(svg: string, caption: string, alt: string): void {
    const doc = this.doc;
    const { width, height } = this.chartBox(svg);
    this.ensure(height + 30);
    doc.y += 6;
    const x = this.left + (this.width - width) / 2;
    const y = doc.y;
    // svg-to-pdfkit knows only « bold »; the charts say 600.
    const source = svg.replace(/font-weight="(?:[6-9]00|bold(?:er)?)"/g, 'font-weight="bold"');
    this.tagged(
      'Figure',
      () =>
        SVGtoPDF(doc, source, x, y, {
          width,
          height,
          preserveAspectRatio: 'xMidYMid meet',
          fontCallback: (_family: string, bold: boolean) => (bold ? 'sansBold' : 'sans'),
          warningCallback: () => undefined,
        }),
      { alt },
    );
    doc.y = y + height + 4;
    const cy = doc.y;
    this.tagged('Caption', () =>
      doc
        .font('serifItalic')
        .fontSize(9)
        .fillColor(MUTED)
        .text(`Figure ${++this.figure} — ${caption}`, this.left, cy, { width: this.width, align: 'center' }),
    );
    doc.y += 12;
  }
}
