import { Marked, type Tokens } from 'marked';

/**
 * The board's Markdown to HTML, safe by construction: raw HTML is shown as
 * text, links keep only http(s), mailto, tel, relative and #anchor targets,
 * images only from this site (the CSP forbids others anyway), headings are at
 * least h2 under the page's own h1 (« # » and « ## » both give h2).
 */
const SAFE_HREF = /^(?:https?:\/\/|mailto:|tel:|\/(?!\/)|#)/i;
const LOCAL_SRC = /^\/(?!\/)/;

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
      const level = Math.min(6, Math.max(2, depth));
      return `<h${level}>${this.parser.parseInline(tokens)}</h${level}>\n`;
    },
    link({ href, title, tokens }: Tokens.Link): string {
      const inner = this.parser.parseInline(tokens);
      if (!SAFE_HREF.test(href.trim())) return inner;
      return `<a href="${escapeHtml(href.trim())}"${title ? ` title="${escapeHtml(title)}"` : ''}>${inner}</a>`;
    },
    image({ href, text }: Tokens.Image): string {
      const src = href.trim();
      if (LOCAL_SRC.test(src)) return `<img src="${escapeHtml(src)}" alt="${escapeHtml(text)}" loading="lazy">`;
      const label = escapeHtml(text || src);
      return SAFE_HREF.test(src) ? `<a href="${escapeHtml(src)}">${label}</a>` : label;
    },
  },
});

export function markdownToHtml(markdown: string): string {
  if (!markdown.trim()) return '';
  return marked.parse(markdown, { async: false });
}
