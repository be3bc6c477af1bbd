import type { ViewContext } from '../../web/context.js';
import { CsrfField, ErrorSummary, TextArea, TextField, type FieldErrors } from '../../web/forms.js';
import { Layout } from '../../web/layout.js';
import { formatDateShort } from '../../lib/time.js';
import { formatDay } from './site.format.js';
import type { Closure } from './site.helpline.js';
import type { SiteSettings } from './site.settings.js';

export function SettingsPage({
  ctx,
  values,
  errors,
  next,
}: {
  ctx: ViewContext;
  values: Record<keyof SiteSettings, string>;
  errors?: FieldErrors | undefined;
  next: string;
}): JSX.Element {
  return (
    <Layout ctx={ctx} title="Réglages du site" narrow>
      <p>
        <a href="/bureau/contenu">← Contenu du site</a>
      </p>
      <h1>Réglages du site</h1>
      <p safe>{`Prochaine permanence annoncée sur le site : ${next}.`}</p>
      <ErrorSummary errors={errors} />
      <form method="post" action="/bureau/contenu/reglages" class="card" novalidate>
        <CsrfField token={ctx.csrfToken} />
        <fieldset>
          <legend>Permanence téléphonique (le jeudi)</legend>
          <TextField
            name="helplineStart"
            label="Début"
            hint="Par exemple 13:00."
            value={values.helplineStart}
            errors={errors}
            required
            maxlength={5}
          />
          <TextField
            name="helplineEnd"
            label="Fin"
            hint="Par exemple 16:00."
            value={values.helplineEnd}
            errors={errors}
            required
            maxlength={5}
          />
          <TextField
            name="helplinePhone"
            label="Numéro de téléphone"
            type="tel"
            value={values.helplinePhone}
            errors={errors}
            maxlength={40}
          />
        </fieldset>
        <fieldset>
          <legend>Page Contact</legend>
          <TextField
            name="contactEmail"
            label="Adresse e-mail"
            type="email"
            value={values.contactEmail}
            errors={errors}
            maxlength={254}
          />
          <TextArea
            name="contactAddress"
            label="Adresse postale"
            value={values.contactAddress}
            errors={errors}
            rows={3}
          />
        </fieldset>
        <button type="submit">Enregistrer</button>
      </form>
    </Layout>
  );
}

export function ClosuresPage({
  ctx,
  closures,
  values,
  errors,
}: {
  ctx: ViewContext;
  closures: Closure[];
  values: Record<'startsOn' | 'endsOn' | 'label', string>;
  errors?: FieldErrors | undefined;
}): JSX.Element {
  return (
    <Layout ctx={ctx} title="Fermetures de la permanence">
      <p>
        <a href="/bureau/contenu">← Contenu du site</a>
      </p>
      <h1>Fermetures de la permanence</h1>
      <p>
        La permanence n’a pas lieu pendant ces périodes. Les vacances scolaires de la Fédération Wallonie-Bruxelles
        2025-2026 et 2026-2027 ont été pré-remplies : vérifiez-les avec le calendrier officiel (les dates marquées « à
        vérifier » ont été déduites des règles du calendrier) et ajoutez chaque année les suivantes. Les jours fériés
        légaux belges sont toujours exclus, même s’ils ne figurent pas ici.
      </p>
      <h2 id="ajout">Ajouter une fermeture</h2>
      <ErrorSummary errors={errors} />
      <form method="post" action="/bureau/contenu/fermetures" class="card" novalidate aria-labelledby="ajout">
        <CsrfField token={ctx.csrfToken} />
        <div class="grid-2">
          <TextField name="startsOn" label="Du" type="date" value={values.startsOn} errors={errors} required />
          <TextField name="endsOn" label="Au (inclus)" type="date" value={values.endsOn} errors={errors} required />
        </div>
        <TextField
          name="label"
          label="Intitulé"
          hint="Par exemple « Vacances de printemps 2028 »."
          value={values.label}
          errors={errors}
          required
          maxlength={120}
        />
        <button type="submit">Ajouter</button>
      </form>
      <h2>Périodes enregistrées</h2>
      <div class="table-wrap" role="region" tabindex="0" aria-label="Tableau des périodes">
        <table>
          <thead>
            <tr>
              <th scope="col">Du</th>
              <th scope="col">Au</th>
              <th scope="col">Intitulé</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {closures.map((c) => (
              <tr>
                <td safe>{formatDateShort(c.startsOn)}</td>
                <td safe>{formatDateShort(c.endsOn)}</td>
                <td safe>{c.label}</td>
                <td>
                  <form method="post" action={`/bureau/contenu/fermetures/${c.id}/supprimer`} class="inline">
                    <CsrfField token={ctx.csrfToken} />
                    <button type="submit" class="link-button">
                      Supprimer
                      <span class="visually-hidden" safe>{` ${c.label} (${formatDay('fr', c.startsOn)})`}</span>
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}
