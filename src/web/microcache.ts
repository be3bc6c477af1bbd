import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * A one-second cache for the busiest public pages (the Manifesto, the home
 * page), served only to visitors who send no cookie at all: they have no
 * session, no flash message and no form token, so the page is the same for
 * all of them. Anything that changes what such a page shows clears it.
 */
const TTL_MS = 1_000;
const MAX_ENTRIES = 50;
const entries = new Map<string, { html: string; expires: number }>();

export function isAnonymousGet(request: FastifyRequest): boolean {
  return request.method === 'GET' && !request.headers.cookie && !request.currentUser;
}

export async function sendCachedHtml(
  request: FastifyRequest,
  reply: FastifyReply,
  render: () => Promise<string>,
): Promise<FastifyReply> {
  const cacheable = isAnonymousGet(request);
  // The host is part of the key: without PUBLIC_URL, links in the page are built from it.
  const key = `${request.host} ${request.url}`;
  const now = Date.now();
  if (cacheable) {
    const hit = entries.get(key);
    if (hit && hit.expires > now) return reply.type('text/html; charset=utf-8').send(hit.html);
  }
  const html = await render();
  // A page that set a cookie (a form token, a flash message) is personal: never cached.
  if (cacheable && !reply.hasHeader('set-cookie') && reply.statusCode === 200) {
    if (entries.size >= MAX_ENTRIES) entries.clear();
    entries.set(key, { html, expires: now + TTL_MS });
  }
  return reply.type('text/html; charset=utf-8').send(html);
}

/**
 * The neutral answer to a public form (« check your mailbox »): the same page
 * for every visitor without a session, whatever they sent — that is its
 * point. Rendered once per address and host, then reused until the public
 * cache is cleared. Never for a signed-in member, nor when the page sets a
 * cookie (a flash message being read). The page must hold no form token.
 */
export async function sendNeutralAnswer(
  request: FastifyRequest,
  reply: FastifyReply,
  render: () => Promise<string>,
): Promise<FastifyReply> {
  const key = `neutral ${request.host} ${request.url}`;
  const cacheable = !request.currentUser;
  if (cacheable) {
    const hit = entries.get(key);
    if (hit) return reply.type('text/html; charset=utf-8').send(hit.html);
  }
  const html = await render();
  if (cacheable && !reply.hasHeader('set-cookie') && reply.statusCode === 200) {
    if (entries.size >= MAX_ENTRIES) entries.clear();
    entries.set(key, { html, expires: Number.POSITIVE_INFINITY });
  }
  return reply.type('text/html; charset=utf-8').send(html);
}

/** Called when something public changes (a signature confirmed, a new text). */
export function clearPublicCache(): void {
  entries.clear();
}
