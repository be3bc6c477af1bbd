import { organisationOf } from '../../lib/organisation-name.js';
import type { FastifyRequest } from 'fastify';
export interface MailContext {
  baseUrl: string;
  organisationName: string;
  /** « du Comité… » (French sentences); guessed from the name when not given. */
  organisationOf?: string;
}

/** Where links in e-mails point: PUBLIC_URL or the address fixed at start, never the request's Host header. */
export function mailContext(request: FastifyRequest): MailContext {
  const config = request.server.config;
  const org = request.organisation;
  return {
    baseUrl: config.publicUrl,
    organisationName: org?.name ?? config.organisationName,
    organisationOf: org?.nameOf ?? organisationOf(config.organisationName),
  };
}
