import type { FastifyRequest } from 'fastify';
import { ForbiddenError, NotFoundError } from '../errors.js';
import type { CurrentUser } from './access.js';

/** The signed-in user of a route whose `config.access` already requires one (403 otherwise, never reached). */
export function signedInUser(request: FastifyRequest): CurrentUser {
  if (!request.currentUser) throw new ForbiddenError();
  return request.currentUser;
}

/** A record's id in a path (`/bureau/assemblees/12`): anything but a plain number is a 404. */
export function pathId(raw: string): number {
  if (!/^\d{1,9}$/.test(raw)) throw new NotFoundError();
  return Number(raw);
}
