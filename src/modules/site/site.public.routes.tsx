import { idParam } from '../../web/validation.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { todayInBrussels } from '../../lib/time.js';
import { sendHtml, viewContext } from '../../web/context.js';
import type { Locale } from '../../web/i18n/index.js';
import { CONTENT_TYPES, TYPE_SECTIONS, type ContentType } from './site.constants.js';
import { helplineInfo } from './site.helpline.service.js';
import { FEED_PATH, newsFeed } from './site.feed.js';
import { findAttachment, findBySlug, listAttachments, listGroup, listPublished } from './site.queries.js';
import { DetailPage, itemPath, ListPage, type Alternates } from './site.public.views.js';
import { ContactPage } from './site.contact.views.js';
import { alternatesFor, PREFIXES } from '../../web/alternates.js';
import { publicAgendaAssemblies } from '../plenary/plenary.queries.js';

const publicAccess = { access: 'public' as const };

/** RFC 6266: an ASCII fallback and the UTF-8 name. */
function contentDisposition(filename: string): string {
  const ascii =
    filename
      .normalize('NFD')
      .replace(/[^\x20-\x7e]/g, '')
      .replace(/["\\]/g, '') || 'document';
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

export async function sitePublicRoutes(app: FastifyInstance): Promise<void> {
  const db = app.db;

  async function alternatesOf(group: string): Promise<Alternates> {
    const rows = await listGroup(db, group);
    return Object.fromEntries(
      rows.filter((r) => r.status === 'published').map((r) => [r.locale, itemPath(r.locale, r.type, r.slug)]),
    );
  }

  async function list(request: FastifyRequest, reply: FastifyReply, locale: Locale, type: ContentType) {
    const ctx = viewContext(request, reply);
    const alternates = alternatesFor(TYPE_SECTIONS[type]);
    if (type === 'event') {
      const today = todayInBrussels(app.clock());
      const [upcoming, past, assemblies] = await Promise.all([
        listPublished(db, { type, locale, fromDay: today }),
        listPublished(db, { type, locale, beforeDay: today, limit: 50 }),
        publicAgendaAssemblies(db, today),
      ]);
      return sendHtml(
        reply,
        <ListPage
          ctx={ctx}
          locale={locale}
          type={type}
          rows={upcoming}
          past={past}
          assemblies={{
            upcoming: assemblies.filter((a) => a.held_on >= today),
            past: assemblies.filter((a) => a.held_on < today),
          }}
          alternates={alternates}
        />,
      );
    }
    const rows = await listPublished(db, { type, locale, limit: 200 });
    return sendHtml(reply, <ListPage ctx={ctx} locale={locale} type={type} rows={rows} alternates={alternates} />);
  }

  async function detail(
    request: FastifyRequest<{ Params: { slug: string } }>,
    reply: FastifyReply,
    locale: Locale,
    type: ContentType,
  ) {
    const row = await findBySlug(db, type, locale, request.params.slug);
    // A draft is not public, not even to someone who guesses its address.
    if (!row || row.status !== 'published') return reply.callNotFound();
    const [attachments, alternates] = await Promise.all([
      listAttachments(db, [row.id]),
      alternatesOf(row.translation_group),
    ]);
    return sendHtml(
      reply,
      <DetailPage
        ctx={viewContext(request, reply)}
        locale={locale}
        row={row}
        attachments={attachments}
        alternates={alternates}
      />,
    );
  }

  for (const [locale, prefix] of PREFIXES) {
    for (const type of CONTENT_TYPES) {
      const section = TYPE_SECTIONS[type];
      if (type !== 'page')
        app.get(`${prefix}${section}`, { config: publicAccess }, (request, reply) =>
          list(request, reply, locale, type),
        );
      app.get<{ Params: { slug: string } }>(`${prefix}${section}/:slug`, { config: publicAccess }, (request, reply) =>
        detail(request, reply, locale, type),
      );
    }
    app.get(`${prefix}${FEED_PATH}`, { config: publicAccess }, async (request, reply) => {
      const rows = await listPublished(db, { type: 'news', locale, limit: 50 });
      const ctx = viewContext(request, reply);
      return reply
        .type('application/atom+xml; charset=utf-8')
        .send(newsFeed(rows, { locale, baseUrl: ctx.publicUrl, organisationName: ctx.organisationName }));
    });
    app.get(`${prefix}/contact`, { config: publicAccess }, async (request, reply) =>
      sendHtml(reply, <ContactPage ctx={viewContext(request, reply)} locale={locale} info={await helplineInfo(db)} />),
    );
  }

  // Attachments of published items are public; those of drafts only for the board.
  app.get<{ Params: { id: string; name: string } }>(
    '/fichiers/:id/:name',
    { config: publicAccess },
    async (request, reply) => {
      const id = idParam(request.params.id);
      const file = id === undefined ? undefined : await findAttachment(db, id);
      const board = request.currentUser?.roles.includes('board') ?? false;
      if (!file || (file.status !== 'published' && !board)) return reply.callNotFound();
      return reply
        .header('content-type', file.mime)
        .header('content-disposition', contentDisposition(file.filename))
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('cache-control', file.status === 'published' ? 'public, max-age=3600' : 'no-store')
        .send(Buffer.from(file.data));
    },
  );
}
