import { NotFoundError } from '../../errors.js';
import { idParam } from '../../web/validation.js';
import { REGISTER_ACCESS } from './requests.policy.js';

/** What the register's route files share: their access and a request's id in the path (the signed-in user: signedInUser in src/web/route-params.ts). */
export const access = { access: REGISTER_ACCESS };
export type IdParams = { Params: { id: string } };

export function parseId(raw: string): number {
  const id = idParam(raw);
  if (id === undefined) throw new NotFoundError("Cette demande n'existe pas.");
  return id;
}
