/**
 * The report as a renderer-neutral document: headings (numbered), paragraphs,
 * lists, tables, charts. The page, the Markdown, the PDF and the DOCX all draw
 * this one plan (`buildDocumentPlan`), so they have the same sections, the same
 * numbering, the same order and the same grouping. Texts are already set in
 * French typography (src/lib/typography.ts).
 */
export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
  code?: boolean;
  muted?: boolean;
  link?: string;
}

export interface ListItem {
  runs: Run[];
  children?: ListBlock;
}

export interface ListBlock {
  type: 'list';
  ordered: boolean;
  start: number;
  items: ListItem[];
}

/** A table cell: a short text, or a list of lines (the trainings table). */
export type Cell = string | { list: Run[][] };

export interface TableRow {
  cells: Cell[];
  emphasis?: 'total' | 'muted' | 'group';
  /** A stable key for the row (kind code, figure key), for the page's data attributes. */
  key?: string;
}

export interface TableBlock {
  type: 'table';
  /** Anchor on the page (« tableau-types »). */
  id?: string;
  caption: string;
  header: string[];
  rows: TableRow[];
  /** Footnotes and source lines printed under the table. */
  notes: string[];
  /** Per column: right-aligned numbers. */
  numeric: boolean[];
  /** Per column: the year it holds, if any (data-year on the page). */
  years?: Array<number | null>;
  /** The first column holds row headers. */
  rowHeaders?: boolean;
}

export interface HeadingBlock {
  type: 'heading';
  level: 1 | 2 | 3 | 4;
  /** « 2. », « 2.1 »; null for unnumbered headings (introduction, themes). */
  number: string | null;
  text: string;
  id: string;
  /** Listed in the table of contents. */
  toc: boolean;
}

export interface ParagraphBlock {
  type: 'paragraph';
  runs: Run[];
  /** quote: the board's quotations; note: NB and sources; lead: a chapter's opening text. */
  style?: 'quote' | 'note';
}

export interface ChartBlock {
  type: 'chart';
  id: string;
  caption: string;
  svg: string;
  /** Alternative text: every number the chart shows. */
  alt: string;
}

export type Block =
  | HeadingBlock
  | ParagraphBlock
  | ListBlock
  | TableBlock
  | ChartBlock
  | { type: 'code'; text: string }
  | { type: 'rule' };

export interface DocumentPlan {
  /** « Rapport d'activités » */
  title: string;
  /** « 2019–2020 » */
  yearsLabel: string;
  organisation: string;
  /** « 19 octobre 2021 » */
  dateLabel: string;
  lang: 'fr-BE';
  logo?: { contentType: 'image/png' | 'image/jpeg'; base64: string };
  blocks: Block[];
}

/** The heading as printed: « 2.1 Les formations ». */
export function headingText(h: Pick<HeadingBlock, 'number' | 'text'>): string {
  return h.number ? `${h.number} ${h.text}` : h.text;
}

/** A cell as one line of text (Markdown, measurements). */
export function cellText(cell: Cell): string {
  return typeof cell === 'string' ? cell : cell.list.map((l) => l.map((r) => r.text).join('')).join(' ; ');
}
