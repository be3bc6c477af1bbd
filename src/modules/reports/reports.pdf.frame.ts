import {
  ACCENT,
  ACCENT_LIGHT,
  element,
  INK,
  MARGIN,
  MUTED,
  RULE,
  TOC_LINE,
  type Doc,
  type Struct,
} from './reports.pdf.style.js';
import { headingText, type DocumentPlan, type HeadingBlock } from './reports.plan.types.js';

/**
 * What frames the report's content: the cover (logo, organisation, title,
 * years, date), the table of contents with page numbers (filled in once the
 * content is laid out, on pages reserved for it), « page X / Y » footers.
 */
function artifact(doc: Doc, draw: () => void, type: 'Layout' | 'Pagination' = 'Layout'): void {
  doc.markContent('Artifact', { type });
  draw();
  doc.endMarkedContent();
}

export function drawCover(doc: Doc, root: Struct, plan: DocumentPlan): void {
  const { width: W, height: H } = doc.page;
  artifact(doc, () => {
    doc.rect(0, 0, 16, H).fill(ACCENT);
    doc.rect(16, 0, 3, H).fill(ACCENT_LIGHT);
  });
  const x = MARGIN.left + 14;
  const w = W - x - MARGIN.right;
  const cover = doc.struct('Sect');
  root.add(cover);
  if (plan.logo) {
    const logo = Buffer.from(plan.logo.base64, 'base64');
    cover.add(
      element(doc, 'Figure', () => doc.image(logo, x, 56, { fit: [160, 56] }), { alt: `Logo : ${plan.organisation}` }),
    );
  }
  cover.add(
    element(doc, 'P', () =>
      doc
        .font('sans')
        .fontSize(11)
        .fillColor(MUTED)
        .text(plan.organisation.toUpperCase(), x, 130, { width: w, characterSpacing: 1.2 }),
    ),
  );
  cover.add(
    element(doc, 'P', () => {
      doc
        .font('sansBold')
        .fontSize(34)
        .fillColor(ACCENT)
        .text(plan.title, x, H * 0.36, { width: w, lineGap: 2 });
      if (plan.yearsLabel)
        doc
          .font('sans')
          .fontSize(26)
          .fillColor(INK)
          .text(plan.yearsLabel.replace('–', ' – '), x, doc.y + 8, { width: w });
    }),
  );
  artifact(doc, () =>
    doc
      .moveTo(x, doc.y + 22)
      .lineTo(x + 72, doc.y + 22)
      .lineWidth(3)
      .strokeColor(ACCENT)
      .stroke(),
  );
  cover.add(
    element(doc, 'P', () => {
      doc
        .font('serif')
        .fontSize(11)
        .fillColor(MUTED)
        .text(`Édité le ${plan.dateLabel}`, x, H - 170, { width: w });
      doc
        .font('serifItalic')
        .fontSize(10)
        .fillColor(MUTED)
        .text(plan.organisation, x, doc.y + 4, { width: w });
    }),
  );
  cover.end();
}

function tocEntries(plan: DocumentPlan): HeadingBlock[] {
  return plan.blocks.filter((b): b is HeadingBlock => b.type === 'heading' && b.toc);
}

export function tocPagesNeeded(plan: DocumentPlan, contentHeight: number): number {
  const entries = tocEntries(plan).length;
  const perPage = Math.floor(contentHeight / (TOC_LINE + 3));
  const firstPage = Math.floor((contentHeight - 60) / (TOC_LINE + 3));
  return entries <= firstPage ? 1 : 1 + Math.ceil((entries - firstPage) / perPage);
}

/** Writes the table of contents on the pages reserved for it, into its TOC element. */
export function drawToc(
  doc: Doc,
  toc: Struct,
  plan: DocumentPlan,
  firstPage: number,
  headingPages: Map<string, number>,
): void {
  const left = MARGIN.left;
  const width = doc.page.width - MARGIN.left - MARGIN.right;
  const bottom = doc.page.height - MARGIN.bottom;
  let page = firstPage;
  doc.switchToPage(page);
  doc.y = MARGIN.top;
  const titleY = doc.y;
  toc.add(
    element(doc, 'H1', () =>
      doc.font('sansBold').fontSize(20).fillColor(ACCENT).text('Table des matières', left, titleY, { width }),
    ),
  );
  artifact(doc, () =>
    doc
      .moveTo(left, doc.y + 4)
      .lineTo(left + 48, doc.y + 4)
      .lineWidth(2.5)
      .strokeColor(ACCENT)
      .stroke(),
  );
  doc.y += 24;
  for (const b of tocEntries(plan)) {
    const level1 = b.level === 1;
    if (doc.y + TOC_LINE + (level1 ? 8 : 0) > bottom) {
      doc.switchToPage(++page);
      doc.y = MARGIN.top;
    }
    if (level1) doc.y += 8;
    const y = doc.y;
    const indent = level1 ? 0 : 18;
    const number = String((headingPages.get(b.id) ?? 0) + 1);
    doc
      .font(level1 ? 'sansBold' : 'serif')
      .fontSize(level1 ? 11 : 10.5)
      .fillColor(INK);
    const numberWidth = doc.widthOfString(number);
    let text = headingText(b);
    const room = width - indent - numberWidth - 24;
    while (doc.widthOfString(text) > room && text.length > 4) text = `${text.slice(0, -2)}…`;
    const textWidth = doc.widthOfString(text);
    const entry = doc.struct('TOCI');
    toc.add(entry);
    entry.add(
      element(doc, 'Link', () => {
        doc.text(text, left + indent, y, { lineBreak: false, goTo: b.id });
        doc.text(` ${number}`, left + width - numberWidth - doc.widthOfString(' '), y, {
          lineBreak: false,
          goTo: b.id,
        });
      }),
    );
    entry.end();
    artifact(doc, () => {
      doc.font('serif').fontSize(10).fillColor(RULE);
      const dotsFrom = left + indent + textWidth + 6;
      const dotsTo = left + width - numberWidth - 6;
      const dot = doc.widthOfString('. ');
      const count = Math.max(0, Math.floor((dotsTo - dotsFrom) / dot));
      if (count > 0) doc.text('. '.repeat(count), dotsTo - count * dot, y, { lineBreak: false });
    });
    doc.y = y + TOC_LINE;
  }
  toc.end();
}

export function drawFooters(doc: Doc, plan: DocumentPlan): void {
  const { count } = doc.bufferedPageRange();
  const left = MARGIN.left;
  const width = doc.page.width - MARGIN.left - MARGIN.right;
  const label = [plan.organisation, `${plan.title}${plan.yearsLabel ? ` ${plan.yearsLabel}` : ''}`].join(' — ');
  for (let i = 1; i < count; i++) {
    doc.switchToPage(i);
    // Writing inside the bottom margin: without this pdfkit would open a new page.
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = doc.page.height - 52;
    artifact(
      doc,
      () => {
        doc
          .moveTo(left, y)
          .lineTo(left + width, y)
          .lineWidth(0.5)
          .strokeColor(RULE)
          .stroke();
        const pageLabel = `page ${i + 1} / ${count}`;
        doc.font('sans').fontSize(8).fillColor(MUTED);
        const pageWidth = doc.widthOfString(pageLabel);
        doc.text(label, left, y + 8, { width: width - pageWidth - 16, lineBreak: false, ellipsis: true });
        doc.text(pageLabel, left + width - pageWidth, y + 8, { lineBreak: false });
      },
      'Pagination',
    );
    doc.page.margins.bottom = margin;
  }
}
