import { formatInstant } from '../../lib/time.js';
import type { ViewContext } from '../../web/context.js';
import { CsrfField, ErrorSummary, TextField, type FieldErrors } from '../../web/forms.js';
import { Layout } from '../../web/layout.js';
import type { listUsers } from './auth.queries.js';
import { parseRoles } from '../../lib/roles.js';
import { ROLE_LABELS, ROLES, type Role } from '../../web/access.js';
import { SecondFactorPolicyForm, SecondFactorUserStatus } from './auth.second-factor.admin.views.js';
import type { secondFactorsByUser } from './auth.second-factor.queries.js';
import { FlashHere } from '../../web/flash.js';

export type UserRow = Awaited<ReturnType<typeof listUsers>>[number];

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

/** Where the account stands, in words: active or not, and whether the person has come in yet. */
function accountState(u: UserRow): string {
  if (u.active !== 1) return 'désactivé';
  if (u.last_login_at) return `dernière connexion le ${formatInstant(u.last_login_at)}`;
  if (!u.has_password && u.invited_at)
    return `invité·e le ${formatInstant(u.invited_at)}${u.inviter_name ? ` par ${u.inviter_name}` : ''}, mot de passe pas encore choisi`;
  return 'jamais connecté·e';
}

type SecondFactors = { byUser: Awaited<ReturnType<typeof secondFactorsByUser>>; required: Role[] };

function AccountItem({
  ctx,
  u,
  error,
  secondFactors,
}: {
  ctx: ViewContext;
  u: UserRow;
  error?: string | undefined;
  secondFactors: SecondFactors;
}): JSX.Element {
  const errorId = `u${u.id}-error`;
  return (
    <li id={`compte-${u.id}`}>
      <FlashHere ctx={ctx} id={`compte-${u.id}`} />
      <span class="subject" safe>
        {u.display_name}
      </span>
      <span class="meta" safe>{`${u.email} · ${accountState(u)}`}</span>
      <SecondFactorUserStatus
        ctx={ctx}
        user={u}
        factors={secondFactors.byUser.get(u.id)}
        self={ctx.user?.id === u.id}
      />
      {error ? (
        <p class="field-error" id={errorId} role="alert">
          <span class="visually-hidden">Erreur : </span>
          <span safe>{error}</span>
        </p>
      ) : (
        ''
      )}
      {ctx.user?.id === u.id ? (
        <p class="hint" safe>{`Votre compte (rôles : ${parseRoles(u.role)
          .map((r) => ROLE_LABELS[r])
          .join(', ')}) : une autre personne de l’administration peut changer vos rôles.`}</p>
      ) : (
        // The fragment brings a refused form's page back to this account, where its error is shown.
        <form method="post" action={`/admin/utilisateurs/${u.id}#compte-${u.id}`}>
          <CsrfField token={ctx.csrfToken} />
          <fieldset class={error ? 'has-error' : ''} aria-describedby={error ? errorId : undefined}>
            <legend safe>{`Rôles de ${u.display_name}`}</legend>
            <RoleBoxes name="roles" checked={parseRoles(u.role)} idPrefix={`u${u.id}`} />
            <div class="checkbox">
              <input type="checkbox" id={`u${u.id}-active`} name="active" value="oui" checked={u.active === 1} />
              <label for={`u${u.id}-active`}>Compte actif</label>
            </div>
          </fieldset>
          <button type="submit" class="secondary">
            Enregistrer<span class="visually-hidden" safe>{` : ${u.display_name}`}</span>
          </button>
        </form>
      )}
      {u.active === 1 && !u.has_password ? (
        <form method="post" action={`/admin/utilisateurs/${u.id}/invitation#compte-${u.id}`}>
          <CsrfField token={ctx.csrfToken} />
          <button type="submit" class="link-button">
            Renvoyer l’e-mail de bienvenue<span class="visually-hidden" safe>{` à ${u.display_name}`}</span>
          </button>
        </form>
      ) : (
        ''
      )}
    </li>
  );
}

export function UsersPage({
  ctx,
  users,
  values,
  errors,
  accountError,
  secondFactors,
}: {
  ctx: ViewContext;
  users: UserRow[];
  secondFactors: SecondFactors;
  values: { displayName: string; email: string; roles: string[] };
  errors?: FieldErrors | undefined;
  /** An error about one existing account, shown next to it. */
  accountError?: { id: number; message: string } | undefined;
}): JSX.Element {
  return (
    <Layout ctx={ctx} title="Comptes">
      <h1>Comptes</h1>
      <p class="hint">
        Un compte « Bureau » voit toutes les demandes. Un compte « Administration » gère les comptes, les catégories et
        le journal, mais ne voit pas les demandes s’il n’a pas aussi le rôle « Bureau ».
      </p>
      <p>
        <a href="#new-user">Inviter une personne</a>
      </p>
      <ul class="request-list">
        {users.map((u) => (
          <AccountItem
            ctx={ctx}
            u={u}
            error={accountError?.id === u.id ? accountError.message : undefined}
            secondFactors={secondFactors}
          />
        ))}
      </ul>
      <h2 id="second-factor">Double vérification</h2>
      <SecondFactorPolicyForm ctx={ctx} required={secondFactors.required} />
      <h2 id="new-user">Inviter une personne</h2>
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
        <p class="hint">
          La personne reçoit un e-mail de bienvenue à votre nom, avec un lien valable 7 jours pour choisir son mot de
          passe.
        </p>
        <button type="submit">Envoyer l’invitation</button>
      </form>
    </Layout>
  );
}
