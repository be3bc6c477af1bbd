import type { ViewContext } from '../../web/context.js';
import { CsrfField, ErrorSummary, TextField, type FieldErrors } from '../../web/forms.js';
import { Layout } from '../../web/layout.js';
import { PublicLayout } from '../../web/public-layout.js';

export function LoginPage({
  ctx,
  email,
  error,
  retour,
}: {
  ctx: ViewContext;
  email?: string;
  error?: string;
  retour?: string;
}): JSX.Element {
  return (
    <PublicLayout ctx={ctx} locale="fr" title="Connexion" narrow>
      <h1>Connexion à l'espace du bureau</h1>
      {error ? (
        <div class="error-summary" role="alert" id="erreurs" tabindex="-1">
          <p safe>{error}</p>
        </div>
      ) : (
        ''
      )}
      <form method="post" action="/connexion" class="card" novalidate>
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="retour" value={retour ?? ''} />
        <TextField name="email" label="Adresse e-mail" type="email" autocomplete="username" value={email} required />
        <TextField name="password" label="Mot de passe" type="password" autocomplete="current-password" required />
        <div class="actions">
          <button type="submit">Se connecter</button>
          <a href="/mot-de-passe-oublie">Mot de passe oublié ?</a>
        </div>
      </form>
    </PublicLayout>
  );
}

export function ForgotPage({
  ctx,
  email,
  errors,
  sent,
}: {
  ctx: ViewContext;
  email?: string;
  errors?: FieldErrors;
  sent?: boolean;
}): JSX.Element {
  return (
    <PublicLayout ctx={ctx} locale="fr" title="Mot de passe oublié" narrow>
      <h1>Mot de passe oublié</h1>
      {sent ? (
        <p class="flash" role="status">
          Si un compte existe pour cette adresse, un e-mail vient d'être envoyé avec un lien valable une heure.
        </p>
      ) : (
        <>
          <p>Indiquez l'adresse e-mail de votre compte : vous recevrez un lien pour choisir un nouveau mot de passe.</p>
          <ErrorSummary errors={errors} />
          <form method="post" action="/mot-de-passe-oublie" class="card" novalidate>
            <CsrfField token={ctx.csrfToken} />
            <TextField
              name="email"
              label="Adresse e-mail"
              type="email"
              autocomplete="email"
              value={email}
              errors={errors}
              required
            />
            <button type="submit">Recevoir un lien</button>
          </form>
        </>
      )}
      <p>
        <a href="/connexion">Retour à la connexion</a>
      </p>
    </PublicLayout>
  );
}

export function ResetPage({
  ctx,
  token,
  errors,
  invalid,
}: {
  ctx: ViewContext;
  token: string;
  errors?: FieldErrors;
  invalid?: boolean;
}): JSX.Element {
  return (
    <PublicLayout ctx={ctx} locale="fr" title="Nouveau mot de passe" narrow>
      <h1>Choisir un nouveau mot de passe</h1>
      {invalid ? (
        <p class="notice">
          Ce lien a expiré ou a déjà servi. <a href="/mot-de-passe-oublie">Demandez-en un nouveau</a>.
        </p>
      ) : (
        <>
          <ErrorSummary errors={errors} />
          <form method="post" action="/reinitialiser" class="card" novalidate>
            <CsrfField token={ctx.csrfToken} />
            <input type="hidden" name="jeton" value={token} />
            <TextField
              name="password"
              label="Nouveau mot de passe"
              type="password"
              autocomplete="new-password"
              hint="Au moins 12 caractères, sans votre nom ni votre adresse. Une phrase facile à retenir convient très bien."
              errors={errors}
              required
            />
            <TextField
              name="confirm"
              label="Confirmer le mot de passe"
              type="password"
              autocomplete="new-password"
              errors={errors}
              required
            />
            <button type="submit">Enregistrer le mot de passe</button>
          </form>
        </>
      )}
    </PublicLayout>
  );
}

export interface SetupValues {
  displayName?: string;
  email?: string;
  alsoBoard?: boolean;
}

export function SetupPage({
  ctx,
  token,
  values,
  errors,
  invalid,
  used,
}: {
  ctx: ViewContext;
  token: string;
  values?: SetupValues;
  errors?: FieldErrors;
  invalid?: boolean;
  /** Accounts exist: any setup link is spent. */
  used?: boolean;
}): JSX.Element {
  return (
    <Layout ctx={ctx} title="Installation" narrow>
      <h1>Créer le premier compte administrateur</h1>
      {used ? (
        <p class="notice">
          Ce lien d'installation a déjà servi : le premier compte administrateur existe. Pour entrer,{' '}
          <a href="/connexion">connectez-vous</a> ; un compte oublié se retrouve par «&nbsp;Mot de passe oublié&nbsp;».
        </p>
      ) : invalid ? (
        <p class="notice">
          Ce lien d'installation n'est pas (ou plus) valable. Le lien valable est affiché dans la console du serveur au
          démarrage, tant qu'aucun compte n'existe.
        </p>
      ) : (
        <>
          <p>Ce compte pourra ensuite créer les comptes des autres membres du bureau.</p>
          <ErrorSummary errors={errors} />
          <form method="post" action="/installation" class="card" novalidate>
            <CsrfField token={ctx.csrfToken} />
            <input type="hidden" name="jeton" value={token} />
            <TextField
              name="displayName"
              label="Votre nom (affiché aux autres membres)"
              autocomplete="name"
              value={values?.displayName}
              errors={errors}
              required
            />
            <TextField
              name="email"
              label="Adresse e-mail"
              type="email"
              autocomplete="email"
              value={values?.email}
              errors={errors}
              required
            />
            <TextField
              name="password"
              label="Mot de passe"
              type="password"
              autocomplete="new-password"
              hint="Au moins 12 caractères, sans votre nom ni votre adresse. Une phrase facile à retenir convient très bien."
              errors={errors}
              required
            />
            <TextField
              name="confirm"
              label="Confirmer le mot de passe"
              type="password"
              autocomplete="new-password"
              errors={errors}
              required
            />
            <div class="checkbox">
              <input type="checkbox" id="alsoBoard" name="alsoBoard" value="oui" checked={values?.alsoBoard ?? true} />
              <label for="alsoBoard">Je suis aussi membre du bureau (accès aux demandes)</label>
            </div>
            <div class="actions">
              <button type="submit">Créer le compte</button>
            </div>
          </form>
        </>
      )}
    </Layout>
  );
}

export function WelcomePage({
  ctx,
  token,
  invitation,
  errors,
}: {
  ctx: ViewContext;
  token: string;
  invitation?: { display_name: string; email: string; inviter_name: string | null } | undefined;
  errors?: FieldErrors;
}): JSX.Element {
  return (
    <Layout ctx={ctx} title="Bienvenue" narrow>
      {invitation ? (
        <>
          <h1 safe>{`Bienvenue, ${invitation.display_name}`}</h1>
          <p
            safe
          >{`${invitation.inviter_name ? `${invitation.inviter_name} vous a ouvert` : 'Un compte vous a été ouvert'} un compte dans Vigie, l’outil ${ctx.organisationOf} : le registre confidentiel des demandes, le rapport d’activités et le site public. Choisissez votre mot de passe pour commencer.`}</p>
          <ErrorSummary errors={errors} />
          <form method="post" action="/bienvenue" class="card" novalidate>
            <CsrfField token={ctx.csrfToken} />
            <input type="hidden" name="jeton" value={token} />
            {/* Read-only, so a password manager saves the address with the new password. */}
            <div class="field">
              <label for="username">Votre adresse de connexion</label>
              <input id="username" type="email" autocomplete="username" value={invitation.email} readonly />
            </div>
            <TextField
              name="password"
              label="Nouveau mot de passe"
              type="password"
              autocomplete="new-password"
              hint="Au moins 12 caractères, sans votre nom ni votre adresse. Une phrase facile à retenir convient très bien."
              errors={errors}
              required
            />
            <TextField
              name="confirm"
              label="Confirmer le mot de passe"
              type="password"
              autocomplete="new-password"
              errors={errors}
              required
            />
            <button type="submit">Enregistrer mon mot de passe</button>
          </form>
        </>
      ) : (
        <>
          <h1>Lien de bienvenue expiré</h1>
          <p class="notice">
            Ce lien a expiré (il est valable 7 jours), a déjà servi ou a été remplacé par un plus récent. Demandez à la
            personne qui vous a invité·e de vous renvoyer l’e-mail de bienvenue, ou, si vous avez déjà choisi votre mot
            de passe, <a href="/connexion">connectez-vous</a>.
          </p>
        </>
      )}
    </Layout>
  );
}
