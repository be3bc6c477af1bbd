import { plural } from '../../lib/plural.js';
import type { ViewContext } from '../../web/context.js';
import { CsrfField } from '../../web/forms.js';
import { ROLE_LABELS, ROLES, type Role } from '../../web/access.js';

/** On the accounts page: which roles must use a second factor. */
export function SecondFactorPolicyForm({ ctx, required }: { ctx: ViewContext; required: Role[] }): JSX.Element {
  return (
    <form method="post" action="/admin/double-verification" class="card">
      <CsrfField token={ctx.csrfToken} />
      <fieldset>
        <legend>Double vérification obligatoire pour</legend>
        {ROLES.map((r) => (
          <div class="checkbox">
            <input type="checkbox" id={`sf-${r}`} name="roles" value={r} checked={required.includes(r)} />
            <label for={`sf-${r}`} safe>
              {ROLE_LABELS[r]}
            </label>
          </div>
        ))}
      </fieldset>
      <p class="hint">
        À leur prochaine connexion, les personnes concernées qui n’ont ni application ni clé d’accès devront en activer
        une avant d’ouvrir une autre page.
      </p>
      <button type="submit" class="secondary">
        Enregistrer
      </button>
    </form>
  );
}

/** On each account of the accounts page: its second factors, and the reset for a lost device. */
export function SecondFactorUserStatus({
  ctx,
  user,
  factors,
  self,
}: {
  ctx: ViewContext;
  user: { id: number; display_name: string };
  factors: { totp: boolean; passkeys: number; recoveryCodes: number } | undefined;
  self: boolean;
}): JSX.Element {
  const parts = [
    factors?.totp ? 'application' : '',
    factors?.passkeys ? `${factors.passkeys} clé${factors.passkeys > 1 ? 's' : ''} d’accès` : '',
  ].filter(Boolean);
  return (
    <>
      <span class="meta" safe>
        {` · double vérification : ${parts.length ? `${parts.join(' et ')} · ${plural(factors?.recoveryCodes ?? 0, { one: 'code de secours', other: 'codes de secours' })}` : 'non activée'}`}
      </span>
      {parts.length && !self ? (
        <form
          method="post"
          action={`/admin/utilisateurs/${user.id}/double-verification`}
          data-confirm={`Réinitialiser la double vérification de ${user.display_name} ? Ses sessions seront fermées.`}
        >
          <CsrfField token={ctx.csrfToken} />
          <button type="submit" class="secondary">
            <span>Réinitialiser la double vérification</span>
            <span class="visually-hidden" safe>{` de ${user.display_name}`}</span>
          </button>
        </form>
      ) : (
        ''
      )}
    </>
  );
}
