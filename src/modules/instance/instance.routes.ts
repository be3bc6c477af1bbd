import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { loadSettings } from '../site/site.settings.service.js';
import { sitemapEntries, sitemapXml } from './instance.sitemap.js';
import { sourceArchive } from './instance.source.js';

/**
 * What an instance says about itself to machines: its health, what crawlers
 * may read, how to report a vulnerability, and its source code (AGPL §13).
 */
const publicAccess = { access: 'public' } as const;

/** Back office and forms: never indexed (they answer a login page or a 403 anyway). */
const DISALLOWED = [
  '/bureau',
  '/admin',
  '/demandes',
  '/permanence',
  '/connexion',
  '/mot-de-passe-oublie',
  '/reinitialiser',
  '/installation',
  '/api/',
  '/manifeste/confirmer',
  '/newsletter/confirmer',
  '/newsletter/desinscription',
  '/plenieres/desinscription',
];

export async function instanceRoutes(app: FastifyInstance): Promise<void> {
  // For the reverse proxy or the host's monitoring: 200 when the database answers, 503 otherwise; nothing else.
  app.get('/healthz', { config: { ...publicAccess, api: true } }, async (_request, reply) => {
    try {
      await sql`select 1`.execute(app.db);
      return reply.header('cache-control', 'no-store').send({ status: 'ok' });
    } catch (err) {
      app.log.error({ err }, 'health check: the database does not answer');
      return reply.code(503).header('cache-control', 'no-store').send({ status: 'indisponible' });
    }
  });

  app.get('/robots.txt', { config: publicAccess }, async (_request, reply) => {
    const lines = [
      'User-agent: *',
      ...DISALLOWED.flatMap((p) => [`Disallow: ${p}`, `Disallow: /nl${p}`, `Disallow: /en${p}`]),
    ];
    lines.push('', `Sitemap: ${app.config.publicUrl}/sitemap.xml`, '');
    return reply
      .type('text/plain; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .send(lines.join('\n'));
  });

  app.get('/sitemap.xml', { config: publicAccess }, async (_request, reply) =>
    reply
      .type('application/xml; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .send(sitemapXml(app.config.publicUrl, sitemapEntries(app.routeAccess))),
  );

  // RFC 9116. The contact is the site's contact address (settings), else its contact page.
  app.get('/.well-known/security.txt', { config: publicAccess }, async (_request, reply) => {
    const { contactEmail } = await loadSettings(app.db);
    const base = app.config.publicUrl;
    const expires = new Date(Date.now() + 180 * 24 * 3600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const body = [
      `Contact: ${contactEmail ? `mailto:${contactEmail}` : `${base}/contact`}`,
      `Expires: ${expires}`,
      'Preferred-Languages: fr, nl, en',
      `Canonical: ${base}/.well-known/security.txt`,
      `# ${app.config.organisationName} — Vigie. Source : ${app.config.sourceUrl.startsWith('/') ? base + app.config.sourceUrl : app.config.sourceUrl}`,
      '',
    ].join('\n');
    return reply.type('text/plain; charset=utf-8').header('cache-control', 'public, max-age=3600').send(body);
  });

  // The running code, when no SOURCE_URL points elsewhere (the footer's « Code source » link).
  app.get('/code-source', { config: publicAccess }, async (_request, reply) =>
    reply
      .type('application/zip')
      .header('content-disposition', 'attachment; filename="vigie-code-source.zip"')
      .header('cache-control', 'public, max-age=3600')
      .send(sourceArchive()),
  );
}
