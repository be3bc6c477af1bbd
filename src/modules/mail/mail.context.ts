import type { FastifyRequest } from 'fastify';
export interface MailContext {
  baseUrl: string;
  organisationName: string;
}

/** Where links in e-mails point: PUBLIC_URL or the address fixed at start, never the request's Host header. */
export function mailContext(request: FastifyRequest): MailContext {
  const config = request.server.config;
  return {
    baseUrl: config.publicUrl,
    organisationName: config.organisationName,
  };
}
