import { Resvg } from '@resvg/resvg-js';
import {
  AlignmentType,
  BorderStyle,
  ExternalHyperlink,
  HeadingLevel,
  ImageRun,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ParagraphChild,
} from 'docx';
import { reportFontPath } from './reports.pdf.fonts.js';
import { headingText, type Block, type Cell, type ListBlock, type Run, type TableBlock } from './reports.plan.types.js';

/**
 * The plan's blocks as Word paragraphs and tables: real heading styles kept
 * with the next paragraph (never alone at the foot of a page), real bullet
 * lists, tables with a repeated header row, charts as PNG pictures with their
 * alternative text.
 */
export const ACCENT = '1F4E79';
export const INK = '1D2330';
export const MUTED = '5A6273';
const ACCENT_LIGHT = 'E8EEF5';
export const RULE = 'CFD6DF';
/** A4 with 2 cm margins, in twentieths of a point. */
export const PAGE = { width: 11906, height: 16838, margin: 1134 };
export const CONTENT_TWIPS = PAGE.width - 2 * PAGE.margin;
/** Content width in pixels at 96 dpi (images are sized in pixels). */
const CONTENT_PX = Math.floor((CONTENT_TWIPS / 1440) * 96);
const HEADINGS = {
  1: HeadingLevel.HEADING_1,
  2: HeadingLevel.HEADING_2,
  3: HeadingLevel.HEADING_3,
  4: HeadingLevel.HEADING_4,
} as const;

/** A chart as a PNG twice the size it is shown, drawn with the report's own fonts (never the system's). */
function chartPng(svg: string, widthPx: number): { png: Buffer; width: number; height: number } {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: widthPx * 2 },
    background: '#ffffff',
    font: {
      loadSystemFonts: false,
      fontFiles: [reportFontPath('sans'), reportFontPath('sansBold')],
      defaultFontFamily: 'DejaVu Sans',
      sansSerifFamily: 'DejaVu Sans',
      serifFamily: 'DejaVu Sans',
    },
  });
  const image = resvg.render();
  const png = image.asPng();
  return { png, width: widthPx, height: Math.round((image.height / image.width) * widthPx) };
}

function runsOf(runs: Run[], base: { italics?: boolean; color?: string; size?: number } = {}): ParagraphChild[] {
  return runs
    .filter((r) => r.text.length > 0)
    .flatMap((r): ParagraphChild[] => {
      const lines = r.text.split('\n');
      const textRuns = lines.map(
        (line, i) =>
          new TextRun({
            text: line,
            break: i > 0 ? 1 : 0,
            bold: !!r.bold,
            italics: !!r.italic || !!base.italics,
            color: r.muted ? MUTED : (base.color ?? INK),
            ...(base.size ? { size: base.size } : {}),
            ...(r.code ? { font: 'Consolas' } : {}),
            ...(r.link ? { style: 'Hyperlink' } : {}),
          }),
      );
      return r.link ? [new ExternalHyperlink({ link: r.link, children: textRuns })] : textRuns;
    });
}

export class DocxWriter {
  private listInstance = 0;
  private figure = 0;
  readonly children: Array<Paragraph | Table> = [];

  heading(b: Extract<Block, { type: 'heading' }>): void {
    this.children.push(
      new Paragraph({
        heading: HEADINGS[b.level],
        pageBreakBefore: b.level === 1,
        // Keep-with-next: a heading never ends a page without what follows it.
        keepNext: true,
        keepLines: true,
        children: [new TextRun({ text: headingText(b) })],
      }),
    );
  }

  paragraph(runs: Run[], style?: 'quote' | 'note'): void {
    this.children.push(
      new Paragraph({
        children: runsOf(
          runs,
          style === 'quote' ? { italics: true, color: MUTED } : style === 'note' ? { size: 18 } : {},
        ),
        ...(style === 'quote' ? { indent: { left: 440, right: 440 } } : {}),
      }),
    );
  }

  list(b: ListBlock, level = 0, instance = ++this.listInstance): void {
    for (const item of b.items) {
      this.children.push(
        new Paragraph({
          numbering: { reference: b.ordered ? 'numbers' : 'bullets', level, instance },
          spacing: { after: 40 },
          children: runsOf(item.runs),
        }),
      );
      if (item.children) this.list(item.children, level + 1, instance);
    }
  }

  table(t: TableBlock): void {
    const columns = t.header.length;
    const hasLists = t.rows.some((r) => r.cells.some((c) => typeof c !== 'string'));
    const numberWidth = Math.max(700, Math.min(1300, Math.floor((CONTENT_TWIPS * 0.55) / Math.max(1, columns - 1))));
    const widths = hasLists
      ? [
          900,
          ...Array.from({ length: columns - 1 }, () => Math.floor((CONTENT_TWIPS - 900) / Math.max(1, columns - 1))),
        ]
      : [CONTENT_TWIPS - numberWidth * (columns - 1), ...Array.from({ length: columns - 1 }, () => numberWidth)];
    const size = columns > 8 ? 16 : 19;
    const cell = (content: Cell, c: number, opts: { header?: boolean; bold?: boolean; muted?: boolean }) => {
      const colour = opts.header ? ACCENT : opts.muted ? MUTED : INK;
      const paragraphs =
        typeof content === 'string'
          ? [
              new Paragraph({
                alignment: t.numeric[c] ? AlignmentType.RIGHT : AlignmentType.LEFT,
                spacing: { before: 0, after: 0 },
                children: [
                  new TextRun({
                    text: content,
                    size,
                    bold: !!(opts.header || opts.bold),
                    italics: !!opts.muted,
                    color: colour,
                  }),
                ],
              }),
            ]
          : content.list.map(
              (line) =>
                new Paragraph({
                  numbering: { reference: 'bullets', level: 0, instance: ++this.listInstance },
                  spacing: { before: 0, after: 40 },
                  children: runsOf(line, { size }),
                }),
            );
      return new TableCell({
        width: { size: widths[c]!, type: WidthType.DXA },
        margins: { top: 50, bottom: 50, left: 90, right: 90 },
        ...(opts.header ? { shading: { type: ShadingType.CLEAR, fill: ACCENT_LIGHT, color: 'auto' } } : {}),
        children: paragraphs,
      });
    };
    const rule = { style: BorderStyle.SINGLE, size: 4, color: RULE };
    const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
    if (t.caption) {
      this.children.push(
        new Paragraph({
          keepNext: true,
          spacing: { before: 160, after: 60 },
          children: [new TextRun({ text: `Tableau — ${t.caption}`, bold: true, size: 18, color: MUTED })],
        }),
      );
    }
    this.children.push(
      new Table({
        width: { size: CONTENT_TWIPS, type: WidthType.DXA },
        columnWidths: widths,
        borders: { top: none, left: none, right: none, bottom: rule, insideHorizontal: rule, insideVertical: none },
        rows: [
          new TableRow({
            tableHeader: true,
            cantSplit: true,
            children: t.header.map((h, c) => cell(h, c, { header: true })),
          }),
          ...t.rows.map(
            (r) =>
              new TableRow({
                cantSplit: true,
                children: r.cells.map((content, c) =>
                  cell(content, c, {
                    bold: r.emphasis === 'total' || r.emphasis === 'group',
                    muted: r.emphasis === 'muted',
                    header: r.emphasis === 'group',
                  }),
                ),
              }),
          ),
        ],
      }),
    );
    for (const note of t.notes) {
      this.children.push(
        new Paragraph({
          spacing: { before: 40, after: 0 },
          children: [new TextRun({ text: note, size: 16, italics: true, color: MUTED })],
        }),
      );
    }
    this.children.push(new Paragraph({ spacing: { after: 120 }, children: [] }));
  }

  chart(svg: string, caption: string, alt: string): void {
    const { png, width, height } = chartPng(svg, Math.min(620, CONTENT_PX));
    // A tall chart (many years) is shrunk to fit on one page.
    const maxHeight = 880;
    const scale = height > maxHeight ? maxHeight / height : 1;
    this.children.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        keepNext: true,
        spacing: { before: 120, after: 60 },
        children: [
          new ImageRun({
            type: 'png',
            data: png,
            transformation: { width: Math.round(width * scale), height: Math.round(height * scale) },
            altText: { name: caption, title: caption, description: alt },
          }),
        ],
      }),
      new Paragraph({
        alignment: AlignmentType.CENTER,
        style: 'Caption',
        children: [
          new TextRun({ text: `Figure ${++this.figure} — ${caption}`, italics: true, size: 18, color: MUTED }),
        ],
      }),
    );
  }

  block(b: Block): void {
    switch (b.type) {
      case 'heading':
        return this.heading(b);
      case 'paragraph':
        return this.paragraph(b.runs, b.style);
      case 'list':
        return this.list(b);
      case 'table':
        return this.table(b);
      case 'chart':
        return this.chart(b.svg, b.caption, b.alt);
      case 'code':
        this.children.push(
          new Paragraph({
            children: b.text
              .split('\n')
              .map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : 0, font: 'Consolas', size: 18 })),
          }),
        );
        return;
      case 'rule':
        this.children.push(
          new Paragraph({
            border: { bottom: { style: BorderStyle.SINGLE, size: 4, color: RULE, space: 4 } },
            children: [],
          }),
        );
        return;
    }
  }
}
