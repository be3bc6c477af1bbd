import type { ViewContext } from '../../web/context.js';
import { CsrfField } from '../../web/forms.js';
import { Layout } from '../../web/layout.js';
import { MAX_LOGO_BYTES, type Logo } from './reports.logo.service.js';

/** The organisation's logo for the report's cover: see it, replace it, remove it. */
export function LogoPage(props: { ctx: ViewContext; logo: Logo | null; error?: string }): JSX.Element {
  const { ctx, logo, error } = props;
  return (
    <Layout ctx={ctx} title="Logo de l'organisation" narrow>
      <p>
        <a href="/bureau/rapport">Retour au rapport d'activités</a>
      </p>
      <h1>Logo de l'organisation</h1>
      <p>Le logo est imprimé sur la couverture du rapport, en PDF et en DOCX, au-dessus du nom de l'organisation.</p>
      <h2>Logo actuel</h2>
      {logo ? (
        <p>
          <img
            src={`data:${logo.contentType};base64,${logo.base64}`}
            alt="Logo actuel de l'organisation"
            class="report-logo-preview"
          />
        </p>
      ) : (
        <p>Aucun logo : la couverture n'imprime que le nom de l'organisation.</p>
      )}
      <form method="post" action="/bureau/rapport/logo" enctype="multipart/form-data" class="card">
        <CsrfField token={ctx.csrfToken} />
        <div class="field">
          <label for="logo">
            Nouveau logo <span class="required">(obligatoire)</span>
          </label>
          <p class="hint" id="logo-hint">
            {`Une image PNG ou JPEG, ${MAX_LOGO_BYTES / 1024} Ko au maximum ; elle est réduite pour tenir dans 6 × 2 cm.`}
          </p>
          {error ? (
            <p class="field-error" id="logo-error">
              <span class="visually-hidden">Erreur : </span>
              <span safe>{error}</span>
            </p>
          ) : (
            ''
          )}
          <input
            type="file"
            id="logo"
            name="logo"
            accept=".png,.jpg,.jpeg,image/png,image/jpeg"
            required
            aria-describedby={error ? 'logo-hint logo-error' : 'logo-hint'}
            aria-invalid={error ? 'true' : undefined}
          />
        </div>
        <div class="actions">
          <button type="submit">Enregistrer le logo</button>
        </div>
      </form>
      {logo ? (
        <form method="post" action="/bureau/rapport/logo/retirer" class="actions">
          <CsrfField token={ctx.csrfToken} />
          <button type="submit" class="secondary">
            Retirer le logo
          </button>
        </form>
      ) : (
        ''
      )}
    </Layout>
  );
}
