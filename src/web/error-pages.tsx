import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';
import { sendHtml, viewContext, type ViewContext } from './context.js';
import { Layout } from './layout.js';
import { plural } from '../lib/plural.js';

function ErrorPage({
  ctx,
  status,
  title,
  message,
}: {
  ctx: ViewContext;
  status: number;
  title: string;
  message: string;
}): JSX.Element {
  return (
    <Layout ctx={ctx} title={title} narrow>
      <h1 safe>{title}</h1>
      <p safe>{message}</p>
      <p class="meta" safe>{`Code ${status}`}</p>
      <p>
        <a href={ctx.user ? '/demandes' : '/'}>Revenir à l'accueil</a>
      </p>
    </Layout>
  );
}

function titleFor(status: number): string {
  if (status === 404) return 'Page introuvable';
  if (status === 403) return 'Accès refusé';
  if (status === 401) return 'Connexion requise';
  if (status === 409) return 'Conflit';
  if (status >= 500) return 'Service indisponible';
  return 'Requête invalide';
}

/** The error page, or JSON for the API and clients that ask only for JSON (with the error's stable code). */
export async function sendError(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  title: string,
  message: string,
  code?: string,
): Promise<FastifyReply> {
  if (
    request.routeOptions.config?.api ||
    (request.headers.accept?.includes('application/json') && !request.headers.accept.includes('text/html'))
  ) {
    return reply
      .status(status)
      .type('application/json; charset=utf-8')
      .send(code ? { error: title, code, message } : { error: title, message });
  }
  return sendHtml(
    reply,
    <ErrorPage ctx={viewContext(request, reply)} status={status} title={title} message={message} />,
    status,
  );
}

/** « Réessayez dans 12 minutes. »: whole minutes, at least one, the noun after the language's plural rules. */
export function retryIn(ms: number): string {
  const minutes = Math.max(1, Math.ceil(ms / 60_000));
  return `Réessayez dans ${plural(minutes, { one: 'minute', other: 'minutes' })}.`;
}

/** A 429 that says when to come back (in the page and in Retry-After). */
export function sendTooManyAttempts(
  request: FastifyRequest,
  reply: FastifyReply,
  retryAfterMs: number,
): Promise<FastifyReply> {
  reply.header('retry-after', String(Math.max(1, Math.ceil(retryAfterMs / 1000))));
  return sendError(
    request,
    reply,
    429,
    'Trop de tentatives',
    `Trop de tentatives en peu de temps. ${retryIn(retryAfterMs)}`,
  );
}

/**
 * The one error handler (registered by src/app.tsx). An `AppError` carries its status and a French
 * message safe to show (src/errors.ts); Fastify's own errors (CSRF, rate limit, bad body) get a
 * French page; anything else is a 500 that shows only the request id and is logged with it.
 */
export async function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error.code === 'FST_CSRF_INVALID_TOKEN' || error.code === 'FST_CSRF_MISSING_SECRET') {
    return sendError(
      request,
      reply,
      403,
      'Formulaire expiré',
      'Ce formulaire a expiré ou ne vient pas de Vigie. Revenez à la page précédente, rechargez-la et recommencez.',
    );
  }
  if (error.statusCode === 429) {
    // @fastify/rate-limit has set Retry-After (seconds) before refusing.
    const seconds = Number(reply.getHeader('retry-after'));
    return sendTooManyAttempts(request, reply, Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 60_000);
  }
  if (error instanceof AppError) {
    if (error.statusCode >= 500) request.log.error({ err: error }, 'application error');
    return sendError(request, reply, error.statusCode, titleFor(error.statusCode), error.message, error.code);
  }
  if (error.validation || error.statusCode === 400 || error.statusCode === 413 || error.statusCode === 415) {
    return sendError(
      request,
      reply,
      error.statusCode ?? 400,
      'Requête invalide',
      'La requête envoyée est invalide ou trop volumineuse.',
    );
  }
  request.log.error({ err: error }, 'unhandled error');
  return sendError(
    request,
    reply,
    500,
    'Erreur inattendue',
    `Une erreur inattendue s'est produite. Réessayez ; si elle persiste, signalez-la avec ce code : ${request.id}.`,
  );
}
