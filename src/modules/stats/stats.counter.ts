import { createHmac, randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/index.js';
import { todayInBrussels } from '../../lib/time.js';

/**
 * Cookieless visit counting.
 *
 * What is stored (table page_views_daily): per day and page, the number of
 * views and of distinct visitors; per day, the same for the whole site
 * (path_key '*'). Nothing else: no IP address, no User-Agent, no hash.
 *
 * What is only in memory, for the current day (Europe/Brussels): a random salt
 * and the set of HMAC-SHA256(salt, IP + User-Agent) already seen (for the site
 * and per page), used to tell a new visitor from a returning one. At the day's
 * change the salt is replaced and both sets are emptied; nothing of them is
 * ever written anywhere. A restart starts a new salt, so a visitor seen before
 * and after a restart on the same day counts twice (accepted: rare and harmless).
 */
declare module 'fastify' {
  interface FastifyInstance {
    visitCounter: VisitCounter;
  }
}

/** Crawlers, monitors, link previews, command-line clients and audit tools. */
const BOT_UA =
  /bot\b|bot\/|crawl|spider|slurp|facebookexternalhit|embedly|preview|curl|wget|python|httpclient|http-client|okhttp|java\/|go-http|node-fetch|axios|undici|libwww|headless|lighthouse|pagespeed|phantomjs|selenium|puppeteer|playwright|uptime|monitor|pingdom|feedfetcher|scanner|archiver/i;

/** Public pages that are not part of the site's content. */
const NOT_CONTENT =
  /^\/(?:api|assets|fichiers|bureau|admin|connexion|deconnexion|mot-de-passe-oublie|reinitialiser|installation|healthz)(?:\/|$)/;

const MAX_REMEMBERED = 500_000;
/** How often counted views are written. */
const FLUSH_MS = 5_000;

export function isBot(headers: FastifyRequest['headers']): boolean {
  const ua = headers['user-agent'] ?? '';
  if (!ua || BOT_UA.test(ua)) return true;
  if (!headers['accept-language']) return true;
  const accept = headers.accept ?? '';
  if (!accept.includes('text/html') && !accept.includes('*/*')) return true;
  // Speculative loads (prefetch/prerender) are not views.
  const purpose = `${headers['sec-purpose'] ?? ''}${headers.purpose ?? ''}`;
  return /prefetch|prerender/i.test(purpose);
}

/** `/nl/actualites/x` → `actualites`; `/` and `/nl` → `accueil`. */
export function sectionOf(path: string): string {
  const parts = path.split('/').filter(Boolean);
  if (parts[0] === 'nl' || parts[0] === 'en') parts.shift();
  return (parts[0] ?? 'accueil').slice(0, 40);
}

function pathKeyOf(url: string): string {
  const path = (url.split('?')[0] ?? '/').split('#')[0] ?? '/';
  const trimmed = path.length > 1 ? path.replace(/\/+$/, '') : path;
  return trimmed.toLowerCase().slice(0, 200) || '/';
}

export class VisitCounter {
  private day = '';
  private salt: Buffer = randomBytes(32);
  private readonly siteSeen = new Set<string>();
  private readonly pageSeen = new Set<string>();
  private readonly buffer = new Map<
    string,
    { day: string; path_key: string; section: string; views: number; visitors: number }
  >();
  private writing: Promise<void> | null = null;
  private readonly timer: NodeJS.Timeout;
  private readonly flusher: NodeJS.Timeout;

  constructor(
    private readonly db: Db,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.rotate();
    // Forget yesterday's salt soon after midnight even if nobody visits.
    this.timer = setInterval(() => this.rotate(), 60_000);
    this.timer.unref();
    this.flusher = setInterval(() => void this.flush().catch(() => undefined), FLUSH_MS);
    this.flusher.unref();
  }

  private rotate(): string {
    const today = todayInBrussels(this.clock());
    if (today !== this.day) {
      this.day = today;
      this.salt = randomBytes(32);
      this.siteSeen.clear();
      this.pageSeen.clear();
    }
    return today;
  }

  /**
   * Counts one view. Views are added up in memory and written in one
   * transaction every few seconds (and on close), so a busy page costs no
   * write per view.
   */
  record(url: string, ip: string, userAgent: string): void {
    const day = this.rotate();
    const pathKey = pathKeyOf(url);
    const visitor = createHmac('sha256', this.salt).update(`${ip}\n${userAgent}`).digest('base64url').slice(0, 22);
    const newOnSite = this.remember(this.siteSeen, visitor);
    const newOnPage = this.remember(this.pageSeen, `${visitor} ${pathKey}`);
    this.add(day, pathKey, sectionOf(pathKey), newOnPage);
    this.add(day, '*', '*', newOnSite);
  }

  private add(day: string, pathKey: string, section: string, newVisitor: boolean): void {
    const key = `${day}\n${pathKey}`;
    const row = this.buffer.get(key) ?? { day, path_key: pathKey, section, views: 0, visitors: 0 };
    row.views += 1;
    if (newVisitor) row.visitors += 1;
    this.buffer.set(key, row);
  }

  private remember(set: Set<string>, key: string): boolean {
    if (set.has(key)) return false;
    if (set.size < MAX_REMEMBERED) set.add(key);
    return true;
  }

  /** Writes what was counted since the last flush. */
  async flush(): Promise<void> {
    if (this.buffer.size === 0) return this.writing ?? undefined;
    const rows = [...this.buffer.values()];
    this.buffer.clear();
    const previous = this.writing ?? Promise.resolve();
    const work = previous
      .then(() =>
        this.db.transaction().execute(async (trx) => {
          for (const row of rows) {
            await trx
              .insertInto('page_views_daily')
              .values(row)
              .onConflict((oc) =>
                oc.columns(['day', 'path_key']).doUpdateSet((eb) => ({
                  views: eb('page_views_daily.views', '+', eb.ref('excluded.views')),
                  visitors: eb('page_views_daily.visitors', '+', eb.ref('excluded.visitors')),
                })),
              )
              .execute();
          }
        }),
      )
      .catch((error: unknown) => {
        // Keep the counts for the next attempt rather than lose them.
        for (const row of rows) {
          const key = `${row.day}\n${row.path_key}`;
          const kept = this.buffer.get(key);
          if (kept) {
            kept.views += row.views;
            kept.visitors += row.visitors;
          } else this.buffer.set(key, row);
        }
        throw error;
      });
    // `writing` only orders the next flush after this one: it never rejects
    // (a failed flush keeps its rows for the next attempt, see above).
    const settled: Promise<void> = work.then(
      () => undefined,
      () => undefined,
    );
    this.writing = settled;
    void settled.then(() => {
      if (this.writing === settled) this.writing = null;
    });
    return work;
  }

  /** Writes everything counted so far (tests, shutdown). */
  async settle(): Promise<void> {
    // Counting is best effort: a failed write must not fail a shutdown.
    await this.flush().catch(() => undefined);
  }

  close(): void {
    clearInterval(this.timer);
    clearInterval(this.flusher);
    this.siteSeen.clear();
    this.pageSeen.clear();
  }
}

function shouldCount(request: FastifyRequest, reply: FastifyReply): boolean {
  if (request.method !== 'GET' || reply.statusCode !== 200) return false;
  const config = request.routeOptions.config;
  if (config?.access !== 'public' || config.api) return false;
  if (request.currentUser) return false; // the board reading its own site is not an audience
  if (!String(reply.getHeader('content-type') ?? '').startsWith('text/html')) return false;
  if (NOT_CONTENT.test(request.url.split('?')[0] ?? '/')) return false;
  return !isBot(request.headers);
}

/** Registers the counter on the root instance (so every route, registered after, is seen). */
export function installVisitCounter(app: FastifyInstance): void {
  const counter = new VisitCounter(app.db);
  app.decorate('visitCounter', counter);
  app.addHook('onResponse', async (request, reply) => {
    if (shouldCount(request, reply)) counter.record(request.url, request.ip, request.headers['user-agent'] ?? '');
  });
  app.addHook('onClose', async () => {
    await counter.settle();
    counter.close();
  });
}
