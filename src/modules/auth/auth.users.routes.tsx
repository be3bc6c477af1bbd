import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError } from '../../errors.js';
import { formatInstant } from '../../lib/time.js';
import { sendHtml, setFlash, viewContext, type ViewContext } from '../../web/context.js';
import { CsrfField, ErrorSummary, TextField, type FieldErrors } from '../../web/forms.js';
import { Layout } from '../../web/layout.js';
import { parseForm, str, strList } from '../../web/validation.js';
import { recordAudit } from '../audit/audit.service.js';
import { baseUrl } from './auth.routes.js';
import { listUsers } from './auth.queries.js';
import { parseRoles } from './auth.policy.js';
import { createUser, DuplicateEmailError, requestPasswordReset } from './auth.service.js';
import { ROLE_LABELS, ROLES } from './auth.types.js';
import { newUserSchema, updateUserSchema } from './auth.users.schemas.js';

type UserRow = Awaited<ReturnType<typeof listUsers>>[number];

function RoleBoxes({ name, checked, idPrefix }: { name: string; checked: string[]; idPrefix: string }): JSX.Element {
  return (
    <>
      {ROLES.map((r) => (
        <div class="checkbox">
          <input type="checkbox" id={`${idPrefix}-${r}`} name={name} value={r} checked={checked.includes(r)} />
          <label for={`${idPrefix}-${r}`} safe>
            {ROLE_LABELS[r]}
          </label>
        </div>
      ))}
    </>
  );
}

function UsersPage({
  ctx,
  users,
  values,
  errors,
}: {
  ctx: ViewContext;
  users: UserRow[];
  values: { displayName: string; email: string; roles: string[] };
  errors?: FieldErrors | undefined;
}): JSX.Element {
  return (
    <Layout ctx={ctx} title="Comptes">
      <h1>Comptes</h1>
      <p class="hint">
        Un compte « Bureau » voit toutes les demandes. Un compte « Administration » gère les comptes, les catégories et
        le journal, mais ne voit pas les demandes s'il n'a pas aussi le rôle « Bureau ».
      </p>
      <ul class="request-list">
        {users.map((u) => (
          <li>
            <span class="subject" safe>
              {u.display_name}
            </span>
            <span
              class="meta"
              safe
            >{`${u.email} · ${u.active === 1 ? 'actif' : 'désactivé'}${u.last_login_at ? ` · dernière connexion ${formatInstant(u.last_login_at)}` : ' · jamais connecté'}`}</span>
            <form method="post" action={`/admin/utilisateurs/${u.id}`}>
              <CsrfField token={ctx.csrfToken} />
              <fieldset>
                <legend safe>{`Rôles de ${u.display_name}`}</legend>
                <RoleBoxes name="roles" checked={parseRoles(u.role)} idPrefix={`u${u.id}`} />
                <div class="checkbox">
                  <input type="checkbox" id={`u${u.id}-active`} name="active" value="oui" checked={u.active === 1} />
                  <label for={`u${u.id}-active`}>Compte actif</label>
                </div>
              </fieldset>
              <button type="submit" class="secondary">
                Enregistrer
              </button>
            </form>
          </li>
        ))}
      </ul>
      <h2 id="new-user">Ajouter un compte</h2>
      <ErrorSummary errors={errors} />
      <form method="post" action="/admin/utilisateurs" class="card" novalidate aria-labelledby="new-user">
        <CsrfField token={ctx.csrfToken} />
        <TextField name="displayName" label="Nom" value={values.displayName} errors={errors} required />
        <TextField name="email" label="Adresse e-mail" type="email" value={values.email} errors={errors} required />
        <fieldset class={errors?.roles ? 'has-error' : ''}>
          <legend>Rôles</legend>
          {errors?.roles ? (
            <p class="field-error" id="roles">
              <span safe>{errors.roles}</span>
            </p>
          ) : (
            ''
          )}
          <RoleBoxes name="roles" checked={values.roles} idPrefix="new" />
        </fieldset>
        <p class="hint">La personne reçoit un e-mail avec un lien pour choisir son mot de passe.</p>
        <button type="submit">Créer le compte</button>
      </form>
    </Layout>
  );
}

export async function usersRoutes(app: FastifyInstance): Promise<void> {
  const access = { access: 'admin' as const };

  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    values = { displayName: '', email: '', roles: ['board'] },
    errors?: FieldErrors,
    status = 200,
  ) {
    const users = await listUsers(app.db);
    return sendHtml(
      reply,
      <UsersPage ctx={viewContext(request, reply)} users={users} values={values} errors={errors} />,
      status,
    );
  }

  app.get('/admin/utilisateurs', { config: access }, async (request, reply) => render(request, reply));

  app.post('/admin/utilisateurs', { config: access }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const values = { displayName: str(body.displayName), email: str(body.email), roles: strList(body.roles) };
    const parsed = parseForm(newUserSchema, body);
    if (!parsed.ok) return render(request, reply, values, parsed.errors, 422);
    try {
      await createUser(app.db, parsed.data, request.currentUser?.id ?? null);
    } catch (error) {
      if (error instanceof DuplicateEmailError) return render(request, reply, values, { email: error.message }, 422);
      throw error;
    }
    await requestPasswordReset(app.db, parsed.data.email, baseUrl(app), app.config.organisationName);
    setFlash(reply, `Compte créé. Un lien pour choisir le mot de passe a été mis dans la boîte d'envoi.`);
    return reply.redirect('/admin/utilisateurs', 303);
  });

  app.post<{ Params: { id: string } }>('/admin/utilisateurs/:id', { config: access }, async (request, reply) => {
    const id = /^\d{1,9}$/.test(request.params.id) ? Number(request.params.id) : 0;
    const target = await app.db.selectFrom('users').select(['id']).where('id', '=', id).executeTakeFirst();
    if (!target) throw new NotFoundError("Ce compte n'existe pas.");
    const parsed = parseForm(updateUserSchema, request.body);
    if (!parsed.ok) return render(request, reply, undefined, parsed.errors, 422);
    const self = request.currentUser?.id === id;
    // Nobody locks themselves out of administration.
    if (self && (!parsed.data.active || !parsed.data.roles.includes('admin'))) {
      return render(
        request,
        reply,
        undefined,
        { roles: "Rôles : vous ne pouvez pas retirer votre propre rôle d'administration ni désactiver votre compte." },
        422,
      );
    }
    await app.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('users')
        .set({ role: [...parsed.data.roles].sort().join(','), active: parsed.data.active ? 1 : 0 })
        .where('id', '=', id)
        .execute();
      if (!parsed.data.active) await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
      await recordAudit(trx, {
        actorId: request.currentUser?.id ?? null,
        action: 'user.update',
        entityType: 'user',
        entityId: id,
        summary: `rôles : ${parsed.data.roles.join(', ')} ; ${parsed.data.active ? 'actif' : 'désactivé'}`,
      });
    });
    setFlash(reply, 'Compte mis à jour.');
    return reply.redirect('/admin/utilisateurs', 303);
  });
}
