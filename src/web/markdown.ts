import { Marked, type Tokens } from 'marked';

/**
 * The board's Markdown (report texts, Manifesto, news, pages) to HTML, safe by
 * construction: raw HTML is shown as text, never rendered; links keep only
 * http(s), mailto, tel, relative and #anchor targets; images only from the
 * site's own attachments (/fichiers/<id>/<name>), others become links: an
 * image is fetched by every reader's browser with their session, so one
 * pointing at a board address would act in their name (issue 9).
 */
const SAFE_HREF = /^(?:https?:\/\/|mailto:|tel:|\/(?!\/)|#)/i;
const ATTACHMENT_SRC = /^\/fichiers\/\d+\/[^/?#\\\s]+$/;

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
}

type Render = (markdown: string) => string;

/** `headingLevel` maps Markdown's # depth to the HTML level under the page's own headings. */
function renderer(headingLevel: (depth: number) => number, localImages: boolean): Render {
  const marked = new Marked({
    gfm: true,
    breaks: false,
    async: false,
    renderer: {
      html(token: Tokens.HTML | Tokens.Tag): string {
        return token.block ? `<p>${escapeHtml(token.text.trim())}</p>\n` : escapeHtml(token.text);
      },
      heading({ tokens, depth }: Tokens.Heading): string {
        const level = headingLevel(depth);
        return `<h${level}>${this.parser.parseInline(tokens)}</h${level}>\n`;
      },
      link({ href, title, tokens }: Tokens.Link): string {
        const inner = this.parser.parseInline(tokens);
        if (!SAFE_HREF.test(href.trim())) return inner;
        return `<a href="${escapeHtml(href.trim())}"${title ? ` title="${escapeHtml(title)}"` : ''}>${inner}</a>`;
      },
      image({ href, text }: Tokens.Image): string {
        const src = href.trim();
        if (localImages && ATTACHMENT_SRC.test(src))
          return `<img src="${escapeHtml(src)}" alt="${escapeHtml(text)}" loading="lazy">`;
        const label = escapeHtml(text || src);
        return SAFE_HREF.test(src) ? `<a href="${escapeHtml(src)}">${label}</a>` : label;
      },
    },
  });
  // Public pages render the same few texts on every view: parsing is
  // memoised by content, bounded so edits cannot grow it.
  const rendered = new Map<string, string>();
  return (markdown) => {
    if (!markdown.trim()) return '';
    const cached = rendered.get(markdown);
    if (cached !== undefined) return cached;
    const html = marked.parse(markdown, { async: false });
    if (rendered.size >= 200) rendered.delete(rendered.keys().next().value as string);
    rendered.set(markdown, html);
    return html;
  };
}

/** Texts placed under a section of a page (report introduction, Manifesto, newsletter): headings from h3. */
export const markdownToHtml: Render = renderer((depth) => Math.min(6, depth + 2), false);

/** A whole content page (news, resources, pages): headings from h2, under the page's h1; local images shown. */
export const pageMarkdownToHtml: Render = renderer((depth) => Math.min(6, Math.max(2, depth)), true);
