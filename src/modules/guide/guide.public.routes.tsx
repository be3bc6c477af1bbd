import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { NotFoundError } from '../../errors.js';
import { sendHtml, setFlash, viewContext } from '../../web/context.js';
import { fieldsOf, str } from '../../web/validation.js';
import { hasRole } from '../../web/access.js';
import { addGuideResult } from '../requests/requests.service.js';
import { decodeAnswers, guideUrl } from './guide.answers.js';
import { answersOnPath, evaluateGuide, getQuestion, guideProgress, type GuideEvaluation } from './guide.engine.js';
import { currentGuide } from './guide.versions.service.js';
import { helplineInfo } from '../site/site.helpline.service.js';
import { helplineWhen } from '../site/site.helpline.views.js';
import { GuideResultPage } from './guide.result.views.js';
import { GuideEntryPage, GuideQuestionPage } from './guide.views.js';
import { signedInUser } from '../../web/route-params.js';

const publicAccess = { access: 'public' as const };

const evaluateBody = z.object({
  answers: z.record(z.string(), z.string(), {
    message: '« answers » doit être un objet { "Q_…": "code de réponse" } dont chaque valeur est un texte.',
  }),
});

/** The API's answer for an evaluation: [HTTP status, body]. Shared with the CLI. */
export function evaluationResponse(evaluation: GuideEvaluation): [number, Record<string, unknown>] {
  if (evaluation.ok) {
    const { leaf, category, categoryLabel, title, points, steps, citations, sources, text, notes } = evaluation;
    const { checkedOn, path, contentVersion, status } = evaluation;
    const contacts = evaluation.contacts.map(({ name, phone, when, source }) => ({ name, phone, when, source }));
    return [
      200,
      {
        leaf,
        category,
        categoryLabel,
        title,
        points,
        steps,
        contacts,
        citations,
        sources,
        text,
        notes,
        status,
        checkedOn,
        path,
        contentVersion,
      },
    ];
  }
  if (evaluation.error === 'missing')
    return [422, { missing: evaluation.missing, path: evaluation.path, message: evaluation.message }];
  return [400, { error: evaluation.error, message: evaluation.message }];
}

function requestParam(raw: unknown): number | undefined {
  const s = str(raw);
  return /^\d{1,9}$/.test(s) ? Number(s) : undefined;
}

export async function guideRoutes(app: FastifyInstance): Promise<void> {
  const db = app.db;

  app.get<{ Querystring: Record<string, string> }>('/guide', { config: publicAccess }, async (request, reply) => {
    const { content, publishedAt } = await currentGuide(db);
    return sendHtml(
      reply,
      <GuideEntryPage
        ctx={viewContext(request, reply)}
        content={content}
        publishedAt={publishedAt}
        request={requestParam(request.query.demande)}
      />,
    );
  });

  app.get<{ Querystring: Record<string, string> }>(
    '/guide/parcours',
    { config: publicAccess },
    async (request, reply) => {
      const qs = request.query;
      const requestId = requestParam(qs.demande);
      const answers = decodeAnswers(str(qs.r));
      // A submitted question form: merge the answer, then go to the canonical,
      // shareable URL (Post/Redirect/Get with GET, so it works without JavaScript).
      const asked = str(qs.question);
      if (asked) {
        const choice = str(qs.reponse);
        if (choice) {
          answers[asked] = choice;
          return reply.redirect(guideUrl(answers, { request: requestId }), 303);
        }
        return renderStep(request, reply, answers, asked, requestId, 'Choisissez une réponse pour continuer.');
      }
      return renderStep(request, reply, answers, str(qs.q) || undefined, requestId);
    },
  );

  async function renderStep(
    request: FastifyRequest,
    reply: FastifyReply,
    answers: Record<string, string>,
    focus: string | undefined,
    requestId: number | undefined,
    error?: string,
  ) {
    const { content, publishedAt } = await currentGuide(db);
    const progress = guideProgress(content, answers);
    if (!progress.ok) {
      return sendHtml(
        reply,
        <GuideEntryPage ctx={viewContext(request, reply)} content={content} request={requestId} />,
        400,
      );
    }
    const onPath = answersOnPath(content, answers);
    const stepIndex = focus ? progress.steps.findIndex((s) => s.questionId === focus) : -1;
    // Showing an earlier question again (« Modifier », « Revenir en arrière »).
    if (focus && (stepIndex >= 0 || (progress.current.type === 'question' && progress.current.questionId === focus))) {
      const question = getQuestion(content, focus);
      if (!question) throw new NotFoundError();
      const number = stepIndex >= 0 ? stepIndex + 1 : progress.steps.length + 1;
      const previous =
        stepIndex > 0
          ? progress.steps[stepIndex - 1]?.questionId
          : stepIndex === 0
            ? null
            : progress.previousQuestionId;
      const previousHref = previous
        ? guideUrl(onPath, { question: previous, request: requestId })
        : `/guide${requestId ? `?demande=${requestId}` : ''}`;
      return sendHtml(
        reply,
        <GuideQuestionPage
          ctx={viewContext(request, reply)}
          content={content}
          question={question}
          number={number}
          remainingAtMost={Math.max(1, progress.remainingAtMost + (progress.steps.length - number + 1))}
          answers={onPath}
          progress={progress}
          previousHref={previousHref}
          request={requestId}
          error={error}
        />,
        error ? 422 : 200,
      );
    }
    const previousHref = progress.previousQuestionId
      ? guideUrl(onPath, { question: progress.previousQuestionId, request: requestId })
      : `/guide${requestId ? `?demande=${requestId}` : ''}`;
    if (progress.current.type === 'question') {
      const question = getQuestion(content, progress.current.questionId);
      if (!question) throw new NotFoundError();
      return sendHtml(
        reply,
        <GuideQuestionPage
          ctx={viewContext(request, reply)}
          content={content}
          question={question}
          number={progress.current.number}
          remainingAtMost={progress.remainingAtMost}
          answers={onPath}
          progress={progress}
          previousHref={previousHref}
          request={requestId}
          error={error}
        />,
        error ? 422 : 200,
      );
    }
    const result = evaluateGuide(content, onPath);
    if (!result.ok) throw new NotFoundError();
    const base = app.config.publicUrl;
    const info = await helplineInfo(app.db);
    return sendHtml(
      reply,
      <GuideResultPage
        ctx={viewContext(request, reply)}
        content={content}
        publishedAt={publishedAt}
        helpline={{ when: helplineWhen('fr', info), phone: info.settings.helplinePhone }}
        result={result}
        answers={onPath}
        progress={progress}
        shareUrl={`${base}${guideUrl(onPath)}`}
        previousHref={previousHref}
        request={requestId}
        canAttach={hasRole(request.currentUser, 'board')}
      />,
    );
  }

  app.post(
    '/api/guide/evaluate',
    { config: { access: 'public', api: true, rateLimit: { max: 120, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const parsed = evaluateBody.safeParse(request.body);
      if (!parsed.success) {
        return reply.status(400).send({
          error: 'invalid_body',
          message: parsed.error.issues[0]?.message ?? 'Corps de requête invalide : attendu { "answers": { … } }.',
        });
      }
      const { content } = await currentGuide(db);
      const [status, body] = evaluationResponse(evaluateGuide(content, parsed.data.answers));
      return reply.status(status).send(body);
    },
  );

  // From a request of the register: attach the result to its timeline. The
  // answers are evaluated again here; nothing the browser says is trusted.
  app.post<{ Params: { id: string } }>(
    '/demandes/:id/guide',
    { config: { access: 'board' } },
    async (request, reply) => {
      const id = requestParam(request.params.id);
      if (!id) throw new NotFoundError("Cette demande n'existe pas.");
      const { content } = await currentGuide(db);
      const answers = decodeAnswers(str(fieldsOf(request.body).r));
      const result = evaluateGuide(content, answers);
      if (!result.ok) return reply.redirect(guideUrl(answers, { request: id }), 303);
      await addGuideResult(
        db,
        id,
        {
          leaf: result.leaf,
          category: result.category,
          title: `${result.categoryLabel} — ${result.title}`,
          answers: answersOnPath(content, answers),
        },
        signedInUser(request),
      );
      setFlash(reply, 'Résultat du guide joint au suivi.');
      return reply.redirect(`/demandes/${id}`, 303);
    },
  );
}
