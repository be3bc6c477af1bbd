import { organisationOf } from '../../lib/organisation-name.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { FieldValidationError } from '../../errors.js';
import { sendHtml, setFlash, viewContext } from '../../web/context.js';
import type { FieldErrors } from '../../web/forms.js';
import { idParam, parseForm, str, strList } from '../../web/validation.js';
import { baseUrl } from './auth.routes.js';
import { listUsers } from './auth.queries.js';
import { DuplicateEmailError } from './auth.service.js';
import {
  InvitationNotPossibleError,
  inviteUser,
  resendInvitation,
  type InvitationContext,
} from './auth.invitations.service.js';
import { newUserSchema, updateUserSchema } from './auth.users.schemas.js';
import { updateAccount } from './auth.users.service.js';
import { UsersPage } from './auth.users.views.js';
import { secondFactorsByUser } from './auth.second-factor.queries.js';
import { requiredRoles } from './auth.second-factor.service.js';

function parseId(raw: string): number {
  return idParam(raw) ?? 0;
}

export async function usersRoutes(app: FastifyInstance): Promise<void> {
  const access = { access: 'admin' as const };

  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    options: {
      values?: { displayName: string; email: string; roles: string[] };
      errors?: FieldErrors;
      accountError?: { id: number; message: string };
      status?: number;
    } = {},
  ) {
    const [users, byUser, required] = await Promise.all([
      listUsers(app.db),
      secondFactorsByUser(app.db),
      requiredRoles(app.db),
    ]);
    return sendHtml(
      reply,
      <UsersPage
        ctx={viewContext(request, reply)}
        users={users}
        secondFactors={{ byUser, required }}
        values={options.values ?? { displayName: '', email: '', roles: ['board'] }}
        errors={options.errors}
        accountError={options.accountError}
      />,
      options.status ?? 200,
    );
  }

  function invitationContext(request: FastifyRequest): InvitationContext {
    const user = request.currentUser;
    const org = request.organisation;
    return {
      baseUrl: baseUrl(app),
      organisationName: org?.name ?? app.config.organisationName,
      organisationOf: org?.nameOf ?? organisationOf(app.config.organisationName),
      inviter: { id: user?.id ?? 0, displayName: user?.displayName ?? 'Vigie' },
    };
  }

  /** Says honestly where the welcome is: sent by the server, or waiting in the outbox. */
  function whereTheMailIs(): string {
    return app.mailer.enabled
      ? 'L’e-mail de bienvenue part dans la minute.'
      : 'L’e-mail de bienvenue attend dans la page « E-mails envoyés » : ce serveur n’envoie pas encore d’e-mails.';
  }

  app.get('/admin/utilisateurs', { config: access }, async (request, reply) => render(request, reply));

  app.post<{ Body: Record<string, unknown> | undefined }>(
    '/admin/utilisateurs',
    { config: access },
    async (request, reply) => {
      const body = request.body;
      const values = { displayName: str(body?.displayName), email: str(body?.email), roles: strList(body?.roles) };
      const parsed = parseForm(newUserSchema, body);
      if (!parsed.ok) return render(request, reply, { values, errors: parsed.errors, status: 422 });
      try {
        await inviteUser(app.db, parsed.data, invitationContext(request));
      } catch (error) {
        if (error instanceof DuplicateEmailError)
          return render(request, reply, { values, errors: { email: error.message }, status: 422 });
        throw error;
      }
      setFlash(reply, `Invitation envoyée à ${parsed.data.displayName}. ${whereTheMailIs()}`);
      return reply.redirect('/admin/utilisateurs', 303);
    },
  );

  app.post<{ Params: { id: string } }>(
    '/admin/utilisateurs/:id/invitation',
    { config: access },
    async (request, reply) => {
      const id = parseId(request.params.id);
      try {
        const { email } = await resendInvitation(app.db, id, invitationContext(request));
        setFlash(
          reply,
          `Nouvel e-mail de bienvenue pour ${email} ; le lien précédent ne fonctionne plus. ${whereTheMailIs()}`,
          { near: `compte-${id}` },
        );
      } catch (error) {
        if (error instanceof InvitationNotPossibleError)
          return render(request, reply, { accountError: { id, message: error.message }, status: 409 });
        throw error;
      }
      return reply.redirect(`/admin/utilisateurs#compte-${id}`, 303);
    },
  );

  app.post<{ Params: { id: string } }>('/admin/utilisateurs/:id', { config: access }, async (request, reply) => {
    const id = parseId(request.params.id);
    const parsed = parseForm(updateUserSchema, request.body);
    if (!parsed.ok)
      return render(request, reply, {
        accountError: { id, message: Object.values(parsed.errors).find(Boolean) ?? 'Valeurs invalides.' },
        status: 422,
      });
    try {
      await updateAccount(app.db, { id, actorId: request.currentUser?.id ?? null, ...parsed.data });
    } catch (error) {
      if (error instanceof FieldValidationError)
        return render(request, reply, { accountError: { id, message: error.message }, status: 422 });
      throw error;
    }
    setFlash(reply, 'Compte mis à jour.', { near: `compte-${id}` });
    return reply.redirect(`/admin/utilisateurs#compte-${id}`, 303);
  });
}
