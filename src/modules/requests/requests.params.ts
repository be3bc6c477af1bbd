import type { FastifyRequest } from 'fastify';
import { NotFoundError } from '../../errors.js';
import type { CurrentUser } from '../../web/access.js';
import { idParam } from '../../web/validation.js';
import { REGISTER_ACCESS } from './requests.policy.js';

/** What the register's route files share: their access, the signed-in user, a request's id in the path. */
export const access = { access: REGISTER_ACCESS };
export type IdParams = { Params: { id: string } };

export function user(request: FastifyRequest): CurrentUser {
  if (!request.currentUser) throw new Error('access hook let an anonymous request through');
  return request.currentUser;
}

export function parseId(raw: string): number {
  const id = idParam(raw);
  if (id === undefined) throw new NotFoundError("Cette demande n'existe pas.");
  return id;
}
