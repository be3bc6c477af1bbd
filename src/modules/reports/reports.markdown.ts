import type { ActivityReport } from './reports.model.js';
import {
  buildDocumentPlan,
  headingText,
  type Block,
  type Cell,
  type ListBlock,
  type Run,
  type TableBlock,
} from './reports.plan.js';

/**
 * The report as Markdown (GFM tables), drawn from the same plan as the page,
 * the PDF and the DOCX. Every text is escaped, so that a subject can neither
 * break a table nor inject HTML into whatever renders the file; the board's
 * texts come through the plan (their bold, italics, lists and links kept).
 */
function escapeMarkdown(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/[\\`*_[\]<>|#~]/g, (c) => `\\${c}`);
}

function runs(list: readonly Run[]): string {
  return list
    .map((r) => {
      if (r.text === '\n') return '  \n';
      const text = r.code ? `\`${r.text.replace(/`/g, '')}\`` : escapeMarkdown(r.text);
      if (!text.trim()) return text;
      const lead = /^\s*/.exec(text)?.[0] ?? '';
      const trail = /\s*$/.exec(text)?.[0] ?? '';
      let core = text.trim();
      if (r.bold) core = `**${core}**`;
      if (r.italic || r.muted) core = `_${core}_`;
      if (r.link) core = `[${core}](${r.link.replace(/[()\s]/g, encodeURIComponent)})`;
      return `${lead}${core}${trail}`;
    })
    .join('');
}

function list(b: ListBlock, depth = 0): string[] {
  const out: string[] = [];
  b.items.forEach((item, i) => {
    const mark = b.ordered ? `${b.start + i}.` : '-';
    out.push(`${'  '.repeat(depth)}${mark} ${runs(item.runs)}`);
    if (item.children) out.push(...list(item.children, depth + 1));
  });
  return out;
}

function cell(c: Cell): string {
  if (typeof c === 'string') return escapeMarkdown(c);
  // A list in a table cell: one line each, separated the only way GFM allows.
  return c.list.map((line) => `• ${runs(line)}`).join('<br>');
}

function table(t: TableBlock): string[] {
  const out: string[] = [];
  if (t.caption) out.push(`**Tableau — ${escapeMarkdown(t.caption)}**`, '');
  const align = t.header.map((_, i) => (t.numeric[i] ? '---:' : '---'));
  const rows = t.rows.map((r) => {
    const cells = r.cells.map(cell);
    return r.emphasis === 'total' || r.emphasis === 'group' ? cells.map((c) => (c ? `**${c}**` : c)) : cells;
  });
  out.push(...[t.header.map(escapeMarkdown), align, ...rows].map((cells) => `| ${cells.join(' | ')} |`), '');
  for (const note of t.notes) out.push(escapeMarkdown(note), '');
  return out;
}

function block(b: Block): string[] {
  switch (b.type) {
    case 'heading':
      return [`${'#'.repeat(b.level + 1)} ${escapeMarkdown(headingText(b))}`, ''];
    case 'paragraph':
      return [b.style === 'quote' ? `> ${runs(b.runs)}` : runs(b.runs), ''];
    case 'list':
      return [...list(b), ''];
    case 'table':
      return table(b);
    case 'chart':
      // The numbers are in the table next to it; the chart's description says them too.
      return [`_Graphique — ${escapeMarkdown(b.caption)}\u00a0: ${escapeMarkdown(b.alt)}_`, ''];
    case 'code':
      return ['```', b.text.replace(/```/g, "'''"), '```', ''];
    case 'rule':
      return ['---', ''];
  }
}

export function reportMarkdown(r: ActivityReport): string {
  const plan = buildDocumentPlan(r);
  const out: string[] = [
    `# ${escapeMarkdown(`${plan.title} ${plan.yearsLabel}`)}`,
    '',
    escapeMarkdown(plan.organisation),
    '',
    '## Table des matières',
    '',
  ];
  for (const b of plan.blocks)
    if (b.type === 'heading' && b.toc) out.push(`${b.level === 1 ? '' : '  '}- ${escapeMarkdown(headingText(b))}`);
  out.push('');
  for (const b of plan.blocks) out.push(...block(b));
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}
