import type { FastifyReply, FastifyRequest } from 'fastify';
import { fieldsOf } from '../../web/validation.js';

// Which responses are visits, and under which page name they count (stats.counter.service.ts counts them).

/** Crawlers, monitors, link previews, command-line clients and audit tools. */
const BOT_UA =
  /bot\b|bot\/|crawl|spider|slurp|facebookexternalhit|embedly|preview|curl|wget|python|httpclient|http-client|okhttp|java\/|go-http|node-fetch|axios|undici|libwww|headless|lighthouse|pagespeed|phantomjs|selenium|puppeteer|playwright|uptime|monitor|pingdom|feedfetcher|scanner|archiver/i;

/** Public pages that are not part of the site's content. */
const NOT_CONTENT =
  /^\/(?:api|assets|fichiers|bureau|admin|connexion|deconnexion|mot-de-passe-oublie|reinitialiser|installation|healthz)(?:\/|$)/;

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

/** An id in an address, as the app writes it: no sign, no leading zero, no suffix. */
const CANONICAL_ID = /^[1-9]\d{0,9}$/;
/** A slug as the app makes them. */
const CANONICAL_SLUG = /^[a-z0-9][a-z0-9-]{0,119}$/;

/**
 * The page a request reached, as the app names it: the route's pattern with
 * its parameters, each as the app writes it. `/manifeste/historique/1-x`
 * reaches the page of version 1 but is not its address: it is not counted
 * (null), nor is a route that takes any path (a wildcard).
 */
export function pageKeyOf(pattern: string, params: unknown): string | null {
  if (pattern.includes('*')) return null;
  const values = fieldsOf(params);
  let known = true;
  const key = pattern.replace(/:(\w+)/g, (_m, name: string) => {
    const value = values[name];
    const canonical = name === 'id' ? CANONICAL_ID : CANONICAL_SLUG;
    if (typeof value !== 'string' || !canonical.test(value)) known = false;
    return typeof value === 'string' ? value : '';
  });
  return known ? pathKeyOf(key) : null;
}

export function pathKeyOf(url: string): string {
  const path = (url.split('?')[0] ?? '/').split('#')[0] ?? '/';
  const trimmed = path.length > 1 ? path.replace(/\/+$/, '') : path;
  return trimmed.toLowerCase().slice(0, 200) || '/';
}

/** A public HTML page shown to a person, not to the board or a robot. */
export function shouldCount(request: FastifyRequest, reply: FastifyReply): boolean {
  if (request.method !== 'GET' || reply.statusCode !== 200) return false;
  const config = request.routeOptions.config;
  if (config?.access !== 'public' || config.api) return false;
  if (request.currentUser) return false; // the board reading its own site is not an audience
  if (!String(reply.getHeader('content-type') ?? '').startsWith('text/html')) return false;
  if (NOT_CONTENT.test(request.url.split('?')[0] ?? '/')) return false;
  return !isBot(request.headers);
}
