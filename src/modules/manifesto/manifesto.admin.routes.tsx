import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { oneOf } from '../../lib/one-of.js';
import { plural, pluralForm, NOUNS } from '../../lib/plural.js';
import { sendHtml, setFlash, viewContext } from '../../web/context.js';
import type { FieldErrors } from '../../web/forms.js';
import { LOCALE_NAMES } from '../../web/i18n/index.js';
import { idParam, pageParam, parseForm, str } from '../../web/validation.js';
import { markdownToHtml } from '../../web/markdown.js';
import { countsPerMonth, listAllVersions, listSignatures, statusCounts } from './manifesto.queries.js';
import { versionSchema } from './manifesto.schemas.js';
import { publishVersion } from './manifesto.service.js';
import {
  BULK_ACTIONS,
  exportSignaturesCsv,
  moderateSignature,
  moderateSignatures,
  type ModerationAction,
} from './manifesto.moderation.service.js';
import { VersionsPage, type VersionValues } from './manifesto.versions.views.js';
import { filterOf, MonthsPage, SignaturesPage, type Query } from './manifesto.signatures.views.js';
import { mailContext } from '../mail/mail.context.js';
import { BOARD_PAGE_SIZE } from '../../web/pagination.js';

/** The board moderates signatures and keeps the Manifesto's text. */
const board = { config: { access: 'board' as const } };

const MODERATION: readonly ModerationAction[] = ['confirm', 'reject', 'release', 'hide', 'show', 'delete'];

export async function manifestoAdminRoutes(app: FastifyInstance): Promise<void> {
  const db = app.db;

  app.get<{ Querystring: Query }>('/bureau/signatures', board, async (request, reply) => {
    const filter = filterOf(request.query);
    const page = pageParam(request.query.page);
    const [list, counts] = await Promise.all([
      listSignatures(db, { ...filter, page, pageSize: BOARD_PAGE_SIZE }),
      statusCounts(db),
    ]);
    return sendHtml(
      reply,
      <SignaturesPage
        ctx={viewContext(request, reply)}
        rows={list.rows}
        total={list.total}
        page={page}
        filter={filter}
        counts={counts}
      />,
    );
  });

  app.get('/bureau/signatures/par-mois', board, async (request, reply) =>
    sendHtml(reply, <MonthsPage ctx={viewContext(request, reply)} rows={await countsPerMonth(db)} />),
  );

  app.get<{ Querystring: Query }>('/bureau/signatures.csv', board, async (request, reply) => {
    const filter = filterOf(request.query);
    const csv = await exportSignaturesCsv(db, filter, request.currentUser?.id ?? null);
    return reply
      .header('content-disposition', 'attachment; filename="signatures-manifeste.csv"')
      .header('cache-control', 'no-store')
      .type('text/csv; charset=utf-8')
      .send(csv);
  });

  app.post<{ Params: { id: string }; Body: Query }>('/bureau/signatures/:id/moderer', board, async (request, reply) => {
    const id = idParam(request.params.id);
    const action = oneOf(MODERATION, str(request.body?.action));
    const back = str(request.body?.retour);
    const ok =
      id !== undefined &&
      action !== undefined &&
      (await moderateSignature(db, id, action, request.currentUser?.id ?? null, mailContext(request)));
    setFlash(
      reply,
      ok
        ? 'Signature mise à jour.'
        : 'Cette action n’est pas possible sur cette signature (elle a peut-être déjà été traitée).',
    );
    return reply.redirect(back.startsWith('/bureau/signatures') ? back : '/bureau/signatures', 303);
  });

  app.post<{ Body: Query }>('/bureau/signatures/lot', board, async (request, reply) => {
    const action = str(request.body?.action);
    const back = str(request.body?.retour);
    const raw = request.body?.ids;
    const ids = (Array.isArray(raw) ? raw : [raw]).map(idParam).filter((id) => id !== undefined);
    const bulk = oneOf(BULK_ACTIONS, action);
    const ok =
      bulk !== undefined &&
      ids.length > 0 &&
      (await moderateSignatures(db, ids, bulk, request.currentUser?.id ?? null, mailContext(request)));
    setFlash(
      reply,
      ok
        ? `${plural(new Set(ids).size, NOUNS.signature)} ${pluralForm(new Set(ids).size, { one: 'traitée', other: 'traitées' })}.`
        : ids.length === 0
          ? 'Cochez au moins une signature.'
          : 'Rien n’a été fait : une des signatures cochées a déjà été traitée ou n’existe plus. Rechargez la liste.',
    );
    return reply.redirect(back.startsWith('/bureau/signatures') ? back : '/bureau/signatures', 303);
  });

  const emptyVersion: VersionValues = { locale: 'fr', versionLabel: '', publishedOn: '', summary: '', body: '' };
  const renderVersions = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: VersionValues,
    errors?: FieldErrors,
    preview?: string,
    status = 200,
  ) =>
    sendHtml(
      reply,
      <VersionsPage
        ctx={viewContext(request, reply)}
        versions={await listAllVersions(db)}
        values={values}
        errors={errors}
        preview={preview}
      />,
      status,
    );

  app.get('/bureau/manifeste', board, async (request, reply) => renderVersions(request, reply, emptyVersion));

  app.post<{ Body: Query }>('/bureau/manifeste', board, async (request, reply) => {
    const body = request.body ?? {};
    const values: VersionValues = {
      locale: str(body.locale),
      versionLabel: str(body.versionLabel),
      publishedOn: str(body.publishedOn),
      summary: str(body.summary),
      body: str(body.body),
    };
    if (str(body.action) === 'preview')
      return renderVersions(request, reply, values, undefined, markdownToHtml(values.body));
    const parsed = parseForm(versionSchema, body);
    if (!parsed.ok) return renderVersions(request, reply, values, parsed.errors, undefined, 400);
    await publishVersion(db, parsed.data, request.currentUser?.id ?? null);
    setFlash(reply, `Version publiée (${LOCALE_NAMES[parsed.data.locale]}) : ${parsed.data.versionLabel}.`);
    return reply.redirect('/bureau/manifeste', 303);
  });
}
