/**
 * The activity report as a DOCX the board can edit in Word or LibreOffice:
 * real heading styles (so the navigation pane and the table of contents work),
 * a table-of-contents field (filled in, and refreshed by Word on opening), real
 * tables with repeated header rows, real bullet lists, « page X / Y » footers,
 * and the charts as PNG pictures with their alternative text.
 *
 * It draws the same plan as the PDF (`buildDocumentPlan`), so both say the same.
 */
import { Resvg } from '@resvg/resvg-js';
import {
  AlignmentType,
  BorderStyle,
  Document,
  ExternalHyperlink,
  Footer,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  LineRuleType,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableOfContents,
  TableRow,
  TextRun,
  WidthType,
  type ParagraphChild,
} from 'docx';
import type { ActivityReport } from './reports.model.js';
import {
  buildDocumentPlan,
  reportFontPath,
  type Block,
  type DocumentPlan,
  type ListBlock,
  type ProgressFn,
  type Run,
  type TableBlock,
} from './reports.pdf.js';

const ACCENT = '1F4E79';
const INK = '1D2330';
const MUTED = '5A6273';
const ACCENT_LIGHT = 'E8EEF5';
const RULE = 'CFD6DF';
const FONT = 'Calibri';
/** A4 with 2 cm margins, in twentieths of a point. */
const PAGE = { width: 11906, height: 16838, margin: 1134 };
const CONTENT_TWIPS = PAGE.width - 2 * PAGE.margin;
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

class DocxWriter {
  private listInstance = 0;
  private figure = 0;
  readonly children: Array<Paragraph | Table | TableOfContents> = [];

  heading(b: Extract<Block, { type: 'heading' }>): void {
    this.children.push(
      new Paragraph({
        heading: HEADINGS[b.level],
        pageBreakBefore: b.level === 1,
        keepNext: true,
        children: [new TextRun({ text: b.text })],
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
    const numberWidth = Math.max(700, Math.min(1300, Math.floor((CONTENT_TWIPS * 0.55) / Math.max(1, columns - 1))));
    const widths = [
      CONTENT_TWIPS - numberWidth * (columns - 1),
      ...Array.from({ length: columns - 1 }, () => numberWidth),
    ];
    const size = columns > 8 ? 16 : 19;
    const cell = (text: string, c: number, opts: { header?: boolean; bold?: boolean; muted?: boolean }) =>
      new TableCell({
        width: { size: widths[c]!, type: WidthType.DXA },
        margins: { top: 50, bottom: 50, left: 90, right: 90 },
        ...(opts.header ? { shading: { type: ShadingType.CLEAR, fill: ACCENT_LIGHT, color: 'auto' } } : {}),
        children: [
          new Paragraph({
            alignment: c > 0 ? AlignmentType.RIGHT : AlignmentType.LEFT,
            spacing: { before: 0, after: 0 },
            children: [
              new TextRun({
                text,
                size,
                bold: !!(opts.header || opts.bold),
                italics: !!opts.muted,
                color: opts.header ? ACCENT : opts.muted ? MUTED : INK,
              }),
            ],
          }),
        ],
      });
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
                children: r.cells.map((text, c) =>
                  cell(text, c, { bold: r.emphasis === 'total', muted: r.emphasis === 'muted' }),
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

  chart(svg: string, caption: string): void {
    const { png, width, height } = chartPng(svg, Math.min(620, CONTENT_PX));
    // A tall chart (many years) is shrunk to fit on one page.
    const maxHeight = 880;
    const scale = height > maxHeight ? maxHeight / height : 1;
    const description = /<desc[^>]*>([\s\S]*?)<\/desc>/.exec(svg)?.[1] ?? caption;
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
            altText: {
              name: caption,
              title: caption,
              description: description
                .replace(/&amp;/g, '&')
                .replace(/&#39;/g, '’')
                .replace(/&quot;/g, '"'),
            },
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
        return this.chart(b.svg, b.caption);
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

function cover(plan: DocumentPlan): Paragraph[] {
  return [
    new Paragraph({
      spacing: { before: 1400, after: 2600 },
      children: [new TextRun({ text: plan.organisation.toUpperCase(), size: 22, color: MUTED, characterSpacing: 30 })],
    }),
    new Paragraph({ style: 'Title', children: [new TextRun({ text: plan.title })] }),
    ...(plan.yearsLabel
      ? [
          new Paragraph({
            spacing: { after: 400 },
            children: [new TextRun({ text: plan.yearsLabel.replace('–', ' – '), size: 52, color: INK })],
          }),
        ]
      : []),
    new Paragraph({
      border: { top: { style: BorderStyle.SINGLE, size: 18, color: ACCENT, space: 1 } },
      indent: { right: CONTENT_TWIPS - 1100 },
      children: [],
    }),
    new Paragraph({
      spacing: { before: 5200 },
      children: [new TextRun({ text: `Édité le ${plan.dateLabel}`, color: MUTED })],
    }),
    new Paragraph({
      children: [new TextRun({ text: plan.organisation, italics: true, color: MUTED }), new PageBreak()],
    }),
  ];
}

function footer(plan: DocumentPlan): Footer {
  return new Footer({
    children: [
      new Paragraph({
        border: { top: { style: BorderStyle.SINGLE, size: 4, color: RULE, space: 4 } },
        tabStops: [{ type: 'right', position: CONTENT_TWIPS }],
        children: [
          new TextRun({
            text: `${plan.organisation} — ${plan.title}${plan.yearsLabel ? ` ${plan.yearsLabel}` : ''}`,
            size: 16,
            color: MUTED,
          }),
          new TextRun({
            children: ['\tpage ', PageNumber.CURRENT, ' / ', PageNumber.TOTAL_PAGES],
            size: 16,
            color: MUTED,
          }),
        ],
      }),
    ],
  });
}

const heading = (size: number, color: string, before: number) => ({
  run: { font: FONT, size, bold: true, color },
  paragraph: { spacing: { before, after: 120 }, keepNext: true },
});

/** The report as a DOCX (A4, French). */
export async function renderReportDocx(report: ActivityReport, onProgress?: ProgressFn): Promise<Buffer> {
  onProgress?.('Préparation du document', 0, 1);
  const plan = buildDocumentPlan(report);
  const writer = new DocxWriter();
  const total = plan.blocks.length;
  for (const [i, block] of plan.blocks.entries()) {
    writer.block(block);
    if (i % 20 === 0) {
      onProgress?.('Mise en page', i, total);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  onProgress?.('Mise en page', total, total);
  const tocEntries = plan.blocks.flatMap((b) =>
    b.type === 'heading' && b.toc ? [{ title: b.text, level: b.level }] : [],
  );
  const bullet = (level: number, text: string) => ({
    level,
    format: LevelFormat.BULLET,
    text,
    alignment: AlignmentType.LEFT,
    style: { paragraph: { indent: { left: 360 + level * 360, hanging: 260 } }, run: { color: ACCENT } },
  });
  const number = (level: number) => ({
    level,
    format: level === 1 ? LevelFormat.LOWER_LETTER : LevelFormat.DECIMAL,
    text: `%${level + 1}.`,
    alignment: AlignmentType.LEFT,
    style: { paragraph: { indent: { left: 360 + level * 360, hanging: 300 } } },
  });
  const fullTitle = `${plan.title}${plan.yearsLabel ? ` ${plan.yearsLabel}` : ''}`;
  const doc = new Document({
    title: fullTitle,
    subject: `${plan.title} — ${plan.organisation}`,
    creator: plan.organisation,
    lastModifiedBy: 'Vigie',
    description: `${fullTitle} — ${plan.organisation}`,
    keywords: 'rapport d’activités, travail social, secret professionnel',
    features: { updateFields: true },
    styles: {
      default: {
        document: {
          run: { font: FONT, size: 22, color: INK, language: { value: 'fr-BE' } },
          paragraph: { spacing: { after: 120, line: 276, lineRule: LineRuleType.AUTO } },
        },
        title: { run: { font: FONT, size: 68, bold: true, color: ACCENT }, paragraph: { spacing: { after: 120 } } },
        heading1: heading(40, ACCENT, 0),
        heading2: heading(28, ACCENT, 320),
        heading3: heading(23, INK, 240),
        heading4: heading(20, MUTED, 180),
        hyperlink: { run: { color: ACCENT, underline: { type: 'single' } } },
      },
    },
    numbering: {
      config: [
        { reference: 'bullets', levels: [bullet(0, '•'), bullet(1, '–'), bullet(2, '·')] },
        { reference: 'numbers', levels: [number(0), number(1), number(2)] },
      ],
    },
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin },
          },
        },
        footers: { default: footer(plan), first: new Footer({ children: [] }) },
        children: [
          ...cover(plan),
          new Paragraph({
            style: 'TOCHeading',
            children: [new TextRun({ text: 'Table des matières', bold: true, size: 40, color: ACCENT })],
          }),
          new TableOfContents('Table des matières', {
            hyperlink: true,
            headingStyleRange: '1-2',
            cachedEntries: tocEntries,
          }),
          ...writer.children,
        ],
      },
    ],
  });
  onProgress?.('Écriture du fichier', 0, 1);
  const buffer = await Packer.toBuffer(doc);
  onProgress?.('DOCX terminé', 1, 1);
  return buffer;
}
