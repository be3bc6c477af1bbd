import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError } from '../../errors.js';
import { sendHtml, setFlash, viewContext } from '../../web/context.js';
import { fieldsOf, idParam, str } from '../../web/validation.js';
import { recordAudit } from '../audit/audit.service.js';
import { EditForm, OverviewPage, Preview } from './guide.admin.views.js';
import { applyEdit, type Kind } from './guide.edit.js';
import { guideReviewRoutes } from './guide.review.routes.js';
import {
  currentGuide,
  describeChanges,
  GuideContentRejectedError,
  guideVersion,
  listGuideVersions,
  publishGuide,
} from './guide.versions.service.js';
import type { GuideContent } from './guide.types.js';

/**
 * Back office of the guide: board members edit texts, explanations and legal
 * references (never the flow's ids), preview, and publish a new version that
 * the validator must accept. Every version can be restored.
 */
const access = { access: 'board' as const };

function parseKind(raw: string): Kind {
  if (raw === 'question' || raw === 'leaf' || raw === 'reference' || raw === 'general') return raw;
  throw new NotFoundError();
}

export async function guideAdminRoutes(app: FastifyInstance): Promise<void> {
  const db = app.db;
  await guideReviewRoutes(app);

  app.get('/bureau/guide', { config: access }, async (request, reply) => {
    const [{ content }, versions] = await Promise.all([currentGuide(db), listGuideVersions(db)]);
    return sendHtml(reply, <OverviewPage ctx={viewContext(request, reply)} content={content} versions={versions} />);
  });

  app.get<{ Params: { kind: string; id: string } }>(
    '/bureau/guide/:kind/:id',
    { config: access },
    async (request, reply) => {
      const kind = parseKind(request.params.kind);
      const { content } = await currentGuide(db);
      return sendHtml(
        reply,
        <EditForm ctx={viewContext(request, reply)} content={content} kind={kind} id={request.params.id} />,
      );
    },
  );

  app.post<{ Params: { kind: string; id: string } }>(
    '/bureau/guide/:kind/:id',
    { config: access },
    async (request, reply) => {
      const kind = parseKind(request.params.kind);
      const id = request.params.id;
      const body = fieldsOf(request.body);
      const { content } = await currentGuide(db);
      const { next, errors } = applyEdit(content, kind, id, body);
      const render = (errs: string[] | undefined, status: number, preview: JSX.Element = '') =>
        sendHtml(
          reply,
          <EditForm ctx={viewContext(request, reply)} content={next} kind={kind} id={id} errors={errs}>
            {preview}
          </EditForm>,
          status,
        );
      if (errors.length) return render(errors, 422);
      if (str(body.action) !== 'publish') return render(undefined, 200, <Preview content={next} kind={kind} id={id} />);
      const changes = describeChanges(content, next);
      if (changes.length === 0) {
        setFlash(reply, 'Aucune modification à publier.');
        return reply.redirect('/bureau/guide', 303);
      }
      return publish(request, reply, next, `Modifié : ${changes.join(', ')}`, null, render);
    },
  );

  app.post<{ Params: { id: string } }>(
    '/bureau/guide/versions/:id/restaurer',
    { config: access },
    async (request, reply) => {
      const id = idParam(request.params.id) ?? 0;
      const version = await guideVersion(db, id);
      if (!version) throw new NotFoundError("Cette version n'existe pas.");
      return publish(request, reply, version.content, `Restauration de la version n° ${id}`, id, async (errs) => {
        setFlash(reply, `Restauration refusée : ${(errs ?? []).join(' ')}`);
        return reply.redirect('/bureau/guide', 303);
      });
    },
  );

  async function publish(
    request: FastifyRequest,
    reply: FastifyReply,
    next: GuideContent,
    summary: string,
    revertedFrom: number | null,
    onRejected: (errors: string[] | undefined, status: number) => Promise<FastifyReply>,
  ): Promise<FastifyReply> {
    try {
      const versionId = await publishGuide(db, next, request.currentUser?.id ?? null, summary, revertedFrom);
      await recordAudit(db, {
        actorId: request.currentUser?.id ?? null,
        action: revertedFrom ? 'guide.revert' : 'guide.publish',
        entityType: 'guide',
        entityId: versionId,
        summary: summary.slice(0, 300),
      });
    } catch (error) {
      if (error instanceof GuideContentRejectedError) return onRejected(error.problems, 422);
      throw error;
    }
    setFlash(reply, 'Nouvelle version du guide publiée.');
    return reply.redirect('/bureau/guide', 303);
  }
}
