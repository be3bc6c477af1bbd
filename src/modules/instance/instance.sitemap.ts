import type { Access } from '../../web/access.js';

interface RouteAccess {
  method: string;
  url: string;
  access: Access;
}

/**
 * The public pages a search engine may list, by their French path; each is
 * kept only if the application really serves it, with the Dutch and English
 * versions it serves (hreflang alternates).
 */
const PUBLIC_SECTIONS = [
  '/',
  '/manifeste',
  '/manifeste/signataires',
  '/manifeste/historique',
  '/guide',
  '/actualites',
  '/ressources',
  '/agenda',
  '/temoignages',
  '/membres',
  '/newsletter',
  '/contact',
  '/vie-privee',
];
const LOCALES = [
  ['fr', ''],
  ['nl', '/nl'],
  ['en', '/en'],
] as const;

export interface SitemapEntry {
  path: string;
  alternates: Array<{ lang: 'fr' | 'nl' | 'en'; path: string }>;
}

function localised(prefix: string, path: string): string {
  return prefix && path === '/' ? prefix : `${prefix}${path}`;
}

export function sitemapEntries(routes: readonly Pick<RouteAccess, 'method' | 'url' | 'access'>[]): SitemapEntry[] {
  const served = new Set(routes.filter((r) => r.method === 'GET' && r.access === 'public').map((r) => r.url));
  const entries: SitemapEntry[] = [];
  for (const section of PUBLIC_SECTIONS) {
    const alternates = LOCALES.filter(([, prefix]) => served.has(localised(prefix, section))).map(([lang, prefix]) => ({
      lang,
      path: localised(prefix, section),
    }));
    for (const alternate of alternates)
      entries.push({ path: alternate.path, alternates: alternates.length > 1 ? alternates : [] });
  }
  return entries;
}

const escapeXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function sitemapXml(base: string, entries: readonly SitemapEntry[]): string {
  const urls = entries.map((e) =>
    [
      '  <url>',
      `    <loc>${escapeXml(base + e.path)}</loc>`,
      ...e.alternates.map(
        (a) => `    <xhtml:link rel="alternate" hreflang="${a.lang}" href="${escapeXml(base + a.path)}"/>`,
      ),
      '  </url>',
    ].join('\n'),
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ...urls,
    '</urlset>',
    '',
  ].join('\n');
}
