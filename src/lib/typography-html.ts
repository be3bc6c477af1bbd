import { frenchTypography } from './typography.js';

/**
 * French typesetting of a whole rendered HTML document (or fragment), in one
 * place for every French page and mail (docs/typography.md): the text a person
 * reads gets the rules of `frenchTypography`; what is data is left exactly as
 * it came — tags and their attributes (an input's `value`, an `href`), and the
 * content of `<textarea>`, `<pre>`, `<code>`, `<script>` and `<style>` — so a
 * form sends back what the person typed, straight apostrophe included.
 *
 * Only the attributes a person reads or hears are typeset (`alt`, `title`,
 * `placeholder`, `aria-label`), so an accessible name matches the visible label.
 */
const TOKEN =
  /<!--[\s\S]*?-->|<(script|style|textarea|pre|code)\b((?:[^>"']|"[^"]*"|'[^']*')*)>[\s\S]*?<\/\1\s*>|<[!/]?[a-zA-Z](?:[^>"']|"[^"]*"|'[^']*')*>/gi;
const READ_ATTRIBUTE = /(\s(?:alt|title|placeholder|aria-label)=")([^"]*)(")/gi;
/** Kitajs writes a quote as an entity: read it as an apostrophe between two letters. */
const ESCAPED_APOSTROPHE = /(\p{L})&#(?:39|x27);(?=\p{L})/gu;
/** Addresses stay as written: a link, an e-mail address. */
const ADDRESS = /(?:https?:\/\/|mailto:|www\.)\S+|[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+/g;

/** `frenchTypography` on a plain text or a run of HTML text (entities kept), addresses left alone. */
export function typesetText(text: string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(ADDRESS)) {
    out += typesetRun(text.slice(last, m.index)) + m[0];
    last = m.index + m[0].length;
  }
  return out + typesetRun(text.slice(last));
}

function typesetRun(text: string): string {
  return text === '' ? text : frenchTypography(text.replace(ESCAPED_APOSTROPHE, '$1’'));
}

/** Typesets the text of an HTML document, never its markup nor its data (idempotent). */
export function typesetHtml(html: string): string {
  let out = '';
  let last = 0;
  for (const m of html.matchAll(TOKEN)) {
    out += typesetText(html.slice(last, m.index));
    const tag = m[0];
    if (m[1] !== undefined) {
      // A block kept as typed: only its opening tag's read attributes (a textarea's placeholder).
      const opening = `<${m[1]}${m[2] ?? ''}>`;
      out += opening.replace(READ_ATTRIBUTE, attribute) + tag.slice(opening.length);
    } else out += tag.startsWith('<!') ? tag : tag.replace(READ_ATTRIBUTE, attribute);
    last = m.index + tag.length;
  }
  return out + typesetText(html.slice(last));
}

function attribute(_all: string, before: string, value: string, after: string): string {
  return before + typesetText(value) + after;
}

/** True for a document declared French (`<html lang="fr…">`), in its first bytes. */
export function isFrenchDocument(html: string): boolean {
  return /<html\b[^>]*\blang="fr\b/i.test(html.slice(0, 512));
}
