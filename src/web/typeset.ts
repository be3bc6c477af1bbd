import type { FastifyReply } from 'fastify';
import { isFrenchDocument, typesetHtml } from '../lib/typography-html.js';

/**
 * The one place French pages are typeset (docs/typography.md): every HTML
 * answer declared French, whichever route or layout rendered it, cached or
 * not. Downloads (CSV, JSON, iCalendar, XML…) are not HTML and pass untouched.
 */
export function typesetFrenchPage(reply: FastifyReply, payload: unknown): unknown {
  if (typeof payload !== 'string') return payload;
  if (!String(reply.getHeader('content-type') ?? '').startsWith('text/html')) return payload;
  return isFrenchDocument(payload) ? typesetHtml(payload) : payload;
}
