import { marked, type Token, type Tokens } from 'marked';
import { isMarkedToken } from '../../lib/markdown-tokens.js';
import { frenchTypography as typo, NBSP } from '../../lib/typography.js';
import type { Block, ListBlock, ListItem, Run } from './reports.plan.types.js';

/**
 * The board's texts (Markdown) as plan blocks: headings, paragraphs, lists,
 * quotes, bold/italic, links, code, rules, tables. Raw HTML is kept as the
 * text it is, never interpreted.
 */
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: NBSP, '#39': "'" };
function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos|nbsp|#39);/g, (_, e: string) => ENTITIES[e] ?? _);
}

type InlineStyle = Omit<Run, 'text'>;
const SAFE_LINK = /^(?:https?:\/\/|mailto:|#|\/(?!\/))/i;

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
        // Only web, mail and in-document links are kept (as in src/web/markdown.ts).
        inlineRuns(t.tokens, SAFE_LINK.test(t.href) ? { ...style, link: t.href } : style, out);
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
      if (isMarkedToken(sub) && sub.type === 'list') children = listBlock(sub);
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
export function markdownBlocks(markdown: string, idPrefix: string, baseLevel: 2 | 3 = 2): Block[] {
  const blocks: Block[] = [];
  let headings = 0;
  const walk = (tokens: Token[], quote: boolean) => {
    for (const t of tokens) {
      if (!isMarkedToken(t)) {
        blocks.push({ type: 'paragraph', runs: [{ text: typo(t.raw) }] });
        continue;
      }
      switch (t.type) {
        case 'heading': {
          const level = Math.min(4, baseLevel + Math.max(0, t.depth - 2)) as 2 | 3 | 4;
          blocks.push({
            type: 'heading',
            level,
            text: typo(
              inlineRuns(t.tokens)
                .map((r) => r.text)
                .join(''),
            ),
            id: `${idPrefix}-${++headings}`,
            number: null,
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
          blocks.push(listBlock(t));
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
          const table = t;
          blocks.push({
            type: 'table',
            caption: '',
            header: table.header.map((c) => typo(c.text)),
            rows: table.rows.map((r) => ({ cells: r.map((c) => typo(c.text)) })),
            notes: [],
            numeric: table.header.map((_, i) => table.align[i] === 'right'),
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
