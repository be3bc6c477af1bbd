import { organisationOf } from '../lib/organisation-name.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CurrentUser } from './access.js';

/** What every page needs to render its chrome, computed once per request. */
export interface ViewContext {
  user: CurrentUser | null;
  csrfToken: string;
  path: string;
  /** The one-shot confirmation after a redirect (setFlash), if any. */
  flash: Flash | null;
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

/**
 * A confirmation shown once, after a redirect. `near` names the element the redirect's fragment
 * scrolls to (« #compte-4 »): the page shows the message there (`<FlashHere>`), where the eye is,
 * instead of at the top of the page, out of sight. `shown` is set by whichever place showed it.
 */
export interface Flash {
  message: string;
  near: string | null;
  shown: boolean;
}

/**
 * One-shot confirmation message shown after a redirect (Post/Redirect/Get). When the redirect
 * ends with a fragment, pass its id as `near` and put `<FlashHere ctx id=…>` by that element.
 */
export function setFlash(reply: FastifyReply, message: string, options: { near?: string } = {}): void {
  const value = options.near ? `#${options.near}\n${message}` : message;
  reply.setCookie(FLASH_COOKIE, value, { path: '/', httpOnly: true, sameSite: 'lax', signed: true, maxAge: 60 });
}

function readFlash(request: FastifyRequest, reply: FastifyReply): Flash | null {
  const raw = request.cookies[FLASH_COOKIE];
  if (!raw) return null;
  reply.clearCookie(FLASH_COOKIE, { path: '/' });
  const unsigned = reply.unsignCookie(raw);
  if (!unsigned.valid || unsigned.value === null) return null;
  const placed = /^#([A-Za-z0-9_-]+)\n([\s\S]*)$/.exec(unsigned.value);
  return placed
    ? { message: placed[2] ?? '', near: placed[1] ?? null, shown: false }
    : { message: unsigned.value, near: null, shown: false };
}

export async function sendHtml(reply: FastifyReply, page: JSX.Element, status = 200): Promise<FastifyReply> {
  const html = await page;
  return reply.status(status).type('text/html; charset=utf-8').send(`<!doctype html>${html}`);
}
