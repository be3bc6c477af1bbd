import { formatDateShort } from '../../lib/time.js';
import { formatNumberFr, formatYears, MONTH_NAMES } from '../../lib/typography.js';
import type { ViewContext } from '../../web/context.js';
import { CsrfField, ErrorSummary, SelectField, TextField, type FieldErrors } from '../../web/forms.js';
import { Layout } from '../../web/layout.js';
import { str } from '../../web/validation.js';
import { QUOTED_SOURCES, type QuotedFigureRow } from './figures.quoted.service.js';

/** The figures quoted in the report (a free label, one year or a period): the list and the form. */
export interface QuotedFigureValues {
  group: string;
  label: string;
  firstYear: string;
  lastYear: string;
  value: string;
  month: string;
  measuredOn: string;
  source: string;
  note: string;
}

/** The form's fields as typed (empty for a new figure), to show it again with its messages. */
export function quotedFigureValues(body: Record<string, unknown>): QuotedFigureValues {
  return {
    group: str(body.group),
    label: str(body.label),
    firstYear: str(body.firstYear),
    lastYear: str(body.lastYear),
    value: str(body.value),
    month: str(body.month),
    measuredOn: str(body.measuredOn),
    source: str(body.source),
    note: str(body.note),
  };
}

function period(f: QuotedFigureRow): string {
  return formatYears(f.firstYear, f.lastYear);
}

export function QuotedFiguresPage(props: {
  ctx: ViewContext;
  figures: QuotedFigureRow[];
  values: QuotedFigureValues;
  errors?: FieldErrors | undefined;
}): JSX.Element {
  const { ctx, figures, values, errors } = props;
  return (
    <Layout ctx={ctx} title="Chiffres cités dans le rapport">
      <p>
        <a href="/bureau/chiffres">Chiffres annuels</a>
      </p>
      <h1>Chiffres cités dans le rapport</h1>
      <p>
        Les chiffres que le rapport cite comme le comité les écrit : avec leur propre libellé (« Facebook : mentions
        J'aime »), sur une période (« 2019–2020 : 26 nouvelles personnes »), avec le mois d'un minimum ou d'un maximum
        (« 1 214 visites (août) ») ou la date où ils ont été relevés (« au 29/09/2021 »). Chacun dit sa source.
      </p>
      <h2 id="ajout-titre">Ajouter un chiffre</h2>
      <ErrorSummary errors={errors} />
      <form method="post" action="/bureau/chiffres/cites" class="card" novalidate aria-labelledby="ajout-titre">
        <CsrfField token={ctx.csrfToken} />
        <TextField
          name="group"
          label="Rubrique"
          hint="Ex. Bureau, Site et réseaux, Plénière."
          value={values.group}
          errors={errors}
        />
        <TextField name="label" label="Libellé" value={values.label} errors={errors} required />
        <div class="grid-2">
          <TextField
            name="firstYear"
            label="Année (ou première année)"
            value={values.firstYear}
            errors={errors}
            required
            inputmode="numeric"
            maxlength={4}
          />
          <TextField
            name="lastYear"
            label="Dernière année d'une période"
            hint="Vide pour une seule année."
            value={values.lastYear}
            errors={errors}
            inputmode="numeric"
            maxlength={4}
          />
        </div>
        <TextField
          name="value"
          label="Valeur"
          hint="Un nombre entier (ex. 968 ou 2 000)."
          value={values.value}
          errors={errors}
          required
          inputmode="numeric"
        />
        <div class="grid-2">
          <SelectField
            name="month"
            label="Mois (d'un minimum ou d'un maximum)"
            options={MONTH_NAMES.map((m, i) => ({ value: String(i + 1), label: m }))}
            placeholder="Aucun"
            value={values.month}
            errors={errors}
          />
          <TextField name="measuredOn" label="Relevé le" type="date" value={values.measuredOn} errors={errors} />
        </div>
        <SelectField
          name="source"
          label="Source"
          options={Object.entries(QUOTED_SOURCES).map(([value, label]) => ({ value, label }))}
          value={values.source || 'manual'}
          errors={errors}
        />
        <TextField name="note" label="Note (facultative)" value={values.note} errors={errors} maxlength={500} />
        <button type="submit">Ajouter</button>
      </form>
      {figures.length ? (
        <div class="table-wrap" role="region" tabindex="0" aria-label="Chiffres cités">
          <table>
            <caption>Chiffres cités</caption>
            <thead>
              <tr>
                <th scope="col">Rubrique</th>
                <th scope="col">Libellé</th>
                <th scope="col">Période</th>
                <th scope="col" class="num">
                  Valeur
                </th>
                <th scope="col">Source</th>
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {figures.map((f) => (
                <tr>
                  <td safe>{f.group}</td>
                  <th scope="row" safe>
                    {f.label}
                  </th>
                  <td safe>{period(f)}</td>
                  <td class="num" safe>
                    {`${formatNumberFr(f.value)}${f.month ? ` (${MONTH_NAMES[f.month - 1] ?? ''})` : ''}${f.measuredOn ? ` (au ${formatDateShort(f.measuredOn)})` : ''}`}
                  </td>
                  <td safe>{QUOTED_SOURCES[f.source]}</td>
                  <td>
                    <form method="post" action="/bureau/chiffres/cites/supprimer" class="inline">
                      <CsrfField token={ctx.csrfToken} />
                      <input type="hidden" name="id" value={String(f.id)} />
                      <button type="submit" class="link-button">
                        Supprimer<span class="visually-hidden" safe>{` ${f.label} ${period(f)}`}</span>
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>Aucun chiffre cité pour l'instant.</p>
      )}
    </Layout>
  );
}
