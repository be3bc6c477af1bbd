import { organisationOf } from '../lib/organisation-name.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CurrentUser } from './access.js';

/** What every page needs to render its chrome, computed once per request. */
export interface ViewContext {
  user: CurrentUser | null;
  csrfToken: string;
  path: string;
  flash: string | null;
  organisationName: string;
  /** « du Comité… », « de la Fédération… »: the name after « de », with its article. */
  organisationOf: string;
  /** Absolute base of the site (PUBLIC_URL or fixed at start), for hreflang and shared links. */
  publicUrl: string;
  /** Where the « Code source » link of every page leads (SOURCE_URL, or this server's own copy; AGPL §13). */
  sourceUrl: string;
}

export function viewContext(request: FastifyRequest, reply: FastifyReply): ViewContext {
  let token: string | undefined;
  return {
    user: request.currentUser,
    // Lazy: the CSRF cookie is only set on pages that render a form, so a
    // visitor reading public pages receives no cookie at all.
    get csrfToken(): string {
      token ??= reply.generateCsrf();
      return token;
    },
    path: request.url.split('?')[0] ?? '/',
    flash: readFlash(request, reply),
    organisationName: request.organisation?.name ?? request.server.config.organisationName,
    organisationOf: request.organisation?.nameOf ?? organisationOf(request.server.config.organisationName),
    sourceUrl: request.server.config.sourceUrl,
    publicUrl: request.server.config.publicUrl,
  };
}

const FLASH_COOKIE = 'vigie_flash';

/** One-shot confirmation message shown after a redirect (Post/Redirect/Get). */
export function setFlash(reply: FastifyReply, message: string): void {
  reply.setCookie(FLASH_COOKIE, message, { path: '/', httpOnly: true, sameSite: 'lax', signed: true, maxAge: 60 });
}

function readFlash(request: FastifyRequest, reply: FastifyReply): string | null {
  const raw = request.cookies[FLASH_COOKIE];
  if (!raw) return null;
  reply.clearCookie(FLASH_COOKIE, { path: '/' });
  const unsigned = reply.unsignCookie(raw);
  return unsigned.valid ? unsigned.value : null;
}

export async function sendHtml(reply: FastifyReply, page: JSX.Element, status = 200): Promise<FastifyReply> {
  const html = await page;
  return reply.status(status).type('text/html; charset=utf-8').send(`<!doctype html>${html}`);
}
