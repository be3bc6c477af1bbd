/**
 * The activity report as a PDF members can read, print and hear: a tagged PDF
 * (structure tree of headings, paragraphs, lists, tables and figures with
 * their alternative text; language fr-BE; the title shown as the window's
 * title), cover, table of contents with page numbers, « page X / Y » footers,
 * the charts drawn as vectors. It draws the plan every format shares
 * (reports.plan.ts). A function of plain data: it can run in a worker thread.
 */
import PDFDocument from 'pdfkit';
import { formatDateFr, frenchTypography } from '../../lib/typography.js';
import type { ActivityReport } from './reports.model.js';
import { FONT_NAMES, reportFont } from './reports.pdf.fonts.js';
import { drawCover, drawFooters, drawToc, tocPagesNeeded } from './reports.pdf.frame.js';
import { MARGIN } from './reports.pdf.style.js';
import { PdfWriter } from './reports.pdf.writer.js';
import { buildDocumentPlan } from './reports.plan.js';

export type ProgressFn = (step: string, done: number, total: number) => void;

/** French typesetting, shared with every other printed text (src/lib/typography.ts). */
export const typo = frenchTypography;
export { formatDateFr };

/** The report as a PDF (A4, French, tagged, fonts embedded). */
export async function renderReportPdf(report: ActivityReport, onProgress?: ProgressFn): Promise<Buffer> {
  onProgress?.('Préparation du document', 0, 1);
  const plan = buildDocumentPlan(report);
  const fullTitle = `${plan.title}${plan.yearsLabel ? ` ${plan.yearsLabel}` : ''}`;
  const created = new Date(report.generatedAt);
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    autoFirstPage: true,
    tagged: true,
    lang: plan.lang,
    displayTitle: true,
    pdfVersion: '1.7',
    info: {
      Title: fullTitle,
      Author: plan.organisation,
      Subject: `${plan.title} — ${plan.organisation}`,
      Keywords: 'rapport d’activités, travail social, secret professionnel',
      Creator: 'Vigie',
      ...(Number.isNaN(created.getTime()) ? {} : { CreationDate: created }),
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  for (const name of FONT_NAMES) doc.registerFont(name, reportFont(name));

  const root = doc.struct('Document', { lang: plan.lang, title: fullTitle });
  doc.addStructure(root);
  drawCover(doc, root, plan);
  // The table of contents comes second in the structure tree; it is filled in last.
  const toc = doc.struct('TOC');
  root.add(toc);
  const writer = new PdfWriter(doc, root);
  const tocFirst = 1;
  const contentHeight = doc.page.height - MARGIN.top - MARGIN.bottom;
  const tocPages = tocPagesNeeded(plan, contentHeight);
  for (let i = 0; i < tocPages; i++) writer.addPage();
  const pageIndex = () => doc.bufferedPageRange().start + doc.bufferedPageRange().count - 1;
  writer.addPage();
  const total = plan.blocks.length;
  for (const [i, block] of plan.blocks.entries()) {
    await writer.block(block, plan.blocks[i + 1], pageIndex);
    if (i % 20 === 0) onProgress?.('Mise en page', i, total);
  }
  onProgress?.('Mise en page', total, total);
  drawToc(doc, toc, plan, tocFirst, writer.headingPages);
  onProgress?.('Table des matières et numéros de page', 0, 1);
  drawFooters(doc, plan);
  root.end();
  doc.end();
  const pdf = await done;
  onProgress?.('PDF terminé', 1, 1);
  return pdf;
}
