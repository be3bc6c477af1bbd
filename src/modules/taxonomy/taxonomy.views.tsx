import type { ViewContext } from '../../web/context.js';
import { CsrfField, ErrorSummary, SelectField, TextArea, TextField, type FieldErrors } from '../../web/forms.js';
import { Layout } from '../../web/layout.js';
import { TAXONOMY_TYPE_LABELS } from './taxonomy.defaults.js';
import { TAXONOMY_TYPES, type Taxonomy, type TaxonomyEntry } from './taxonomy.service.js';

/** The categories' admin pages: the lists (with the add and import forms) and one entry. */

function years(e: TaxonomyEntry): string {
  if (e.inUseFrom === null && e.inUseUntil === null) return 'toujours';
  return `${e.inUseFrom ?? '…'} – ${e.inUseUntil ?? '…'}`;
}

export function TaxonomyPage({
  ctx,
  taxonomy,
  errors,
  values,
  importText,
  importErrors,
}: {
  ctx: ViewContext;
  taxonomy: Taxonomy;
  errors?: FieldErrors | undefined;
  values: Record<string, string>;
  importText?: string;
  importErrors?: string[];
}): JSX.Element {
  return (
    <Layout ctx={ctx} title="Catégories">
      <h1>Catégories</h1>
      <p class="hint">
        Renommer ou retirer une catégorie ne change jamais les années passées : un nouveau libellé s'applique à partir
        de l'année choisie, et une catégorie retirée reste attachée aux demandes qui l'utilisent.
      </p>
      <p>
        <a href="/admin/taxonomie.yaml">Télécharger les catégories (YAML)</a>
      </p>
      {TAXONOMY_TYPES.map((type) => (
        <section aria-labelledby={`t-${type}`}>
          <h2 id={`t-${type}`} safe>
            {TAXONOMY_TYPE_LABELS[type]}
          </h2>
          {/* Focusable so keyboard users can scroll the table sideways on a phone. */}
          <div class="table-wrap" role="region" aria-label={`Tableau : ${TAXONOMY_TYPE_LABELS[type]}`} tabindex="0">
            <table>
              <thead>
                <tr>
                  <th scope="col" safe>{`Libellé (${taxonomy.year})`}</th>
                  <th scope="col">Code</th>
                  {type === 'kind' ? <th scope="col">Compte dans le total</th> : ''}
                  <th scope="col">En usage</th>
                  <th scope="col">
                    <span class="visually-hidden">Action</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {taxonomy[type].map((e) => (
                  <tr>
                    <td safe>{e.parentId !== null ? `— ${e.label}` : e.label}</td>
                    <td>
                      <code safe>{e.code}</code>
                    </td>
                    {type === 'kind' ? <td>{e.countsInTotal ? 'oui' : 'non'}</td> : ''}
                    <td safe>{years(e)}</td>
                    <td>
                      <a href={`/admin/taxonomie/${e.id}`}>
                        Modifier<span class="visually-hidden" safe>{` ${e.label}`}</span>
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
      <h2 id="add-entry">Ajouter une catégorie</h2>
      <ErrorSummary errors={errors} />
      <form method="post" action="/admin/taxonomie" class="card" novalidate aria-labelledby="add-entry">
        <CsrfField token={ctx.csrfToken} />
        <SelectField
          name="type"
          label="Liste"
          value={values.type}
          options={TAXONOMY_TYPES.map((t) => ({ value: t, label: TAXONOMY_TYPE_LABELS[t] }))}
          errors={errors}
          required
        />
        <TextField name="label" label="Libellé" value={values.label} errors={errors} required />
        <TextField
          name="code"
          label="Code"
          hint="Identifiant stable, utilisé par les imports : minuscules, chiffres et tirets."
          value={values.code}
          errors={errors}
          required
        />
        <SelectField
          name="parentId"
          label="Thème parent (pour un sous-thème)"
          value={values.parentId}
          options={taxonomy.theme
            .filter((t) => t.parentId === null)
            .map((t) => ({ value: String(t.id), label: t.label }))}
          placeholder="Aucun"
          errors={errors}
        />
        <div class="checkbox">
          <input
            type="checkbox"
            id="countsInTotal"
            name="countsInTotal"
            value="oui"
            checked={values.countsInTotal === 'oui'}
          />
          <label for="countsInTotal">Compte dans le total annuel des demandes (types de demande)</label>
        </div>
        <button type="submit">Ajouter</button>
      </form>
      <h2 id="import">Importer un fichier YAML</h2>
      {importErrors?.length ? (
        <div class="error-summary" role="alert" id="erreurs" tabindex="-1">
          <h2>Le fichier contient des erreurs : rien n'a été importé.</h2>
          <ul>
            {importErrors.map((e) => (
              <li safe>{e}</li>
            ))}
          </ul>
        </div>
      ) : (
        ''
      )}
      <form method="post" action="/admin/taxonomie/import" class="card" novalidate aria-labelledby="import">
        <CsrfField token={ctx.csrfToken} />
        <TextArea
          name="yaml"
          label="Contenu du fichier"
          hint="Collez le contenu d'un fichier exporté ou préparé selon docs/taxonomy.md. Les catégories existantes sont mises à jour par code ; rien n'est supprimé."
          value={importText ?? ''}
          rows={8}
        />
        <button type="submit">Importer</button>
      </form>
    </Layout>
  );
}

export function EntryPage({
  ctx,
  entry,
  errors,
  values,
}: {
  ctx: ViewContext;
  entry: TaxonomyEntry;
  errors?: FieldErrors | undefined;
  values: Record<string, string>;
}): JSX.Element {
  return (
    <Layout ctx={ctx} title={`Catégorie ${entry.label}`} narrow>
      <p class="meta">
        <a href="/admin/taxonomie">← Catégories</a>
      </p>
      <h1 safe>{entry.label}</h1>
      <p class="meta" safe>{`${TAXONOMY_TYPE_LABELS[entry.type]} · code ${entry.code}`}</p>
      <h2>Historique des libellés</h2>
      <ul>
        {entry.history.map((h) => (
          <li
            safe
          >{`${h.fromYear === 0 ? 'Depuis toujours' : `À partir de ${h.fromYear}`} : ${h.label}${entry.type === 'kind' ? (h.countsInTotal ? ' (compte dans le total)' : ' (hors total)') : ''}`}</li>
        ))}
      </ul>
      <ErrorSummary errors={errors} />
      <form method="post" action={`/admin/taxonomie/${entry.id}/libelle`} class="card" novalidate>
        <CsrfField token={ctx.csrfToken} />
        <h2>Renommer</h2>
        <TextField name="label" label="Nouveau libellé" value={values.label} errors={errors} required />
        <TextField
          name="fromYear"
          label="À partir de l'année"
          inputmode="numeric"
          value={values.fromYear}
          errors={errors}
          required
        />
        {entry.type === 'kind' ? (
          <div class="checkbox">
            <input
              type="checkbox"
              id="countsInTotal"
              name="countsInTotal"
              value="oui"
              checked={values.countsInTotal === 'oui'}
            />
            <label for="countsInTotal">Compte dans le total annuel des demandes</label>
          </div>
        ) : (
          ''
        )}
        <button type="submit">Enregistrer le libellé</button>
      </form>
      <form method="post" action={`/admin/taxonomie/${entry.id}/annees`} class="card" novalidate>
        <CsrfField token={ctx.csrfToken} />
        <h2>Années d'usage</h2>
        <p class="hint">
          Pour retirer une catégorie, indiquez sa dernière année d'usage : elle ne sera plus proposée ensuite, mais les
          demandes passées la gardent.
        </p>
        <TextField
          name="inUseFrom"
          label="En usage depuis (vide : toujours)"
          inputmode="numeric"
          value={values.inUseFrom}
          errors={errors}
        />
        <TextField
          name="inUseUntil"
          label="En usage jusqu'en (vide : toujours)"
          inputmode="numeric"
          value={values.inUseUntil}
          errors={errors}
        />
        <button type="submit">Enregistrer les années</button>
      </form>
    </Layout>
  );
}
