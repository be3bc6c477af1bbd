import type { Db } from '../../db/index.js';
import { FieldValidationError, NotFoundError } from '../../errors.js';
import type { Role } from '../../web/access.js';
import { recordAudit } from '../audit/audit.service.js';
import { parseRoles, roleNames, serialiseRoles } from '../../lib/roles.js';

/** The administration's edits of an account (roles, active), with the rules that guard them. */

const SELF_CHANGE_MESSAGE =
  'Vous ne pouvez pas changer vos propres rôles ni désactiver votre compte : demandez-le à une autre personne de l’administration.';

/**
 * Sets an account's roles and whether it is active; a deactivated account
 * loses its sessions at once. Nobody changes their own roles (an admin giving
 * themselves the board role would read the register) nor locks themselves
 * out: another admin does it (FieldValidationError, nothing written).
 */
export async function updateAccount(
  db: Db,
  input: { id: number; actorId: number | null; roles: Role[]; active: boolean },
): Promise<void> {
  const target = await db.selectFrom('users').select(['id', 'role']).where('id', '=', input.id).executeTakeFirst();
  if (!target) throw new NotFoundError("Ce compte n'existe pas.");
  const before = serialiseRoles(parseRoles(target.role));
  const after = serialiseRoles(input.roles);
  if (input.actorId === input.id && (!input.active || before !== after))
    throw new FieldValidationError({ roles: SELF_CHANGE_MESSAGE });
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ role: after, active: input.active ? 1 : 0 })
      .where('id', '=', input.id)
      .execute();
    if (!input.active) await trx.deleteFrom('sessions').where('user_id', '=', input.id).execute();
    await recordAudit(trx, {
      actorId: input.actorId,
      action: 'user.update',
      entityType: 'user',
      entityId: input.id,
      summary: `rôles : ${roleNames(input.roles)} ; ${input.active ? 'actif' : 'désactivé'}`,
    });
    if (before !== after)
      await recordAudit(trx, {
        actorId: input.actorId,
        action: 'user.roles',
        entityType: 'user',
        entityId: input.id,
        summary: `rôles : ${roleNames(parseRoles(before))} → ${roleNames(parseRoles(after))}`,
      });
  });
}
