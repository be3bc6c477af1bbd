import { plural, NOUNS } from '../../lib/plural.js';
import { formatMonthYearFr } from '../../lib/typography.js';
import type { ViewContext } from '../../web/context.js';
import { CheckboxGroup, CsrfField, ErrorSummary, TextArea, type FieldErrors } from '../../web/forms.js';
import { Layout } from '../../web/layout.js';
import { REPORT_TEXT_MAX_SENTENCES } from '../../lib/report-text.js';
import type { RequestForText, SpanRequestRow } from './reports.request-text.service.js';

/** Writing one request's text for the report. */
export function RequestTextPage(props: {
  ctx: ViewContext;
  r: RequestForText;
  value: string;
  returnTo: string;
  errors?: FieldErrors;
  /** Hints found in the text just submitted: saving needs a second click. */
  warnings?: string[];
}): JSX.Element {
  const { ctx, r, value, returnTo, errors, warnings } = props;
  const month = formatMonthYearFr(r.eventOn ?? r.receivedOn);
  return (
    <Layout ctx={ctx} title={`Texte pour le rapport — ${r.reference}`} narrow>
      <p>
        <a href={returnTo}>Retour</a>
      </p>
      <h1 safe>{`Texte pour le rapport : demande ${r.reference}`}</h1>
      <ErrorSummary errors={errors} />
      <p>
        <span>Objet dans le registre : </span>
        <span safe>{`« ${r.subject} »`}</span>
      </p>
      <p class="hint" safe>
        {`De une à ${REPORT_TEXT_MAX_SENTENCES} phrases, comme le rapport les publie : ce qui a été demandé et ce que le bureau en a fait, sans rien qui permette de reconnaître une personne, une équipe ou une institution précise. Le rapport ajoute le mois de l'activité : « (${month}) ». Vide : l'objet est imprimé.`}
      </p>
      {warnings?.length ? (
        <div class="warning-box" role="alert">
          <p>Ce texte semble identifier quelqu'un :</p>
          <ul>
            {warnings.map((w) => (
              <li safe>{w}</li>
            ))}
          </ul>
          <p>Corrigez-le, ou enregistrez à nouveau si vous avez vérifié que rien n'identifie personne.</p>
        </div>
      ) : (
        ''
      )}
      <form method="post" action={`/bureau/rapport/demandes/${r.id}/texte`} novalidate>
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="retour" value={returnTo} />
        {warnings?.length ? <input type="hidden" name="confirmIdentifying" value="oui" /> : ''}
        <TextArea name="reportText" label="Texte pour le rapport" value={value} rows={5} errors={errors} />
        <CheckboxGroup
          name="verifie"
          label="Vérification"
          values={[]}
          options={[{ value: 'oui', label: "Vérifié : rien d'identifiant (noté dans le journal)" }]}
          hint="Cochez si vous avez relu l'objet, la précision de l'issue et ce texte : rien ne permet de reconnaître quelqu'un."
          errors={errors}
        />
        <div class="actions">
          <button type="submit">Enregistrer</button>
        </div>
      </form>
    </Layout>
  );
}

/** The span's requests and their texts, to write them one after the other. */
export function SpanRequestsPage(props: {
  ctx: ViewContext;
  label: string;
  base: string;
  rows: SpanRequestRow[];
}): JSX.Element {
  const { ctx, label, base, rows } = props;
  const missing = rows.filter((r) => !r.reportText).length;
  return (
    <Layout ctx={ctx} title={`Textes pour le rapport ${label}`}>
      <p>
        <a href={base} safe>{`Retour au rapport ${label}`}</a>
      </p>
      <h1 safe>{`Textes pour le rapport ${label}`}</h1>
      <p safe>{`${plural(rows.length, NOUNS.request)}, dont ${missing} sans texte (leur objet est alors imprimé).`}</p>
      <div class="table-wrap" role="region" tabindex="0" aria-label="Demandes et textes pour le rapport">
        <table>
          <caption>Demandes de la période</caption>
          <thead>
            <tr>
              <th scope="col">Référence</th>
              <th scope="col">Objet</th>
              <th scope="col">Texte pour le rapport</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <th scope="row">
                  <a
                    href={`/bureau/rapport/demandes/${r.id}/texte?retour=${encodeURIComponent(`${base}/demandes`)}`}
                    safe
                  >
                    {r.reference}
                  </a>
                </th>
                <td safe>{r.subject}</td>
                <td safe>{r.reportText ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}
