/**
 * The activity report as a PDF members can read and print: cover, table of
 * contents with page numbers, « page X / Y » footers, headings, tables with one
 * column per year, the charts drawn as vectors, and the board's Markdown texts.
 *
 * The first half of this file turns an ActivityReport into a renderer-neutral
 * plan (headings, paragraphs, lists, tables, charts); the DOCX renderer walks
 * the same plan, so both documents always say the same thing in the same order.
 * The fonts (DejaVu) come from an npm package: nothing is read from the system.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { marked, type Token, type Tokens } from 'marked';
import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import { formatDateFr, formatNumberFr, frenchTypography } from '../../lib/typography.js';
import { kindsChart, monthsChart } from './reports.charts.js';
import { countingRuleText, monthsNote, monthTableRows, notCountedText } from './reports.present.js';
import type { ActivityReport, KindReview, ReviewItem, SourcedValue } from './reports.model.js';

export type ProgressFn = (step: string, done: number, total: number) => void;

// ---------------------------------------------------------------------------
// The plan
// ---------------------------------------------------------------------------

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
export interface TableRow {
  cells: string[];
  emphasis?: 'total' | 'muted';
}
export interface TableBlock {
  type: 'table';
  caption: string;
  header: string[];
  rows: TableRow[];
  /** Footnotes, already numbered with the superscript used in the cells. */
  notes: string[];
}
export type Block =
  | { type: 'heading'; level: 1 | 2 | 3 | 4; text: string; id: string; toc: boolean }
  | { type: 'paragraph'; runs: Run[]; style?: 'quote' | 'note' }
  | ListBlock
  | TableBlock
  | { type: 'chart'; caption: string; svg: string }
  | { type: 'code'; text: string }
  | { type: 'rule' };

export interface DocumentPlan {
  title: string;
  yearsLabel: string;
  organisation: string;
  dateLabel: string;
  blocks: Block[];
}

const NBSP = '\u00a0';

/** French typesetting, shared with every other printed text (src/lib/typography.ts). */
export const typo = frenchTypography;
export { formatDateFr };
export const formatNumber = formatNumberFr;

function signed(n: number | null | undefined): string {
  if (n === null || n === undefined) return '—';
  if (n === 0) return '0';
  return n > 0 ? `+${formatNumber(n)}` : `−${formatNumber(-n)}`;
}

function yearsLabel(years: readonly number[]): string {
  const first = years[0];
  const last = years[years.length - 1];
  if (first === undefined || last === undefined) return '';
  return first === last ? String(first) : `${first}–${last}`;
}

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';
function noteMark(n: number): string {
  return String(n)
    .split('')
    .map((d) => SUPERSCRIPT[Number(d)])
    .join('');
}

/** Collects a table's footnotes; identical notes share one number. */
function footnotes() {
  const notes: string[] = [];
  return {
    notes,
    mark(note: string | undefined): string {
      if (!note) return '';
      let i = notes.findIndex((n) => n.endsWith(` ${note}`));
      if (i < 0) {
        notes.push(`${noteMark(notes.length + 1)} ${note}`);
        i = notes.length - 1;
      }
      return noteMark(i + 1);
    },
  };
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: NBSP, '#39': "'" };
function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos|nbsp|#39);/g, (_, e: string) => ENTITIES[e] ?? _);
}

type InlineStyle = Omit<Run, 'text'>;

function inlineRuns(tokens: Token[] | undefined, style: InlineStyle = {}, out: Run[] = []): Run[] {
  for (const t of tokens ?? []) {
    switch (t.type) {
      case 'strong':
        inlineRuns(t.tokens, { ...style, bold: true }, out);
        break;
      case 'em':
        inlineRuns(t.tokens, { ...style, italic: true }, out);
        break;
      case 'del':
        inlineRuns(t.tokens, style, out);
        break;
      case 'link':
        inlineRuns(t.tokens, { ...style, link: t.href }, out);
        break;
      case 'codespan':
        out.push({ ...style, code: true, text: decodeEntities(t.text) });
        break;
      case 'br':
        out.push({ ...style, text: '\n' });
        break;
      case 'image':
        out.push({ ...style, text: t.text ? `[${t.text}]` : '' });
        break;
      case 'html':
        // Raw HTML is shown as the text it is, never interpreted.
        out.push({ ...style, text: t.raw });
        break;
      case 'text':
        if ('tokens' in t && t.tokens?.length) inlineRuns(t.tokens, style, out);
        else out.push({ ...style, text: typo(decodeEntities(t.text)) });
        break;
      default:
        out.push({ ...style, text: typo(decodeEntities('text' in t && typeof t.text === 'string' ? t.text : t.raw)) });
    }
  }
  return out;
}

function listBlock(t: Tokens.List): ListBlock {
  const items: ListItem[] = t.items.map((item) => {
    const runs: Run[] = [];
    let children: ListBlock | undefined;
    for (const sub of item.tokens) {
      if (sub.type === 'list') children = listBlock(sub as Tokens.List);
      else if (sub.type === 'text' || sub.type === 'paragraph') {
        if (runs.length) runs.push({ text: '\n' });
        inlineRuns('tokens' in sub && sub.tokens ? sub.tokens : [sub], {}, runs);
      } else runs.push({ text: typo(sub.raw.trim()) });
    }
    return children ? { runs, children } : { runs };
  });
  return { type: 'list', ordered: t.ordered, start: typeof t.start === 'number' ? t.start : 1, items };
}

/** The supported Markdown subset: headings, paragraphs, lists, quotes, bold/italic, links, code, rules, tables. */
function markdownBlocks(markdown: string, idPrefix: string): Block[] {
  const blocks: Block[] = [];
  let headings = 0;
  const walk = (tokens: Token[], quote: boolean) => {
    for (const t of tokens) {
      switch (t.type) {
        case 'heading': {
          const level = t.depth <= 2 ? 2 : t.depth === 3 ? 3 : 4;
          blocks.push({
            type: 'heading',
            level,
            text: typo(
              inlineRuns(t.tokens)
                .map((r) => r.text)
                .join(''),
            ),
            id: `${idPrefix}-${++headings}`,
            toc: level === 2,
          });
          break;
        }
        case 'paragraph':
        case 'text':
          blocks.push({
            type: 'paragraph',
            runs: inlineRuns('tokens' in t && t.tokens ? t.tokens : [t]),
            ...(quote ? { style: 'quote' as const } : {}),
          });
          break;
        case 'list':
          blocks.push(listBlock(t as Tokens.List));
          break;
        case 'blockquote':
          walk(t.tokens ?? [], true);
          break;
        case 'code':
          blocks.push({ type: 'code', text: t.text });
          break;
        case 'hr':
          blocks.push({ type: 'rule' });
          break;
        case 'html':
          blocks.push({ type: 'paragraph', runs: [{ text: t.raw.trim() }] });
          break;
        case 'table': {
          const table = t as Tokens.Table;
          blocks.push({
            type: 'table',
            caption: '',
            header: table.header.map((c) => typo(c.text)),
            rows: table.rows.map((r) => ({ cells: r.map((c) => typo(c.text)) })),
            notes: [],
          });
          break;
        }
        case 'space':
        case 'def':
          break;
        default:
          blocks.push({ type: 'paragraph', runs: [{ text: typo(t.raw) }] });
      }
    }
  };
  walk(marked.lexer(markdown ?? ''), false);
  return blocks;
}

function valueCell(v: SourcedValue | undefined, notes: ReturnType<typeof footnotes>): string {
  if (!v || v.value === null) return '—';
  return `${formatNumber(v.value)}${notes.mark(v.note)}`;
}

function requestTables(report: ActivityReport): Block[] {
  const years = report.years;
  const r = report.requests;
  const known = (y: number) => r.hasRecords?.[y] ?? true;
  const notes = footnotes();
  const kindRow = (label: string, byYear: Record<string, number>, emphasis?: TableRow['emphasis']): TableRow => ({
    cells: [typo(label), ...years.map((y) => (known(y) ? formatNumber(byYear[y] ?? 0) : '—'))],
    ...(emphasis ? { emphasis } : {}),
  });
  const counted = r.kinds.filter((k) => k.countsInTotal);
  const others = r.kinds.filter((k) => !k.countsInTotal && years.some((y) => (k.byYear[y] ?? 0) > 0));
  const rows: TableRow[] = [
    ...counted.map((k) => kindRow(k.label, k.byYear)),
    {
      cells: [
        'Total',
        ...years.map(
          (y) =>
            `${formatNumber(r.total[y] ?? 0)}${r.totalSource[y] === 'manual' ? notes.mark('total saisi à la main (aucune demande enregistrée cette année-là)') : ''}`,
        ),
      ],
      emphasis: 'total',
    },
    {
      cells: [
        'Année précédente',
        ...years.map((y) => (r.previousYearTotal[y] == null ? '—' : formatNumber(r.previousYearTotal[y]!))),
      ],
    },
    { cells: ['Évolution', ...years.map((y) => signed(r.change[y]))] },
    ...others.map((k) => kindRow(`${k.label} (hors total)`, k.byYear, 'muted')),
  ];
  const kinds: TableBlock = {
    type: 'table',
    caption: 'Demandes par type et par année',
    header: ['Type de demande', ...years.map(String)],
    rows,
    notes: notes.notes,
  };

  const months: TableBlock = {
    type: 'table',
    caption: 'Demandes reçues par mois (comptées dans le total)',
    header: ['Mois', ...years.map(String)],
    rows: monthTableRows(report).map((row) => ({
      cells: [row.label.charAt(0).toUpperCase() + row.label.slice(1), ...row.cells],
      ...(row.emphasis ? { emphasis: row.emphasis } : {}),
    })),
    notes: [typo(monthsNote(report))],
  };
  const ruleNote: Block = {
    type: 'paragraph',
    runs: [{ text: typo(`${countingRuleText(report)} ${notCountedText(report)}`.trim()), muted: true }],
    style: 'note',
  };

  const figureNotes = footnotes();
  const figures: TableBlock = {
    type: 'table',
    caption: 'Autres chiffres clés',
    header: ['Chiffre', ...years.map(String)],
    rows: report.keyFigures
      .filter((f) => years.some((y) => f.byYear[y]?.value != null))
      .map((f) => ({ cells: [typo(f.label), ...years.map((y) => valueCell(f.byYear[y], figureNotes))] })),
    notes: figureNotes.notes,
  };
  return [
    { type: 'heading', level: 2, text: '1.1 Demandes par type', id: 'chiffres-types', toc: true },
    kinds,
    ruleNote,
    { type: 'chart', caption: 'Demandes par type et par année', svg: kindsChart(report) },
    { type: 'heading', level: 2, text: '1.2 Demandes par mois', id: 'chiffres-mois', toc: true },
    { type: 'chart', caption: 'Demandes reçues par mois', svg: monthsChart(report) },
    months,
    ...(figures.rows.length
      ? [
          { type: 'heading', level: 2, text: '1.3 Autres chiffres clés', id: 'chiffres-cles', toc: true } as const,
          figures,
        ]
      : []),
  ];
}

const CATEGORIES: ReadonlyArray<
  readonly [keyof Pick<KindReview, 'done' | 'declinedOrCancelled' | 'later' | 'other'>, string]
> = [
  ['done', 'Réalisées'],
  ['declinedOrCancelled', 'Déclinées ou annulées'],
  ['later', 'Reportées'],
  ['other', 'Autres suites'],
];

function allItems(k: KindReview): ReviewItem[] {
  return [...k.done, ...k.declinedOrCancelled, ...k.later, ...k.other];
}

function reviewBlocks(report: ActivityReport): Block[] {
  const { review } = report;
  const multiYear = report.years.length > 1;
  const doneRefs = new Set(review.kinds.flatMap((k) => k.done.map((i) => i.reference)));
  const itemRuns = (i: ReviewItem): ListItem => {
    const detail: string[] = [];
    if (i.eventOn) detail.push(formatDateFr(i.eventOn));
    else if (multiYear) detail.push(String(i.year));
    if (!doneRefs.has(i.reference)) detail.push(i.outcome);
    if (i.plannedYear && !i.outcome.includes(String(i.plannedYear))) detail.push(`prévue en ${i.plannedYear}`);
    return {
      runs: [
        { text: typo(i.subject) },
        ...(detail.length ? [{ text: typo(` (${detail.join(' · ')})`), muted: true }] : []),
      ],
    };
  };
  const list = (items: ReviewItem[]): ListBlock => ({
    type: 'list',
    ordered: false,
    start: 1,
    items: items.map(itemRuns),
  });

  const themedRefs = new Set([
    ...review.adviceByTheme.flatMap((g) => [...g.items, ...g.children.flatMap((c) => c.items)]).map((i) => i.reference),
    ...review.adviceWithoutTheme.map((i) => i.reference),
  ]);
  const kinds = review.kinds.filter((k) => allItems(k).length > 0);
  const themed = kinds.filter((k) => allItems(k).every((i) => themedRefs.has(i.reference)));
  const blocks: Block[] = [{ type: 'heading', level: 1, text: '2. Bilan moral', id: 'bilan', toc: true }];
  let n = 0;
  for (const kind of kinds) {
    if (themed.includes(kind)) {
      if (kind !== themed[0]) continue;
      const label = themed
        .map((k, i) => (i === 0 ? k.label : k.label.charAt(0).toLowerCase() + k.label.slice(1)))
        .join(' et ');
      blocks.push({ type: 'heading', level: 2, text: typo(`2.${++n} ${label}`), id: `bilan-${kind.code}`, toc: true });
      blocks.push({
        type: 'paragraph',
        runs: [
          { text: 'Les demandes sont regroupées par thème, pour la facilité de lecture.', italic: true, muted: true },
        ],
      });
      for (const g of review.adviceByTheme) {
        if (!g.items.length && !g.children.some((c) => c.items.length)) continue;
        blocks.push({ type: 'heading', level: 3, text: typo(g.label), id: `theme-${g.code}`, toc: false });
        if (g.items.length) blocks.push(list(g.items));
        for (const c of g.children) {
          if (!c.items.length) continue;
          blocks.push({ type: 'heading', level: 4, text: typo(c.label), id: `theme-${g.code}-${c.code}`, toc: false });
          blocks.push(list(c.items));
        }
      }
      if (review.adviceWithoutTheme.length) {
        blocks.push({ type: 'heading', level: 3, text: 'Sans thème', id: 'theme-none', toc: false });
        blocks.push(list(review.adviceWithoutTheme));
      }
      continue;
    }
    blocks.push({
      type: 'heading',
      level: 2,
      text: typo(`2.${++n} ${kind.label}`),
      id: `bilan-${kind.code}`,
      toc: true,
    });
    for (const [key, label] of CATEGORIES) {
      if (!kind[key].length) continue;
      blocks.push({
        type: 'heading',
        level: 3,
        text: `${label} (${formatNumber(kind[key].length)})`,
        id: `bilan-${kind.code}-${key}`,
        toc: false,
      });
      blocks.push(list(kind[key]));
    }
  }
  if (n === 0)
    blocks.push({ type: 'paragraph', runs: [{ text: 'Aucune demande enregistrée sur la période.', italic: true }] });
  return blocks;
}

/** The report, in order, as blocks both renderers draw. */
export function buildDocumentPlan(report: ActivityReport): DocumentPlan {
  const years = yearsLabel(report.years);
  const blocks: Block[] = [];
  if (report.introduction.trim()) {
    blocks.push({ type: 'heading', level: 1, text: 'Introduction', id: 'introduction', toc: true });
    blocks.push(...markdownBlocks(report.introduction, 'introduction'));
  }
  blocks.push({ type: 'heading', level: 1, text: `1. ${years} en quelques chiffres`, id: 'chiffres', toc: true });
  blocks.push(...requestTables(report));
  blocks.push(...reviewBlocks(report));
  if (report.analysis.trim()) {
    blocks.push({ type: 'heading', level: 1, text: '3. Analyse transversale', id: 'analyse', toc: true });
    blocks.push(...markdownBlocks(report.analysis, 'analyse'));
  }
  return {
    title: typo(report.title),
    yearsLabel: report.title.includes(String(report.years[0])) ? '' : years,
    organisation: typo(report.organisationName),
    dateLabel: formatDateFr(report.generatedAt),
    blocks,
  };
}

// ---------------------------------------------------------------------------
// Fonts
// ---------------------------------------------------------------------------

const FONT_FILES = {
  serif: 'DejaVuSerif.ttf',
  serifBold: 'DejaVuSerif-Bold.ttf',
  serifItalic: 'DejaVuSerif-Italic.ttf',
  serifBoldItalic: 'DejaVuSerif-BoldItalic.ttf',
  sans: 'DejaVuSans.ttf',
  sansBold: 'DejaVuSans-Bold.ttf',
  cond: 'DejaVuSansCondensed.ttf',
  condBold: 'DejaVuSansCondensed-Bold.ttf',
  condItalic: 'DejaVuSansCondensed-Oblique.ttf',
  mono: 'DejaVuSansMono.ttf',
} as const;
export type FontName = keyof typeof FONT_FILES;

const fontCache = new Map<FontName, Buffer>();

/** Where a font file of the `dejavu-fonts-ttf` package is. */
export function reportFontPath(name: FontName): string {
  const dir = path.join(path.dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  return path.join(dir, FONT_FILES[name]);
}

/** A font file of the `dejavu-fonts-ttf` package, read once. */
function reportFont(name: FontName): Buffer {
  let data = fontCache.get(name);
  if (!data) {
    data = readFileSync(reportFontPath(name));
    fontCache.set(name, data);
  }
  return data;
}

// ---------------------------------------------------------------------------
// The PDF
// ---------------------------------------------------------------------------

const INK = '#1d2330';
const MUTED = '#5a6273';
const ACCENT = '#1f4e79';
const ACCENT_LIGHT = '#e8eef5';
const RULE = '#cfd6df';
const MARGIN = { top: 72, bottom: 78, left: 70, right: 70 };
const BODY_SIZE = 10.5;
const BODY_GAP = 2.6;

type Doc = PDFKit.PDFDocument;

class PdfWriter {
  private readonly left: number;
  private readonly width: number;
  private outline1: PDFKit.PDFOutline | null = null;
  private figure = 0;
  /** No content yet on the current page: a chapter need not start a new one. */
  private fresh = true;
  readonly headingPages = new Map<string, number>();
  private units = 0;

  constructor(private readonly doc: Doc) {
    this.left = MARGIN.left;
    this.width = doc.page.width - MARGIN.left - MARGIN.right;
  }

  private get bottom(): number {
    return this.doc.page.height - MARGIN.bottom;
  }

  addPage(): void {
    this.doc.addPage();
    this.fresh = true;
  }

  private ensure(height: number): void {
    if (this.doc.y + height > this.bottom) this.addPage();
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
        await this.list(b, 0);
        this.doc.y += 4;
        break;
      case 'table':
        this.table(b);
        break;
      case 'chart':
        this.chart(b.svg, b.caption);
        break;
      case 'code':
        this.ensure(30);
        this.doc
          .font('mono')
          .fontSize(8.5)
          .fillColor(INK)
          .text(b.text, this.left + 12, this.doc.y, { width: this.width - 24, lineGap: 1 });
        this.doc.y += 8;
        break;
      case 'rule':
        this.ensure(20);
        this.doc
          .moveTo(this.left, this.doc.y + 6)
          .lineTo(this.left + this.width, this.doc.y + 6)
          .lineWidth(0.5)
          .strokeColor(RULE)
          .stroke();
        this.doc.y += 16;
        break;
    }
    this.fresh = false;
  }

  /** Room the block after a heading needs on the same page (whole when it fits on one page). */
  private keepWith(next: Block | undefined): number {
    const page = this.bottom - MARGIN.top;
    if (next?.type === 'chart') return Math.min(page * 0.9, this.chartBox(next.svg).height + 30);
    if (next?.type === 'table') {
      const h = this.tableLayout(next).total;
      return h <= page * 0.8 ? h : 90;
    }
    return 48;
  }

  private heading(b: Extract<Block, { type: 'heading' }>, next: Block | undefined, pageIndex: () => number): void {
    const doc = this.doc;
    const style = {
      1: { font: 'sansBold', size: 20, color: ACCENT, before: 0, after: 6 },
      2: { font: 'sansBold', size: 14, color: ACCENT, before: 16, after: 6 },
      3: { font: 'sansBold', size: 11.5, color: INK, before: 12, after: 4 },
      4: { font: 'sansBold', size: 10, color: MUTED, before: 9, after: 3 },
    }[b.level];
    if (b.level === 1 && !this.fresh) this.addPage();
    else if (!this.fresh) {
      // Keep a heading with at least three lines of what follows it.
      this.ensure(style.before + style.size * 1.4 + this.keepWith(next));
      doc.y += style.before;
    }
    const page = pageIndex();
    doc.addNamedDestination(b.id, 'XYZ', null, doc.page.height - doc.y, null);
    doc
      .font(style.font)
      .fontSize(style.size)
      .fillColor(style.color)
      .text(b.text, this.left, doc.y, { width: this.width, lineGap: 1 });
    if (b.level === 1) {
      doc
        .moveTo(this.left, doc.y + 4)
        .lineTo(this.left + 48, doc.y + 4)
        .lineWidth(2.5)
        .strokeColor(ACCENT)
        .stroke();
      doc.y += 18;
      this.outline1 = doc.outline.addItem(b.text);
    } else {
      doc.y += style.after;
      if (b.level === 2 && b.toc) (this.outline1 ?? doc.outline).addItem(b.text);
    }
    if (b.toc) this.headingPages.set(b.id, page);
  }

  private font(base: 'serif' | 'cond', run: Run): string {
    if (run.code) return 'mono';
    if (base === 'cond') return run.bold ? 'condBold' : run.italic ? 'condItalic' : 'cond';
    if (run.bold && run.italic) return 'serifBoldItalic';
    return run.bold ? 'serifBold' : run.italic ? 'serifItalic' : 'serif';
  }

  private runs(
    runs: Run[],
    x: number,
    width: number,
    opts: { size: number; color: string; italic?: boolean; align?: 'left' | 'justify' },
  ): void {
    const doc = this.doc;
    const parts = runs.filter((r) => r.text.length > 0);
    if (!parts.length) return;
    parts.forEach((r, i) => {
      const run = opts.italic ? { ...r, italic: true } : r;
      doc
        .font(this.font('serif', run))
        .fontSize(r.code ? opts.size - 1 : opts.size)
        .fillColor(r.muted ? MUTED : r.link ? ACCENT : opts.color);
      const o: PDFKit.Mixins.TextOptions = {
        width,
        lineGap: BODY_GAP,
        continued: i < parts.length - 1,
        link: r.link ?? null,
        underline: !!r.link,
        align: opts.align ?? 'left',
      };
      if (i === 0) doc.text(run.text, x, doc.y, o);
      else doc.text(run.text, o);
    });
  }

  private paragraph(runs: Run[], style?: 'quote' | 'note'): void {
    this.ensure(BODY_SIZE * 2.5);
    const indent = style === 'quote' ? 22 : 0;
    this.runs(runs, this.left + indent, this.width - 2 * indent, {
      size: style === 'note' ? 9 : BODY_SIZE,
      color: style === 'quote' ? MUTED : INK,
      italic: style === 'quote',
    });
    this.doc.y += 7;
  }

  private async list(b: ListBlock, depth: number): Promise<void> {
    const doc = this.doc;
    const indent = this.left + 6 + depth * 16;
    const markWidth = b.ordered ? 18 : 12;
    for (const [i, item] of b.items.entries()) {
      this.ensure(BODY_SIZE * 1.6);
      const y = doc.y;
      const mark = b.ordered ? `${b.start + i}.` : depth === 0 ? '•' : '–';
      doc
        .font('serif')
        .fontSize(BODY_SIZE)
        .fillColor(ACCENT)
        .text(mark, indent, y, { width: markWidth, lineBreak: false });
      doc.y = y;
      this.runs(item.runs, indent + markWidth, this.left + this.width - indent - markWidth, {
        size: BODY_SIZE,
        color: INK,
      });
      doc.y += 2.5;
      if (item.children) await this.list(item.children, depth + 1);
      await this.tick();
    }
  }

  private tableLayout(t: TableBlock) {
    const doc = this.doc;
    const columns = t.header.length;
    const size = columns > 8 ? 8 : 9;
    const padX = 5;
    const padY = 3.5;
    const numeric = Array.from({ length: columns }, (_, c) => c > 0);
    doc.font('condBold').fontSize(size);
    const widths = t.header.map((h, c) => {
      if (!numeric[c]) return 0;
      const widest = Math.max(doc.widthOfString(h), ...t.rows.map((r) => doc.widthOfString(r.cells[c] ?? '')));
      return Math.max(columns <= 5 ? 58 : 30, widest + 2 * padX + 2);
    });
    widths[0] = this.width - widths.reduce((a, b) => a + b, 0);
    const fontOf = (row: TableRow | 'header') =>
      row === 'header' || row.emphasis === 'total' ? 'condBold' : row.emphasis === 'muted' ? 'condItalic' : 'cond';
    const heightOf = (cells: string[], font: string) => {
      doc.font(font).fontSize(size);
      return (
        Math.max(...cells.map((cell, c) => doc.heightOfString(cell || ' ', { width: widths[c]! - 2 * padX }))) +
        2 * padY
      );
    };
    const captionHeight = t.caption ? 18 : 0;
    const header = heightOf(t.header, 'condBold');
    // Measuring every row of a huge table is wasted work: it will break across pages anyway.
    const rows = t.rows.length > 60 ? Infinity : t.rows.reduce((sum, r) => sum + heightOf(r.cells, fontOf(r)), 0);
    const total = 4 + captionHeight + header + rows + 5 + t.notes.length * 11 + 10;
    return { size, padX, padY, numeric, widths, fontOf, heightOf, captionHeight, header, total };
  }

  private table(t: TableBlock): void {
    const doc = this.doc;
    const { size, padX, padY, numeric, widths, fontOf, heightOf, captionHeight, header, total } = this.tableLayout(t);
    const drawRow = (cells: string[], row: TableRow | 'header') => {
      const font = fontOf(row);
      const h = heightOf(cells, font);
      const y = doc.y;
      if (row === 'header') doc.rect(this.left, y, this.width, h).fill(ACCENT_LIGHT);
      let x = this.left;
      cells.forEach((cell, c) => {
        doc
          .font(font)
          .fontSize(size)
          .fillColor(row === 'header' ? ACCENT : row.emphasis === 'muted' ? MUTED : INK)
          .text(cell, x + padX, y + padY, {
            width: widths[c]! - 2 * padX,
            align: numeric[c] ? 'right' : 'left',
            lineGap: 0,
          });
        x += widths[c]!;
      });
      const ruleY = y + h;
      const strong = row === 'header';
      doc
        .moveTo(this.left, ruleY)
        .lineTo(this.left + this.width, ruleY)
        .lineWidth(strong ? 1 : 0.5)
        .strokeColor(strong ? ACCENT : RULE)
        .stroke();
      if (row !== 'header' && row.emphasis === 'total')
        doc
          .moveTo(this.left, y)
          .lineTo(this.left + this.width, y)
          .lineWidth(1)
          .strokeColor(INK)
          .stroke();
      doc.y = ruleY;
    };
    // A table that fits on one page is never split.
    if (total <= this.bottom - MARGIN.top) this.ensure(total);
    else this.ensure(captionHeight + header + heightOf(t.rows[0]?.cells ?? [''], 'cond') * 2);
    doc.y += 4;
    if (t.caption) {
      doc
        .font('sansBold')
        .fontSize(9)
        .fillColor(MUTED)
        .text(`Tableau — ${t.caption}`, this.left, doc.y, { width: this.width });
      doc.y += 4;
    }
    drawRow(t.header, 'header');
    for (const row of t.rows) {
      if (doc.y + heightOf(row.cells, fontOf(row)) > this.bottom) {
        this.addPage();
        drawRow(t.header, 'header');
      }
      drawRow(row.cells, row);
    }
    doc.y += 5;
    for (const note of t.notes) {
      this.ensure(12);
      doc.font('serifItalic').fontSize(8.5).fillColor(MUTED).text(note, this.left, doc.y, { width: this.width });
    }
    doc.y += 10;
  }

  private chartBox(svg: string): { width: number; height: number } {
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

  private chart(svg: string, caption: string): void {
    const doc = this.doc;
    const { width, height } = this.chartBox(svg);
    this.ensure(height + 30);
    doc.y += 6;
    const x = this.left + (this.width - width) / 2;
    // svg-to-pdfkit knows only « bold »; the charts say 600.
    const source = svg.replace(/font-weight="(?:[6-9]00|bold(?:er)?)"/g, 'font-weight="bold"');
    SVGtoPDF(doc, source, x, doc.y, {
      width,
      height,
      preserveAspectRatio: 'xMidYMid meet',
      fontCallback: (_family: string, bold: boolean) => (bold ? 'sansBold' : 'sans'),
      warningCallback: () => undefined,
    });
    doc.y += height + 4;
    doc
      .font('serifItalic')
      .fontSize(9)
      .fillColor(MUTED)
      .text(`Figure ${++this.figure} — ${caption}`, this.left, doc.y, { width: this.width, align: 'center' });
    doc.y += 12;
  }

  cover(plan: DocumentPlan): void {
    const doc = this.doc;
    const { width: W, height: H } = doc.page;
    doc.rect(0, 0, 16, H).fill(ACCENT);
    doc.rect(16, 0, 3, H).fill(ACCENT_LIGHT);
    const x = this.left + 14;
    const w = W - x - MARGIN.right;
    doc
      .font('sans')
      .fontSize(11)
      .fillColor(MUTED)
      .text(plan.organisation.toUpperCase(), x, 120, { width: w, characterSpacing: 1.2 });
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
    doc
      .moveTo(x, doc.y + 22)
      .lineTo(x + 72, doc.y + 22)
      .lineWidth(3)
      .strokeColor(ACCENT)
      .stroke();
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
  }

  /** Writes the table of contents on the pages reserved for it. */
  toc(plan: DocumentPlan, firstPage: number): void {
    const doc = this.doc;
    let page = firstPage;
    doc.switchToPage(page);
    doc.y = MARGIN.top;
    doc
      .font('sansBold')
      .fontSize(20)
      .fillColor(ACCENT)
      .text('Table des matières', this.left, doc.y, { width: this.width });
    doc
      .moveTo(this.left, doc.y + 4)
      .lineTo(this.left + 48, doc.y + 4)
      .lineWidth(2.5)
      .strokeColor(ACCENT)
      .stroke();
    doc.y += 24;
    for (const b of plan.blocks) {
      if (b.type !== 'heading' || !b.toc) continue;
      const level1 = b.level === 1;
      if (doc.y + TOC_LINE + (level1 ? 8 : 0) > this.bottom) {
        doc.switchToPage(++page);
        doc.y = MARGIN.top;
      }
      if (level1) doc.y += 8;
      const y = doc.y;
      const indent = level1 ? 0 : 18;
      const number = String((this.headingPages.get(b.id) ?? 0) + 1);
      doc
        .font(level1 ? 'sansBold' : 'serif')
        .fontSize(level1 ? 11 : 10.5)
        .fillColor(level1 ? INK : INK);
      const numberWidth = doc.widthOfString(number);
      let text = b.text;
      const room = this.width - indent - numberWidth - 24;
      while (doc.widthOfString(text) > room && text.length > 4) text = `${text.slice(0, -2)}…`;
      const textWidth = doc.widthOfString(text);
      doc.text(text, this.left + indent, y, { lineBreak: false, goTo: b.id });
      doc.text(number, this.left + this.width - numberWidth, y, { lineBreak: false, goTo: b.id });
      doc.font('serif').fontSize(10).fillColor(RULE);
      const dotsFrom = this.left + indent + textWidth + 6;
      const dotsTo = this.left + this.width - numberWidth - 6;
      const dot = doc.widthOfString('. ');
      const count = Math.max(0, Math.floor((dotsTo - dotsFrom) / dot));
      if (count > 0) doc.text('. '.repeat(count), dotsTo - count * dot, y, { lineBreak: false });
      doc.y = y + TOC_LINE;
    }
  }

  footers(plan: DocumentPlan): void {
    const doc = this.doc;
    const { count } = doc.bufferedPageRange();
    const label = [plan.organisation, `${plan.title}${plan.yearsLabel ? ` ${plan.yearsLabel}` : ''}`].join(' — ');
    for (let i = 1; i < count; i++) {
      doc.switchToPage(i);
      // Writing inside the bottom margin: without this pdfkit would open a new page.
      const margin = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      const y = doc.page.height - 52;
      doc
        .moveTo(this.left, y)
        .lineTo(this.left + this.width, y)
        .lineWidth(0.5)
        .strokeColor(RULE)
        .stroke();
      const pageLabel = `page ${i + 1} / ${count}`;
      doc.font('sans').fontSize(8).fillColor(MUTED);
      const pageWidth = doc.widthOfString(pageLabel);
      doc.text(label, this.left, y + 8, { width: this.width - pageWidth - 16, lineBreak: false, ellipsis: true });
      doc.text(pageLabel, this.left + this.width - pageWidth, y + 8, { lineBreak: false });
      doc.page.margins.bottom = margin;
    }
  }
}

const TOC_LINE = 19;

function tocPagesNeeded(plan: DocumentPlan, contentHeight: number): number {
  const entries = plan.blocks.filter((b) => b.type === 'heading' && b.toc).length;
  const perPage = Math.floor(contentHeight / (TOC_LINE + 3));
  const firstPage = Math.floor((contentHeight - 60) / (TOC_LINE + 3));
  return entries <= firstPage ? 1 : 1 + Math.ceil((entries - firstPage) / perPage);
}

/** The report as a PDF (A4, French, fonts embedded). */
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
    lang: 'fr-BE',
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
  for (const name of Object.keys(FONT_FILES) as FontName[]) doc.registerFont(name, reportFont(name));

  const writer = new PdfWriter(doc);
  writer.cover(plan);
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
  writer.toc(plan, tocFirst);
  onProgress?.('Table des matières et numéros de page', 0, 1);
  writer.footers(plan);
  doc.end();
  const pdf = await done;
  onProgress?.('PDF terminé', 1, 1);
  return pdf;
}
