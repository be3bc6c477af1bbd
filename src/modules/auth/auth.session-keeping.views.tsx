import type { ViewContext } from '../../web/context.js';
import { CsrfField } from '../../web/forms.js';
import { Layout } from '../../web/layout.js';
import type { HeldForm } from './auth.held-forms.js';

/** When the form's page cannot be shown again: what was typed, and one button to send it. */
export function HeldFormPage({ ctx, held }: { ctx: ViewContext; held: HeldForm }): JSX.Element {
  const fields = Object.entries(held.values);
  return (
    <Layout ctx={ctx} title="Votre saisie gardée" narrow>
      <h1>Votre saisie gardée</h1>
      <p class="notice" role="status">
        Votre session avait expiré quand vous avez envoyé ce formulaire. Voici ce que vous aviez saisi : rien n’est
        encore enregistré. Relisez-le, puis enregistrez-le, ou abandonnez-le.
      </p>
      <dl class="card">
        {fields.map(([name, list]) => (
          <>
            <dt safe>{name}</dt>
            <dd safe>{list.join(', ')}</dd>
          </>
        ))}
      </dl>
      <form method="post" action={held.action} class="card">
        <CsrfField token={ctx.csrfToken} />
        {fields.flatMap(([name, list]) => list.map((value) => <input type="hidden" name={name} value={value} />))}
        <button type="submit">Enregistrer</button>
      </form>
      <p>
        <a href="/">Abandonner cette saisie</a>
      </p>
    </Layout>
  );
}
