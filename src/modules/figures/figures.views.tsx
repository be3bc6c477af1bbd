import { formatNumberFr } from '../../lib/typography.js';
import type { ViewContext } from '../../web/context.js';
import { CsrfField, ErrorSummary, SelectField, TextField, type FieldErrors } from '../../web/forms.js';
import { Layout } from '../../web/layout.js';
import { FIGURE_KEYS, figureKey, figureLabel } from './figures.keys.js';
import type { Figure } from './figures.service.js';

/** The yearly figures typed by hand: the table per year and the form. */
export type FigureValues = Record<'year' | 'key' | 'value' | 'note', string>;

export function FiguresPage({
  ctx,
  figures,
  withRecords,
  values,
  errors,
}: {
  ctx: ViewContext;
  figures: Figure[];
  withRecords: Set<number>;
  values: FigureValues;
  errors?: FieldErrors | undefined;
}): JSX.Element {
  const years = [...new Set(figures.map((f) => f.year))];
  return (
    <Layout ctx={ctx} title="Chiffres annuels">
      <h1>Chiffres annuels</h1>
      <p>
        Les chiffres que Vigie ne tient pas lui-même (réunions de bureau, permanences, abonnés Facebook, exemplaires du
        Manifeste…) et, pour les années d'avant le registre, le nombre total de demandes. Le rapport d'activités les
        reprend en indiquant leur source.
      </p>
      <p>
        <a href="/bureau/chiffres/cites">Chiffres cités dans le rapport</a> : libellés libres, périodes (« 2019–2020 »),
        mois d'un minimum ou d'un maximum, date du relevé.
      </p>
      <p class="hint">
        Quand Vigie calcule un chiffre à partir de ses propres enregistrements (le nombre de demandes d'une année tenue
        dans le registre), c'est toujours ce calcul qui compte : le chiffre saisi ici est alors ignoré.
      </p>
      <h2 id="edit-title">
        {values.year && values.key && figures.some((f) => String(f.year) === values.year && f.key === values.key)
          ? 'Modifier un chiffre'
          : 'Ajouter un chiffre'}
      </h2>
      <ErrorSummary errors={errors} />
      <form method="post" action="/bureau/chiffres" class="card" novalidate aria-labelledby="edit-title">
        <CsrfField token={ctx.csrfToken} />
        <TextField
          name="year"
          label="Année"
          value={values.year}
          errors={errors}
          required
          inputmode="numeric"
          maxlength={4}
        />
        <SelectField
          name="key"
          label="Chiffre"
          value={values.key}
          options={FIGURE_KEYS.map((k) => ({ value: k.key, label: k.label }))}
          placeholder="Choisir…"
          errors={errors}
          required
        />
        <TextField
          name="value"
          label="Valeur"
          hint="Un nombre entier (ex. 39 ou 2 000)."
          value={values.value}
          errors={errors}
          required
          inputmode="numeric"
        />
        <TextField
          name="note"
          label="Note (facultative)"
          hint="Source ou précision, reprise dans le rapport (ex. « au 29/09/2021 »)."
          value={values.note}
          errors={errors}
          maxlength={500}
        />
        <button type="submit">Enregistrer</button>
      </form>
      {years.length === 0 ? <p>Aucun chiffre saisi pour l'instant.</p> : ''}
      {years.map((year) => (
        <section aria-labelledby={`y-${year}`}>
          <h2 id={`y-${year}`} safe>
            {String(year)}
          </h2>
          <div class="table-wrap" role="region" tabindex="0" aria-label="Tableau des chiffres">
            <table>
              <thead>
                <tr>
                  <th scope="col">Chiffre</th>
                  <th scope="col">Valeur</th>
                  <th scope="col">Note</th>
                  <th scope="col">
                    <span class="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {figures
                  .filter((f) => f.year === year)
                  .map((f) => (
                    <tr>
                      <td>
                        <span safe>{figureLabel(f.key)}</span>
                        <br />
                        <code class="meta" safe>
                          {f.key}
                        </code>
                        {figureKey(f.key)?.fromRecords && withRecords.has(year) ? (
                          <p class="meta">Ignoré : le registre contient des demandes pour cette année.</p>
                        ) : (
                          ''
                        )}
                      </td>
                      <td safe>{formatNumberFr(f.value)}</td>
                      <td safe>{f.note}</td>
                      <td>
                        <a href={`/bureau/chiffres?annee=${year}&cle=${encodeURIComponent(f.key)}#edit-title`}>
                          Modifier<span class="visually-hidden" safe>{` ${figureLabel(f.key)} ${year}`}</span>
                        </a>
                        <form method="post" action="/bureau/chiffres/supprimer" class="inline">
                          <CsrfField token={ctx.csrfToken} />
                          <input type="hidden" name="year" value={String(year)} />
                          <input type="hidden" name="key" value={f.key} />
                          <button type="submit" class="link-button">
                            Supprimer<span class="visually-hidden" safe>{` ${figureLabel(f.key)} ${year}`}</span>
                          </button>
                        </form>
                      </td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </Layout>
  );
}
