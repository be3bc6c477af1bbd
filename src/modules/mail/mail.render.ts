import { Lexer, Marked, type Token, type Tokens } from 'marked';
import { isMarkedToken } from '../../lib/markdown-tokens.js';
import { escapeHtml } from '../../web/markdown.js';

/**
 * E-mails written with the board's formatting (the newsletter, the welcome
 * mail) leave as two parts: an HTML part with inline styles (mail programs
 * drop style sheets) and a plain-text part, both from the same text, so no
 * one ever receives « ## » or « **…** ».
 */
const FONT = "font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans',Arial,sans-serif";
const INK = '#1d2330';
const MUTED = '#4a5263';
const ACCENT = '#0b5394';
const SAFE_HREF = /^(?:https?:\/\/|mailto:|tel:)/i;

const STYLE = {
  p: `margin:0 0 16px;font-size:16px;line-height:1.5;color:${INK}`,
  h: (level: number) =>
    `margin:24px 0 8px;font-size:${level <= 2 ? 20 : 18}px;line-height:1.3;color:${INK};font-weight:700`,
  a: `color:${ACCENT};text-decoration:underline`,
  list: `margin:0 0 16px;padding-left:24px;font-size:16px;line-height:1.5;color:${INK}`,
  quote: `margin:0 0 16px;padding:4px 0 4px 12px;border-left:4px solid #c9cfda;color:${MUTED}`,
  hr: 'border:0;border-top:1px solid #c9cfda;margin:24px 0',
  code: 'font-family:ui-monospace,Menlo,Consolas,monospace;font-size:15px;background:#f6f7f9;padding:0 3px',
  pre: 'font-family:ui-monospace,Menlo,Consolas,monospace;font-size:14px;background:#f6f7f9;padding:12px;white-space:pre-wrap;margin:0 0 16px',
};

/** Relative links (« /agenda ») only make sense on the site: they become absolute. */
function absolute(href: string, baseUrl: string): string | null {
  const h = href.trim();
  if (h.startsWith('/') && !h.startsWith('//')) return `${baseUrl}${h}`;
  return SAFE_HREF.test(h) ? h : null;
}

function htmlRenderer(baseUrl: string): Marked {
  return new Marked({
    gfm: true,
    breaks: false,
    async: false,
    renderer: {
      html(token: Tokens.HTML | Tokens.Tag): string {
        return token.block ? `<p style="${STYLE.p}">${escapeHtml(token.text.trim())}</p>\n` : escapeHtml(token.text);
      },
      heading({ tokens, depth }: Tokens.Heading): string {
        // The subject is the mail's h1: « # » and « ## » are both h2, then one level each.
        const level = Math.min(6, Math.max(2, depth));
        return `<h${level} style="${STYLE.h(level)}">${this.parser.parseInline(tokens)}</h${level}>\n`;
      },
      paragraph({ tokens }: Tokens.Paragraph): string {
        return `<p style="${STYLE.p}">${this.parser.parseInline(tokens)}</p>\n`;
      },
      link({ href, tokens }: Tokens.Link): string {
        const inner = this.parser.parseInline(tokens);
        const target = absolute(href, baseUrl);
        return target ? `<a href="${escapeHtml(target)}" style="${STYLE.a}">${inner}</a>` : inner;
      },
      image({ href, text }: Tokens.Image): string {
        // Images are not loaded from mails (privacy): a link to them instead.
        const target = absolute(href, baseUrl);
        const label = escapeHtml(text || href);
        return target ? `<a href="${escapeHtml(target)}" style="${STYLE.a}">${label}</a>` : label;
      },
      list(token: Tokens.List): string {
        const tag = token.ordered ? 'ol' : 'ul';
        const start = token.ordered && token.start !== 1 && token.start !== '' ? ` start="${token.start}"` : '';
        const items = token.items.map((item) => this.listitem(item)).join('');
        return `<${tag}${start} style="${STYLE.list}">${items}</${tag}>\n`;
      },
      blockquote({ tokens }: Tokens.Blockquote): string {
        return `<blockquote style="${STYLE.quote}">${this.parser.parse(tokens)}</blockquote>\n`;
      },
      hr(): string {
        return `<hr style="${STYLE.hr}">\n`;
      },
      codespan({ text }: Tokens.Codespan): string {
        return `<code style="${STYLE.code}">${escapeHtml(text)}</code>`;
      },
      code({ text }: Tokens.Code): string {
        return `<pre style="${STYLE.pre}">${escapeHtml(text)}</pre>\n`;
      },
    },
  });
}

/** The text as HTML with inline styles; links absolute, raw HTML shown as text. */
export function mailMarkdownToHtml(markdown: string, baseUrl: string): string {
  if (!markdown.trim()) return '';
  return htmlRenderer(baseUrl).parse(markdown, { async: false });
}

/** The text as plain text: no Markdown marks, links written out after their words. */
export function mailMarkdownToText(markdown: string, baseUrl: string): string {
  const blocks = new Lexer({ gfm: true }).lex(markdown.replace(/\r\n/g, '\n'));
  return textBlocks(blocks, baseUrl)
    .join('\n\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function textBlocks(tokens: Token[], baseUrl: string): string[] {
  const out: string[] = [];
  for (const token of tokens) {
    const block = textBlock(token, baseUrl);
    if (block !== null && block.trim() !== '') out.push(block);
  }
  return out;
}

function textBlock(token: Token, baseUrl: string): string | null {
  if (!isMarkedToken(token)) return token.raw;
  switch (token.type) {
    case 'space':
    case 'def':
      return null;
    case 'heading': {
      const t = token;
      const title = inline(t.tokens, baseUrl);
      return `${title}\n${(t.depth <= 1 ? '=' : '-').repeat(Math.min(60, [...title].length))}`;
    }
    case 'paragraph':
      return inline(token.tokens, baseUrl);
    case 'list': {
      const t = token;
      const first = typeof t.start === 'number' ? t.start : 1;
      return t.items
        .map((item, i) => {
          const marker = t.ordered ? `${first + i}. ` : '- ';
          const body = textBlocks(item.tokens, baseUrl)
            .join('\n')
            .replace(/\n/g, `\n${' '.repeat(marker.length)}`);
          return `${marker}${body}`;
        })
        .join('\n');
    }
    case 'blockquote':
      return textBlocks(token.tokens, baseUrl)
        .join('\n\n')
        .split('\n')
        .map((l) => `> ${l}`)
        .join('\n');
    case 'hr':
      return '———';
    case 'code':
      return token.text
        .split('\n')
        .map((l) => `    ${l}`)
        .join('\n');
    case 'text': {
      const t = token;
      return t.tokens ? inline(t.tokens, baseUrl) : t.text;
    }
    case 'table': {
      const t = token;
      const row = (cells: Tokens.TableCell[]) => cells.map((c) => inline(c.tokens, baseUrl)).join(' | ');
      return [row(t.header), ...t.rows.map(row)].join('\n');
    }
    default:
      return 'text' in token && typeof token.text === 'string' ? token.text : token.raw;
  }
}

function inline(tokens: Token[] | undefined, baseUrl: string): string {
  if (!tokens) return '';
  return tokens
    .map((token) => {
      if (!isMarkedToken(token)) return token.raw;
      switch (token.type) {
        case 'link':
        case 'image': {
          const t = token;
          const words = t.type === 'link' ? inline(t.tokens, baseUrl) : t.text;
          const target = absolute(t.href, baseUrl);
          if (!target) return words;
          const shown = target.replace(/^mailto:/, '');
          return words && words !== shown && words !== target ? `${words} (${shown})` : shown;
        }
        case 'strong':
        case 'em':
        case 'del':
          return inline(token.tokens, baseUrl);
        case 'br':
          return '\n';
        case 'codespan':
          return token.text;
        case 'escape':
          return token.text;
        case 'text': {
          const t = token;
          return t.tokens ? inline(t.tokens, baseUrl) : t.text;
        }
        default:
          return 'text' in token && typeof token.text === 'string' ? token.text : token.raw;
      }
    })
    .join('');
}

export interface MailDocument {
  lang: string;
  subject: string;
  /** Shown above the subject: who sends it. */
  organisation: string;
  /** Already-safe HTML (from mailMarkdownToHtml or escaped). */
  contentHtml: string;
  /** Already-safe HTML under the content (why you receive it, unsubscribe). */
  footerHtml: string;
}

/**
 * The HTML document around a mail's content: one centred column, readable on a
 * phone, layout tables marked as presentation, the language declared.
 */
export function renderMailDocument(d: MailDocument): string {
  const lang = escapeHtml(d.lang);
  const subject = escapeHtml(d.subject);
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${subject}</title>
</head>
<body style="margin:0;padding:0;background:#f6f7f9">
<div role="article" aria-roledescription="email" aria-label="${subject}" lang="${lang}" style="${FONT};background:#f6f7f9;padding:16px 8px">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse">
<tr><td align="center">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:600px;border-collapse:collapse;background:#ffffff;border:1px solid #c9cfda;border-radius:8px">
<tr><td style="padding:24px 24px 8px;${FONT}">
<p style="margin:0 0 8px;font-size:14px;line-height:1.4;color:${MUTED};font-weight:600">${escapeHtml(d.organisation)}</p>
<h1 style="margin:0 0 16px;font-size:24px;line-height:1.25;color:${INK};font-weight:700">${subject}</h1>
${d.contentHtml}
</td></tr>
</table>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:600px;border-collapse:collapse">
<tr><td style="padding:16px 24px;${FONT};font-size:14px;line-height:1.5;color:${MUTED}">
${d.footerHtml}
</td></tr>
</table>
</td></tr>
</table>
</div>
</body>
</html>
`;
}

/** A paragraph of the footer, with one link (already absolute). */
export function footerParagraph(textBefore: string, linkText: string, href: string): string {
  return `<p style="margin:0 0 8px;color:${MUTED}">${escapeHtml(textBefore)} <a href="${escapeHtml(href)}" style="${STYLE.a}">${escapeHtml(linkText)}</a></p>`;
}

/** A footer paragraph that is only a link. */
export function linkParagraph(linkText: string, href: string): string {
  return `<p style="margin:0 0 8px;color:${MUTED}"><a href="${escapeHtml(href)}" style="${STYLE.a}">${escapeHtml(linkText)}</a></p>`;
}

/** A footer paragraph of plain text. */
export function plainParagraph(text: string): string {
  return `<p style="margin:0 0 8px;color:${MUTED}">${escapeHtml(text)}</p>`;
}

/** A paragraph of the content, from plain text. */
export function bodyParagraph(text: string): string {
  return `<p style="${STYLE.p}">${escapeHtml(text)}</p>`;
}

/** The one action of a mail, as a large link that looks like a button. */
export function buttonLink(label: string, href: string): string {
  return `<p style="margin:8px 0 24px"><a href="${escapeHtml(href)}" style="display:inline-block;background:${ACCENT};color:#ffffff;font-weight:700;text-decoration:none;padding:12px 20px;border-radius:6px;font-size:16px">${escapeHtml(label)}</a></p>`;
}
