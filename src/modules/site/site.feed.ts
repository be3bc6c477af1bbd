import { HTML_LANG, localePath, translator, type Locale } from '../../web/i18n/index.js';
import { markdownToHtml } from '../../web/markdown.js';
import { TYPE_SECTIONS } from './site.constants.js';
import type { ContentRow } from './site.queries.js';

/**
 * The news as an Atom feed (RFC 4287), one per language, for feed readers and
 * for other sites: each entry's summary and its full text as HTML. The public
 * layout announces it on every page (`src/web/public-layout.tsx`).
 */
export const FEED_PATH = '/actualites.atom';
const FEED_SIZE = 50;

/** A fixed date for a feed without any entry yet (Atom requires `updated`). */
const NO_NEWS_YET = '2026-01-01T00:00:00Z';

function xml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** Stored instants are ISO already; Atom wants a zone, UTC here. */
function instant(value: string): string {
  return new Date(value).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function newsFeed(rows: ContentRow[], c: { locale: Locale; baseUrl: string; organisationName: string }): string {
  const t = translator(c.locale);
  const feedUrl = `${c.baseUrl}${localePath(c.locale, FEED_PATH)}`;
  const pageUrl = `${c.baseUrl}${localePath(c.locale, TYPE_SECTIONS.news)}`;
  const updated =
    rows
      .map((r) => instant(r.updated_at))
      .sort()
      .at(-1) ?? NO_NEWS_YET;
  const entries = rows.slice(0, FEED_SIZE).map((r) => {
    const url = `${c.baseUrl}${localePath(c.locale, `${TYPE_SECTIONS.news}/${r.slug}`)}`;
    return [
      '  <entry>',
      `    <id>${xml(url)}</id>`,
      `    <title>${xml(r.title)}</title>`,
      `    <link rel="alternate" type="text/html" href="${xml(url)}"/>`,
      `    <published>${instant(r.published_at ?? r.created_at)}</published>`,
      `    <updated>${instant(r.updated_at)}</updated>`,
      r.summary ? `    <summary>${xml(r.summary)}</summary>` : '',
      `    <content type="html">${xml(String(markdownToHtml(r.body)))}</content>`,
      '  </entry>',
    ]
      .filter(Boolean)
      .join('\n');
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${HTML_LANG[c.locale]}">`,
    `  <id>${xml(feedUrl)}</id>`,
    `  <title>${xml(`${t('nav.news')} · ${c.organisationName}`)}</title>`,
    `  <link rel="self" type="application/atom+xml" href="${xml(feedUrl)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xml(pageUrl)}"/>`,
    `  <author><name>${xml(c.organisationName)}</name></author>`,
    `  <updated>${updated}</updated>`,
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}
