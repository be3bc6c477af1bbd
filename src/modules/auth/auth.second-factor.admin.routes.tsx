import type { FastifyInstance } from 'fastify';
import { NotFoundError } from '../../errors.js';
import { setFlash } from '../../web/context.js';
import { fieldsOf, idParam, strList } from '../../web/validation.js';
import { findUserById } from './auth.queries.js';
import { parseRoles } from '../../lib/roles.js';
import { resetSecondFactors, SecondFactorError, setRequiredRoles } from './auth.second-factor.service.js';

export async function secondFactorAdminRoutes(app: FastifyInstance): Promise<void> {
  const access = { access: 'admin' as const };

  app.post('/admin/double-verification', { config: access }, async (request, reply) => {
    const actor = request.currentUser;
    if (!actor) throw new SecondFactorError('NOT_SIGNED_IN', 'Connectez-vous pour continuer.');
    const roles = parseRoles(strList(fieldsOf(request.body).roles).join(','));
    await setRequiredRoles(app.db, roles, actor.id);
    setFlash(
      reply,
      roles.length
        ? 'Double vérification : obligation enregistrée. Elle s’appliquera à la prochaine connexion.'
        : 'Double vérification : plus aucun rôle n’y est obligé.',
    );
    return reply.redirect('/admin/utilisateurs', 303);
  });

  app.post<{ Params: { id: string } }>(
    '/admin/utilisateurs/:id/double-verification',
    { config: access },
    async (request, reply) => {
      const id = idParam(request.params.id) ?? 0;
      const target = await findUserById(app.db, id);
      if (!target) throw new NotFoundError("Ce compte n'existe pas.");
      const actor = request.currentUser;
      if (!actor) throw new SecondFactorError('NOT_SIGNED_IN', 'Connectez-vous pour continuer.');
      await resetSecondFactors(app.db, id, actor.id, app.clock());
      setFlash(
        reply,
        `Double vérification de ${target.display_name} réinitialisée. À sa prochaine connexion, elle ou il en activera une nouvelle.`,
      );
      return reply.redirect('/admin/utilisateurs', 303);
    },
  );
}
