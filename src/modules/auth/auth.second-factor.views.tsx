// Over 300 lines: the four pages of the second factor (security settings with passkeys and the
// authenticator app, the app's setup, the recovery codes, the login's second step) share their
// French wording and error boxes; the security page alone is half the file.
import { formatInstant } from '../../lib/time.js';
import type { ViewContext } from '../../web/context.js';
import { CsrfField, ErrorSummary, TextField, type FieldErrors } from '../../web/forms.js';
import { Layout } from '../../web/layout.js';
import type { SecondFactorStatus } from './auth.second-factor.service.js';

/**
 * Pages of two-factor sign-in. The app (TOTP) works without JavaScript;
 * passkeys need the browser's WebAuthn, driven by assets/passkey.js: their
 * forms stay hidden until that script finds WebAuthn available.
 */

function PasskeyError(): JSX.Element {
  return <p class="field-error" data-passkey-error role="alert" hidden></p>;
}

export function SecurityPage({
  ctx,
  status,
  errors,
  problem,
}: {
  ctx: ViewContext;
  status: SecondFactorStatus;
  errors?: FieldErrors | undefined;
  /** A refusal that is not about a field (removing the last factor of a role that requires one). */
  problem?: string | undefined;
}): JSX.Element {
  return (
    <Layout ctx={ctx} title="Sécurité du compte" scripts={['passkey.js']}>
      <h1>Sécurité du compte</h1>
      {status.required && !status.enrolled ? (
        <p class="notice" role="status">
          La double vérification est obligatoire pour votre rôle. Activez une application ou une clé d’accès pour
          continuer : vous ne pourrez pas ouvrir les autres pages avant.
        </p>
      ) : (
        ''
      )}
      <p>
        Avec la double vérification, votre mot de passe ne suffit plus : à chaque connexion, Vigie demande aussi un code
        de votre téléphone ou votre clé d’accès. Quelqu’un qui aurait deviné ou volé votre mot de passe ne peut pas
        entrer.
      </p>
      {problem ? (
        <div class="error-summary" role="alert" tabindex="-1" id="erreurs">
          <p safe>{problem}</p>
        </div>
      ) : (
        <ErrorSummary errors={errors} />
      )}

      <section class="card" aria-labelledby="app-title">
        <h2 id="app-title">Application sur votre téléphone</h2>
        {status.totp ? (
          <>
            <p>Activée. À la connexion, tapez le code à 6 chiffres que l’application affiche.</p>
            <form
              method="post"
              action="/compte/securite/application/retirer"
              data-confirm="Retirer l’application de double vérification ?"
            >
              <CsrfField token={ctx.csrfToken} />
              <button type="submit" class="secondary">
                Retirer l’application
              </button>
            </form>
          </>
        ) : (
          <>
            <p>
              Une application d’authentification (par exemple FreeOTP, Aegis, Google Authenticator ou celle de votre
              gestionnaire de mots de passe) donne un nouveau code toutes les 30 secondes.
            </p>
            <p>
              <a class="button" href="/compte/securite/application">
                Activer une application
              </a>
            </p>
          </>
        )}
      </section>

      <section class="card" aria-labelledby="keys-title">
        <h2 id="keys-title">Clés d’accès</h2>
        <p>
          Une clé d’accès utilise le verrouillage de votre téléphone ou ordinateur (empreinte, visage, code) ou une clé
          de sécurité USB.
        </p>
        {status.passkeys.length > 0 ? (
          <ul class="request-list">
            {status.passkeys.map((p) => (
              <li>
                <span class="subject" safe>
                  {p.label}
                </span>
                <span class="meta" safe>
                  {`ajoutée le ${formatInstant(p.createdAt)}${p.lastUsedAt ? ` · dernière utilisation ${formatInstant(p.lastUsedAt)}` : ''}`}
                </span>
                <form
                  method="post"
                  action={`/compte/securite/cles/${p.id}/retirer`}
                  data-confirm="Retirer cette clé d’accès ?"
                >
                  <CsrfField token={ctx.csrfToken} />
                  <button type="submit" class="secondary">
                    <span>Retirer</span>
                    <span class="visually-hidden" safe>{` la clé « ${p.label} »`}</span>
                  </button>
                </form>
              </li>
            ))}
          </ul>
        ) : (
          <p>Aucune clé d’accès pour l’instant.</p>
        )}
        <p class="hint" data-passkey-unavailable>
          Ajouter une clé d’accès demande un navigateur récent avec JavaScript. L’application, elle, fonctionne partout.
        </p>
        <form
          method="post"
          action="/compte/securite/cles"
          data-passkey="register"
          data-options-url="/compte/securite/cles/options"
          hidden
          novalidate
        >
          <CsrfField token={ctx.csrfToken} />
          <input type="hidden" name="reponse" value="" />
          <TextField
            name="nom"
            label="Nom de la clé"
            hint="Pour la reconnaître dans cette liste, par exemple « Téléphone » ou « Clé USB bleue »."
            value=""
            errors={errors}
            maxlength={60}
          />
          <PasskeyError />
          <button type="submit">Ajouter une clé d’accès</button>
        </form>
      </section>

      <section class="card" aria-labelledby="codes-title">
        <h2 id="codes-title">Codes de secours</h2>
        {status.enrolled ? (
          <>
            <p safe>
              {`Si vous perdez votre téléphone ou votre clé, un code de secours permet de vous connecter une fois. Il vous en reste ${status.recoveryCodesLeft}.`}
            </p>
            <form
              method="post"
              action="/compte/securite/codes"
              data-confirm="Les anciens codes de secours ne fonctionneront plus. Continuer ?"
            >
              <CsrfField token={ctx.csrfToken} />
              <button type="submit" class="secondary">
                Obtenir de nouveaux codes
              </button>
            </form>
          </>
        ) : (
          <p>Vous recevrez dix codes de secours dès que la double vérification sera activée.</p>
        )}
        <p class="hint">Sans code de secours, un autre administrateur peut réinitialiser votre double vérification.</p>
      </section>
    </Layout>
  );
}

export function TotpSetupPage({
  ctx,
  secret,
  safeQrSvg,
  errors,
}: {
  ctx: ViewContext;
  secret: string;
  /** An <svg> built by auth.totp-qr.ts from the QR matrix: no user text inside. */
  safeQrSvg: string;
  errors?: FieldErrors | undefined;
}): JSX.Element {
  const grouped = secret.replace(/(.{4})(?!$)/g, '$1 ');
  return (
    <Layout ctx={ctx} title="Activer une application" narrow>
      <h1>Activer une application</h1>
      <ErrorSummary errors={errors} />
      <ol class="steps">
        <li>Ouvrez votre application d’authentification et choisissez d’ajouter un compte.</li>
        <li>
          <p>Scannez ce code QR :</p>
          <figure class="qr">{safeQrSvg}</figure>
          <p>Ou, si vous ne pouvez pas scanner, tapez cette clé dans l’application :</p>
          <p>
            <code class="secret" safe>
              {grouped}
            </code>
          </p>
        </li>
        <li>
          <form method="post" action="/compte/securite/application" class="card" novalidate>
            <CsrfField token={ctx.csrfToken} />
            <TextField
              name="code"
              label="Code à 6 chiffres affiché par l’application"
              inputmode="numeric"
              autocomplete="one-time-code"
              errors={errors}
              maxlength={7}
              required
            />
            <div class="actions">
              <button type="submit">Activer</button>
              <a href="/compte/securite">Annuler</a>
            </div>
          </form>
        </li>
      </ol>
    </Layout>
  );
}

export function RecoveryCodesPage({
  ctx,
  codes,
  next,
}: {
  ctx: ViewContext;
  codes: string[];
  next: string;
}): JSX.Element {
  return (
    <Layout ctx={ctx} title="Codes de secours" narrow>
      <h1>Vos codes de secours</h1>
      <p class="notice">
        Notez ces codes ou imprimez cette page, et gardez-les loin de votre téléphone. Ils ne seront plus jamais
        affichés. Chaque code sert une seule fois, à la place du code de l’application ou de la clé d’accès.
      </p>
      <ol class="recovery-codes">
        {codes.map((c) => (
          <li>
            <code safe>{c}</code>
          </li>
        ))}
      </ol>
      <p>
        <a class="button" href={next}>
          J’ai noté mes codes, continuer
        </a>
      </p>
    </Layout>
  );
}

export function SecondStepPage({
  ctx,
  hasPasskeys,
  retour,
  errors,
}: {
  ctx: ViewContext;
  hasPasskeys: boolean;
  retour?: string | undefined;
  errors?: FieldErrors | undefined;
}): JSX.Element {
  return (
    <Layout ctx={ctx} title="Double vérification" narrow scripts={hasPasskeys ? ['passkey.js'] : []}>
      <h1>Double vérification</h1>
      <p>Votre mot de passe est correct. Confirmez maintenant que c’est bien vous.</p>
      <ErrorSummary errors={errors} />
      {hasPasskeys ? (
        <form
          method="post"
          action="/connexion/verification/cle"
          class="card"
          data-passkey="login"
          data-options-url="/connexion/verification/cle/options"
          hidden
        >
          <CsrfField token={ctx.csrfToken} />
          <input type="hidden" name="reponse" value="" />
          <input type="hidden" name="retour" value={retour ?? ''} />
          <PasskeyError />
          <button type="submit">Utiliser ma clé d’accès</button>
        </form>
      ) : (
        ''
      )}
      <form method="post" action="/connexion/verification" class="card" novalidate>
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="retour" value={retour ?? ''} />
        <TextField
          name="code"
          label="Code"
          hint="Le code à 6 chiffres de votre application, ou un de vos codes de secours."
          autocomplete="one-time-code"
          errors={errors}
          maxlength={24}
          required
        />
        <div class="actions">
          <button type="submit">Vérifier</button>
          <a href="/connexion">Recommencer la connexion</a>
        </div>
      </form>
    </Layout>
  );
}
