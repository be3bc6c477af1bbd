import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * A short cache for the busiest public pages (the Manifesto, the home page),
 * served only to visitors who send no cookie at all: they have no session, no
 * flash message and no form token, so the page is the same for all of them.
 * Anything that changes what such a page shows clears it — in every process:
 * with PostgreSQL, `clear()` also tells the other processes serving the
 * database (LISTEN/NOTIFY, src/db/notify.ts) and resolves once PostgreSQL has
 * queued the message for them. Lifetime: PUBLIC_CACHE_SECONDS (1 s by default).
 */
const MAX_ENTRIES = 50;
const PUBLIC_CACHE_CHANNEL = 'vigie_public_cache';

/** How processes tell each other (src/db/notify.ts with PostgreSQL; nobody to tell with SQLite). */
export interface CacheMessenger {
  listen(channel: string, onMessage: () => void): Promise<void>;
  notify(channel: string): Promise<void>;
}

export interface PublicCacheOptions {
  ttlMs: number;
  notifier: CacheMessenger;
  /** Milliseconds since the epoch (tests control it). */
  now?: () => number;
}

export class PublicCache {
  readonly #entries = new Map<string, { html: string; expires: number }>();
  readonly #ttlMs: number;
  readonly #notifier: CacheMessenger;
  readonly #now: () => number;

  constructor(options: PublicCacheOptions) {
    this.#ttlMs = options.ttlMs;
    this.#notifier = options.notifier;
    this.#now = options.now ?? Date.now;
  }

  /** Clears the cache when another process says something changed (or the link to them was lost). */
  listen(): Promise<void> {
    return this.#notifier.listen(PUBLIC_CACHE_CHANNEL, () => this.forget());
  }

  get(key: string): string | undefined {
    const hit = this.#entries.get(key);
    return hit && hit.expires > this.#now() ? hit.html : undefined;
  }

  /** Kept for the configured lifetime, or until cleared (`forever`: the neutral answer). */
  set(key: string, html: string, forever = false): void {
    if (!forever && this.#ttlMs <= 0) return;
    if (this.#entries.size >= MAX_ENTRIES) this.#entries.clear();
    this.#entries.set(key, { html, expires: forever ? Number.POSITIVE_INFINITY : this.#now() + this.#ttlMs });
  }

  /** This process only. */
  forget(): void {
    this.#entries.clear();
  }

  /** Something public changed: clears here and in every other process. */
  async clear(): Promise<void> {
    this.forget();
    await this.#notifier.notify(PUBLIC_CACHE_CHANNEL);
  }
}

function isAnonymousGet(request: FastifyRequest): boolean {
  return request.method === 'GET' && !request.headers.cookie && !request.currentUser;
}

export async function sendCachedHtml(
  request: FastifyRequest,
  reply: FastifyReply,
  render: () => Promise<string>,
): Promise<FastifyReply> {
  const cache = request.server.publicCache;
  const cacheable = isAnonymousGet(request);
  // The host is part of the key: links in the page may be built from it.
  const key = `${request.host} ${request.url}`;
  if (cacheable) {
    const hit = cache.get(key);
    if (hit !== undefined) return reply.type('text/html; charset=utf-8').send(hit);
  }
  const html = await render();
  // A page that set a cookie (a form token, a flash message) is personal: never cached.
  if (cacheable && !reply.hasHeader('set-cookie') && reply.statusCode === 200) cache.set(key, html);
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
  const cache = request.server.publicCache;
  const key = `neutral ${request.host} ${request.url}`;
  const cacheable = !request.currentUser;
  if (cacheable) {
    const hit = cache.get(key);
    if (hit !== undefined) return reply.type('text/html; charset=utf-8').send(hit);
  }
  const html = await render();
  if (cacheable && !reply.hasHeader('set-cookie') && reply.statusCode === 200) cache.set(key, html, true);
  return reply.type('text/html; charset=utf-8').send(html);
}
