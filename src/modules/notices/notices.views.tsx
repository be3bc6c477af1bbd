import type { ViewContext } from '../../web/context.js';
import { CheckboxGroup, CsrfField } from '../../web/forms.js';
import { Layout } from '../../web/layout.js';
import type { NoticePreferences } from './notices.preferences.queries.js';

export function NoticePreferencesPage({ ctx, prefs }: { ctx: ViewContext; prefs: NoticePreferences }): JSX.Element {
  return (
    <Layout ctx={ctx} title="Mes avis par e-mail" narrow>
      <h1>Mes avis par e-mail</h1>
      <p>
        Vigie peut vous prévenir par e-mail. L’e-mail ne contient que la référence de la demande et un lien : jamais son
        objet, ni un nom. Pour la lire, vous vous connectez.
      </p>
      <form method="post" action="/compte/avis">
        <CsrfField token={ctx.csrfToken} />
        <CheckboxGroup
          name="notices"
          label="Me prévenir quand…"
          values={[prefs.assigned ? 'assigned' : '', prefs.flagged ? 'flagged' : ''].filter(Boolean)}
          options={[
            { value: 'assigned', label: 'une demande m’est confiée' },
            { value: 'flagged', label: 'une demande est mise « à discuter en bureau »' },
          ]}
        />
        <div class="actions">
          <button type="submit">Enregistrer</button>
          <a href="/tableau-de-bord">Retour au tableau de bord</a>
        </div>
      </form>
    </Layout>
  );
}
