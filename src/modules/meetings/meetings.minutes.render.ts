import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import PDFDocument from 'pdfkit';
import type { FastifyReply } from 'fastify';
import { typesetText } from '../../lib/typography-html.js';
import type { MinutesDoc } from './meetings.snapshot.js';

/** DejaVu (npm package dejavu-fonts-ttf): every French character, nothing read from the system. */
function font(file: string): Buffer {
  const dir = path.join(path.dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  return readFileSync(path.join(dir, file));
}
let fonts: { regular: Buffer; bold: Buffer } | null = null;

/** The minutes are French: typeset once here, for both formats (docs/typography.md). */
function typeset(doc: MinutesDoc): MinutesDoc {
  return {
    ...doc,
    title: typesetText(doc.title),
    organisation: typesetText(doc.organisation),
    when: typesetText(doc.when),
    where: doc.where.map(typesetText),
    present: doc.present.map(typesetText),
    excused: doc.excused.map(typesetText),
    items: doc.items.map((i) => ({
      ...i,
      title: typesetText(i.title),
      notes: typesetText(i.notes),
      decisions: i.decisions.map(typesetText),
    })),
    notes: typesetText(doc.notes),
    status: typesetText(doc.status),
  };
}

/** The plain lines of the minutes, shared by both formats. */
function sections(doc: MinutesDoc): Array<{ heading: string; lines: string[]; bullets?: boolean }> {
  return [
    {
      heading: 'Date et lieu',
      lines: [doc.when, ...doc.where],
    },
    {
      heading: 'Présences',
      lines: [
        typesetText(`Présent·es : ${doc.present.length ? doc.present.join(', ') : '—'}`),
        typesetText(`Excusé·es : ${doc.excused.length ? doc.excused.join(', ') : '—'}`),
      ],
    },
  ];
}

async function renderMinutesPdf(doc: MinutesDoc): Promise<Buffer> {
  fonts ??= { regular: font('DejaVuSans.ttf'), bold: font('DejaVuSans-Bold.ttf') };
  const pdf = new PDFDocument({
    size: 'A4',
    margins: { top: 60, bottom: 60, left: 64, right: 64 },
    info: { Title: doc.title, Author: doc.organisation },
    lang: 'fr-BE',
  });
  pdf.registerFont('regular', fonts.regular);
  pdf.registerFont('bold', fonts.bold);
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  pdf.font('regular').fontSize(10).fillColor('#5a6273').text(doc.organisation);
  pdf.moveDown(0.4).font('bold').fontSize(17).fillColor('#1f4e79').text(doc.title);
  pdf.moveDown(0.3).font('regular').fontSize(10).fillColor('#5a6273').text(doc.status);
  const heading = (text: string) => pdf.moveDown(0.9).font('bold').fontSize(12.5).fillColor('#1f4e79').text(text);
  const body = (text: string, indent = 0) =>
    pdf.moveDown(0.2).font('regular').fontSize(10.5).fillColor('#1d2330').text(text, { indent });
  for (const s of sections(doc)) {
    heading(s.heading);
    for (const line of s.lines) body(line);
  }
  heading('Ordre du jour');
  if (doc.items.length === 0) body('Aucun point.');
  for (const item of doc.items) {
    pdf.moveDown(0.6).font('bold').fontSize(11).fillColor('#1d2330').text(`${item.number}. ${item.title}`);
    if (item.notes) body(item.notes, 12);
    for (const d of item.decisions) body(`Décision\u00a0: ${d}`, 12);
  }
  if (doc.notes) {
    heading('Divers');
    body(doc.notes);
  }
  pdf.end();
  return done;
}

async function renderMinutesDocx(doc: MinutesDoc): Promise<Buffer> {
  const p = (text: string, bold = false) => new Paragraph({ children: [new TextRun({ text, bold })] });
  const children: Paragraph[] = [
    p(doc.organisation),
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(doc.title)] }),
    p(doc.status),
  ];
  for (const s of sections(doc)) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(s.heading)] }));
    for (const line of s.lines) children.push(p(line));
  }
  children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('Ordre du jour')] }));
  if (doc.items.length === 0) children.push(p('Aucun point.'));
  for (const item of doc.items) {
    children.push(
      new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(`${item.number}. ${item.title}`)] }),
    );
    for (const line of item.notes.split('\n').filter(Boolean)) children.push(p(line));
    for (const d of item.decisions)
      children.push(
        new Paragraph({ children: [new TextRun({ text: 'Décision\u00a0: ', bold: true }), new TextRun(d)] }),
      );
  }
  if (doc.notes) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('Divers')] }));
    for (const line of doc.notes.split('\n').filter(Boolean)) children.push(p(line));
  }
  const file = new Document({
    title: doc.title,
    creator: doc.organisation,
    styles: { default: { document: { run: { font: 'DejaVu Sans', size: 21 } } } },
    sections: [{ children }],
  });
  return Packer.toBuffer(file);
}

/** Sends the minutes as a PDF or DOCX download (board meetings and plenary assemblies alike). */
export async function sendMinutesFile(
  reply: FastifyReply,
  doc: MinutesDoc,
  format: 'pdf' | 'docx',
  filename: string,
): Promise<FastifyReply> {
  const text = typeset(doc);
  const body = format === 'pdf' ? await renderMinutesPdf(text) : await renderMinutesDocx(text);
  return reply
    .type(
      format === 'pdf' ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    )
    .header('content-disposition', `attachment; filename="${filename}.${format}"`)
    .send(body);
}
