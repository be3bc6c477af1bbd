import type { FastifyRequest } from 'fastify';
import { ForbiddenError, NotFoundError } from '../errors.js';
import type { CurrentUser } from './access.js';
import { idParam } from './validation.js';

/** The signed-in user of a route whose `config.access` already requires one (403 otherwise, never reached). */
export function signedInUser(request: FastifyRequest): CurrentUser {
  if (!request.currentUser) throw new ForbiddenError();
  return request.currentUser;
}

/** A record's id in a path (`/bureau/assemblees/12`): anything but a plain number is a 404. */
export function pathId(raw: string): number {
  const id = idParam(raw);
  if (id === undefined) throw new NotFoundError();
  return id;
}
