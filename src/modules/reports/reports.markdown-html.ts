import { Marked, type Tokens } from 'marked';

/**
 * Markdown of the introduction and analysis (written by the board) to HTML,
 * safe by construction: raw HTML in the Markdown is shown as text, never
 * rendered; links keep only http(s), mailto, relative and #anchor targets;
 * images become links (the CSP forbids external images anyway); headings
 * start at level 3, under the report's own h2 sections.
 */
const SAFE_HREF = /^(?:https?:\/\/|mailto:|\/(?!\/)|#)/i;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

const marked = new Marked({
  gfm: true,
  breaks: false,
  async: false,
  renderer: {
    html(token: Tokens.HTML | Tokens.Tag): string {
      return token.block ? `<p>${escapeHtml(token.text.trim())}</p>\n` : escapeHtml(token.text);
    },
    heading({ tokens, depth }: Tokens.Heading): string {
      const level = Math.min(6, depth + 2);
      return `<h${level}>${this.parser.parseInline(tokens)}</h${level}>\n`;
    },
    link({ href, title, tokens }: Tokens.Link): string {
      const inner = this.parser.parseInline(tokens);
      if (!SAFE_HREF.test(href.trim())) return inner;
      return `<a href="${escapeHtml(href.trim())}"${title ? ` title="${escapeHtml(title)}"` : ''}>${inner}</a>`;
    },
    image({ href, text }: Tokens.Image): string {
      const label = escapeHtml(text || href);
      return SAFE_HREF.test(href.trim()) ? `<a href="${escapeHtml(href.trim())}">${label}</a>` : label;
    },
  },
});

// Public pages render the same few texts (the Manifesto, news) on every
// view: parsing is memoised by content, bounded so edits cannot grow it.
const rendered = new Map<string, string>();
const MAX_CACHED = 200;

export function markdownToHtml(markdown: string): string {
  if (!markdown.trim()) return '';
  const cached = rendered.get(markdown);
  if (cached !== undefined) return cached;
  const html = marked.parse(markdown, { async: false });
  if (rendered.size >= MAX_CACHED) rendered.delete(rendered.keys().next().value as string);
  rendered.set(markdown, html);
  return html;
}
