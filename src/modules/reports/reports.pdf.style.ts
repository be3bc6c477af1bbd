/** The PDF's page and colours (the DOCX uses the same colours). */
export const INK = '#1d2330';
export const MUTED = '#5a6273';
export const ACCENT = '#1f4e79';
export const ACCENT_LIGHT = '#e8eef5';
export const RULE = '#cfd6df';
/** A4 margins, in points. */
export const MARGIN = { top: 72, bottom: 78, left: 70, right: 70 };
export const BODY_SIZE = 10.5;
export const BODY_GAP = 2.6;
export const TOC_LINE = 19;

export type Doc = PDFKit.PDFDocument;
export type Struct = PDFKit.PDFStructureElement;

export interface ElementOptions {
  title?: string;
  lang?: string;
  alt?: string;
}

/** A structure element whose content is what `draw` puts on the page. */
export function element(doc: Doc, type: string, draw: () => void, options: ElementOptions = {}): Struct {
  return doc.struct(type, options, draw);
}
