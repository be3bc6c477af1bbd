/**
 * The activity report as a DOCX the board can edit in Word or LibreOffice:
 * real heading styles (the navigation pane lists them), real tables with
 * repeated header rows, real bullet lists, « page X / Y » footers, the charts
 * as PNG pictures with their alternative text, the logo on the cover.
 *
 * No table of contents: Word cannot show its page numbers without asking to
 * update fields when the file opens, and a table without them misleads; the
 * navigation pane and the PDF's table of contents serve instead.
 *
 * It draws the plan every format shares (reports.plan.ts). A function of plain
 * data: it can run in a worker thread.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  ImageRun,
  LevelFormat,
  LineRuleType,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  TextRun,
} from 'docx';
import { ACCENT, CONTENT_TWIPS, DocxWriter, INK, MUTED, PAGE, RULE } from './reports.docx.blocks.js';
import type { ActivityReport } from './reports.model.js';
import type { ProgressFn } from './reports.pdf.js';
import { buildDocumentPlan } from './reports.plan.js';
import type { DocumentPlan } from './reports.plan.types.js';

const FONT = 'Calibri';

/** The logo's size in pixels, from its PNG or JPEG header (fitted in 213 × 75 px). */
function logoRun(logo: NonNullable<DocumentPlan['logo']>, organisation: string): ImageRun {
  const data = Buffer.from(logo.base64, 'base64');
  let w = 200;
  let h = 75;
  if (logo.contentType === 'image/png' && data.length > 24) {
    w = data.readUInt32BE(16);
    h = data.readUInt32BE(20);
  } else {
    for (let i = 2; i + 9 < data.length;) {
      const marker = data[i + 1] ?? 0;
      const length = data.readUInt16BE(i + 2);
      if (marker >= 0xc0 && marker <= 0xc3) {
        h = data.readUInt16BE(i + 5);
        w = data.readUInt16BE(i + 7);
        break;
      }
      i += 2 + length;
    }
  }
  const scale = Math.min(213 / Math.max(1, w), 75 / Math.max(1, h), 1);
  return new ImageRun({
    type: logo.contentType === 'image/png' ? 'png' : 'jpg',
    data,
    transformation: { width: Math.round(w * scale), height: Math.round(h * scale) },
    altText: { name: 'Logo', title: 'Logo', description: `Logo : ${organisation}` },
  });
}

function cover(plan: DocumentPlan): Paragraph[] {
  return [
    ...(plan.logo ? [new Paragraph({ children: [logoRun(plan.logo, plan.organisation)] })] : []),
    new Paragraph({
      spacing: { before: plan.logo ? 600 : 1400, after: 2600 },
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
        children: [...cover(plan), ...writer.children],
      },
    ],
  });
  onProgress?.('Écriture du fichier', 0, 1);
  const buffer = await Packer.toBuffer(doc);
  onProgress?.('DOCX terminé', 1, 1);
  return buffer;
}
