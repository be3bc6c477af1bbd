// The public site's back office under /bureau/contenu: contents, translations, attachments; the
// settings and the helpline's closures are in site.settings.routes.tsx, registered from here.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, FieldValidationError } from '../../errors.js';
import { sendHtml, setFlash, viewContext } from '../../web/context.js';
import type { FieldErrors } from '../../web/forms.js';
import { idParam, str } from '../../web/validation.js';
import { acceptMultipart, uploadedFile } from '../../web/multipart.js';
import { isContentType, LOCALE_LABELS, MAX_ATTACHMENT_BYTES } from './site.constants.js';
import { ContentEditPage, ContentListPage } from './site.admin.views.js';
import { listAll, listAttachments, listGroup } from './site.queries.js';
import {
  addAttachment,
  createContent,
  deleteAttachment,
  deleteContent,
  linkTranslation,
  parseContent,
  requireContent,
  setStatus,
  unlinkTranslation,
  updateContent,
  valuesFromRow,
  valuesOf,
  type ContentValues,
} from './site.service.js';
import { siteSettingsRoutes } from './site.settings.routes.js';
import { isLocale } from '../../web/i18n/index.js';

/** The board writes the public site. */
const access = { access: 'board' as const };
type Body = Record<string, unknown>;

function idOf(raw: string): number {
  const id = idParam(raw);
  if (id === undefined) throw new AppError('NOT_FOUND', 'Ce contenu n’existe pas (ou plus).');
  return id;
}

export async function siteAdminRoutes(app: FastifyInstance): Promise<void> {
  const db = app.db;

  // Attachments come as multipart/form-data, with their own 10 MB limit (registered in this plugin only).
  acceptMultipart(app, { maxFileBytes: MAX_ATTACHMENT_BYTES, bodyLimit: MAX_ATTACHMENT_BYTES + 256 * 1024 });

  async function renderEdit(
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    options: { values?: ContentValues; errors?: FieldErrors; preview?: boolean; status?: number } = {},
  ) {
    const row = await requireContent(db, id);
    const [attachments, group, sameType] = await Promise.all([
      listAttachments(db, [id]),
      listGroup(db, row.translation_group),
      listAll(db, row.type),
    ]);
    const taken = new Set(group.map((g) => g.locale));
    const linkable = sameType.filter((s) => s.translation_group !== row.translation_group && !taken.has(s.locale));
    return sendHtml(
      reply,
      <ContentEditPage
        ctx={viewContext(request, reply)}
        type={row.type}
        row={row}
        values={options.values ?? valuesFromRow(row)}
        errors={options.errors}
        preview={options.preview ?? false}
        attachments={attachments}
        group={group}
        linkable={linkable}
      />,
      options.status ?? 200,
    );
  }

  app.get<{ Querystring: Body }>('/bureau/contenu', { config: access }, async (request, reply) => {
    const type = isContentType(request.query.type) ? request.query.type : 'news';
    return sendHtml(
      reply,
      <ContentListPage ctx={viewContext(request, reply)} type={type} rows={await listAll(db, type)} />,
    );
  });

  app.get<{ Querystring: Body }>('/bureau/contenu/nouveau', { config: access }, async (request, reply) => {
    const type = isContentType(request.query.type) ? request.query.type : 'news';
    const translationOf = idParam(request.query.traduction);
    const langue = str(request.query.langue);
    const values = valuesOf({ locale: isLocale(langue) ? langue : 'fr' });
    if (translationOf) {
      const source = await requireContent(db, translationOf);
      // Start from the source text: translating is easier than writing from scratch.
      Object.assign(values, { ...valuesFromRow(source), locale: values.locale, slug: source.slug });
    }
    return sendHtml(
      reply,
      <ContentEditPage ctx={viewContext(request, reply)} type={type} values={values} translationOf={translationOf} />,
    );
  });

  app.post<{ Body: Body }>('/bureau/contenu', { config: access }, async (request, reply) => {
    const body = request.body ?? {};
    const type = isContentType(body.type) ? body.type : 'news';
    const translationOf = idParam(body.translationOf);
    const values = valuesOf(body);
    const ctx = viewContext(request, reply);
    try {
      const input = parseContent(type, body);
      if (str(body.action) === 'preview')
        return sendHtml(
          reply,
          <ContentEditPage ctx={ctx} type={type} values={values} translationOf={translationOf} preview />,
        );
      const id = await createContent(db, type, input, request.currentUser, translationOf);
      setFlash(reply, `Brouillon enregistré (${LOCALE_LABELS[input.locale]}). Publiez-le quand il est prêt.`);
      return reply.redirect(`/bureau/contenu/${id}`, 303);
    } catch (error) {
      if (!(error instanceof FieldValidationError)) throw error;
      return sendHtml(
        reply,
        <ContentEditPage ctx={ctx} type={type} values={values} errors={error.errors} translationOf={translationOf} />,
        400,
      );
    }
  });

  app.get<{ Params: { id: string } }>('/bureau/contenu/:id', { config: access }, async (request, reply) =>
    renderEdit(request, reply, idOf(request.params.id)),
  );

  app.post<{ Params: { id: string }; Body: Body }>(
    '/bureau/contenu/:id',
    { config: access },
    async (request, reply) => {
      const id = idOf(request.params.id);
      const row = await requireContent(db, id);
      const body = request.body ?? {};
      const values = valuesOf(body);
      try {
        const input = parseContent(row.type, body);
        if (str(body.action) === 'preview') return renderEdit(request, reply, id, { values, preview: true });
        await updateContent(db, id, input, request.currentUser);
        setFlash(reply, 'Modifications enregistrées.');
        return reply.redirect(`/bureau/contenu/${id}`, 303);
      } catch (error) {
        if (!(error instanceof FieldValidationError)) throw error;
        return renderEdit(request, reply, id, { values, errors: error.errors, status: 400 });
      }
    },
  );

  for (const [segment, status] of [
    ['publier', 'published'],
    ['depublier', 'draft'],
  ] as const) {
    app.post<{ Params: { id: string } }>(
      `/bureau/contenu/:id/${segment}`,
      { config: access },
      async (request, reply) => {
        const id = idOf(request.params.id);
        const row = await setStatus(db, id, status, request.currentUser);
        setFlash(
          reply,
          status === 'published' ? `« ${row.title} » est publié.` : `« ${row.title} » n’est plus visible sur le site.`,
        );
        return reply.redirect(`/bureau/contenu/${id}`, 303);
      },
    );
  }

  app.post<{ Params: { id: string } }>('/bureau/contenu/:id/supprimer', { config: access }, async (request, reply) => {
    const row = await deleteContent(db, idOf(request.params.id), request.currentUser);
    setFlash(reply, `« ${row.title} » a été supprimé.`);
    return reply.redirect(`/bureau/contenu?type=${row.type}`, 303);
  });

  app.post<{ Params: { id: string }; Body: Body }>(
    '/bureau/contenu/:id/traductions',
    { config: access },
    async (request, reply) => {
      const id = idOf(request.params.id);
      try {
        await linkTranslation(db, id, idParam(request.body?.translation) ?? 0, request.currentUser);
        setFlash(reply, 'Traduction liée.');
        return reply.redirect(`/bureau/contenu/${id}`, 303);
      } catch (error) {
        if (!(error instanceof FieldValidationError)) throw error;
        return renderEdit(request, reply, id, { errors: error.errors, status: 400 });
      }
    },
  );

  app.post<{ Params: { id: string } }>(
    '/bureau/contenu/:id/traductions/detacher',
    { config: access },
    async (request, reply) => {
      const id = idOf(request.params.id);
      await unlinkTranslation(db, id, request.currentUser);
      setFlash(reply, 'Ce contenu n’est plus lié à ses traductions.');
      return reply.redirect(`/bureau/contenu/${id}`, 303);
    },
  );

  app.post<{ Params: { id: string }; Body: Body }>(
    '/bureau/contenu/:id/pieces-jointes',
    { config: access },
    async (request, reply) => {
      const id = idOf(request.params.id);
      const file = uploadedFile(request.body, 'file');
      try {
        if (!file?.filename) throw new FieldValidationError({ file: 'Fichier : choisissez un fichier à envoyer.' });
        await addAttachment(db, id, { filename: file.filename, data: file.data }, request.currentUser);
        setFlash(reply, 'Pièce jointe ajoutée.', { near: 'pj' });
        return reply.redirect(`/bureau/contenu/${id}#pj`, 303);
      } catch (error) {
        if (!(error instanceof FieldValidationError)) throw error;
        return renderEdit(request, reply, id, { errors: error.errors, status: 400 });
      }
    },
  );

  app.post<{ Params: { id: string; attachmentId: string } }>(
    '/bureau/contenu/:id/pieces-jointes/:attachmentId/supprimer',
    { config: access },
    async (request, reply) => {
      const id = idOf(request.params.id);
      const deleted = await deleteAttachment(db, id, idParam(request.params.attachmentId) ?? 0, request.currentUser);
      setFlash(reply, deleted ? 'Pièce jointe supprimée.' : 'Cette pièce jointe n’existe pas (ou plus).', {
        near: 'pj',
      });
      return reply.redirect(`/bureau/contenu/${id}#pj`, 303);
    },
  );
  await siteSettingsRoutes(app);
}
