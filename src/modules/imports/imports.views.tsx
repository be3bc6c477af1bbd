import { plural, pluralForm, NOUNS } from '../../lib/plural.js';
import type { ViewContext } from '../../web/context.js';
import { CsrfField } from '../../web/forms.js';
import { Layout } from '../../web/layout.js';
import { formatDateShort } from '../../lib/time.js';
import { CHANNELS, OUTCOMES, STATUSES } from '../requests/requests.constants.js';
import type { Table } from './imports.csv.js';
import {
  COLUMNS,
  DEFAULT_CHANNEL,
  formatProblem,
  MAX_ROWS,
  REQUIRED_COLUMNS,
  type ImportProblem,
} from './imports.rows.js';
import { countByYearAndKind, type ImportFormat, type ImportPlan } from './imports.service.js';

const PREVIEW_ROWS = 20;

function UploadForm({ ctx }: { ctx: ViewContext }): JSX.Element {
  return (
    <form
      method="post"
      action="/bureau/import"
      enctype="multipart/form-data"
      class="card"
      aria-labelledby="upload-title"
    >
      <CsrfField token={ctx.csrfToken} />
      <h2 id="upload-title">Choisir le fichier</h2>
      <div class="field">
        <label for="fichier">
          Fichier CSV ou XLSX <span class="required">(obligatoire)</span>
        </label>
        <p class="hint" id="fichier-hint">
          5 Mo au maximum. Rien n'est enregistré à cette étape : vous verrez d'abord ce qui serait créé.
        </p>
        <input
          type="file"
          id="fichier"
          name="fichier"
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          required
          aria-describedby="fichier-hint"
        />
      </div>
      <button type="submit">Prévisualiser l'import</button>
    </form>
  );
}

export function ImportPage({ ctx, fileError }: { ctx: ViewContext; fileError?: string }): JSX.Element {
  return (
    <Layout ctx={ctx} title="Importer des demandes">
      <h1>Importer des demandes</h1>
      <p>
        Reprenez dans le registre les demandes tenues jusqu'ici dans un tableur. Le fichier est vérifié en entier : s'il
        contient une seule erreur, rien n'est importé et chaque erreur est indiquée avec sa ligne et sa colonne.
        Importer deux fois le même fichier ne crée pas de doublon.
      </p>
      {fileError ? (
        <div class="error-summary" role="alert" tabindex="-1" id="erreurs">
          <h2>Le fichier n'a pas pu être lu : rien n'a été importé.</h2>
          <p safe>{fileError}</p>
        </div>
      ) : (
        ''
      )}
      <UploadForm ctx={ctx} />
      <h2>Format du fichier</h2>
      <p>
        Une ligne d'en-têtes, puis une demande par ligne. CSV en UTF-8 (séparateur point-virgule ou virgule) ou classeur
        XLSX (première feuille).{' '}
        <a href="/bureau/import/exemple.csv" download="exemple-import-demandes.csv">
          Télécharger un fichier d'exemple
        </a>
        .
      </p>
      <div class="table-wrap" role="region" tabindex="0" aria-label="Tableau de l'import">
        <table>
          <caption>Colonnes acceptées</caption>
          <thead>
            <tr>
              <th scope="col">Colonne</th>
              <th scope="col">Contenu</th>
            </tr>
          </thead>
          <tbody>
            {COLUMNS.map((c) => (
              <tr>
                <td>
                  <code>{c}</code>
                  {REQUIRED_COLUMNS.includes(c) ? ' (obligatoire)' : ''}
                </td>
                <td safe>{COLUMN_HELP[c]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="hint">
        {`Un import ne contient jamais l'identité d'un demandeur : un fichier avec une colonne nom, e-mail, téléphone ou organisation est refusé. Au plus ${MAX_ROWS} lignes par fichier.`}
      </p>
    </Layout>
  );
}

const COLUMN_HELP: Record<(typeof COLUMNS)[number], string> = {
  received_on: 'Date de réception : AAAA-MM-JJ ou JJ/MM/AAAA.',
  kind: 'Type de demande : code ou libellé (voir « Catégories »).',
  subject: 'Objet : une ligne anonyme (300 caractères au maximum).',
  channel: `Canal : code ou libellé ; « ${CHANNELS.labels[DEFAULT_CHANNEL]} » si vide.`,
  sector: 'Secteur : code ou libellé.',
  theme: 'Thèmes : codes ou libellés, séparés par « | » ; un sous-thème par son propre code ou libellé.',
  status: `Statut : code ou libellé ; si vide, « ${STATUSES.labels.closed} » quand une issue est donnée ; sans issue, une année passée est close « ${OUTCOMES.labels.not_recorded.toLowerCase()} », l’année en cours reste « ${STATUSES.labels.new} ».`,
  outcome: 'Issue : code ou libellé (Réalisée, Déclinée, Annulée…).',
  outcome_reason: 'Raison (refus, annulation) : code ou libellé.',
  event_on: "Date de l'activité : AAAA-MM-JJ ou JJ/MM/AAAA.",
  planned_year: 'Année prévue (activité reportée) : quatre chiffres.',
  notes: 'Notes internes (jamais dans le rapport).',
  report_text:
    'Texte pour le rapport : une à quatre phrases anonymes, imprimées à la place de l’objet, avec le mois de l’activité.',
};

function ProblemList({ problems }: { problems: ImportProblem[] }): JSX.Element {
  return (
    <ul>
      {problems.map((p) => (
        <li safe>{formatProblem(p)}</li>
      ))}
    </ul>
  );
}

export function PreviewPage({
  ctx,
  plan,
  table,
  format,
  filename,
}: {
  ctx: ViewContext;
  plan: ImportPlan;
  table: Table;
  format: ImportFormat;
  filename: string;
}): JSX.Element {
  const counts = countByYearAndKind(plan.rows);
  return (
    <Layout ctx={ctx} title="Importer des demandes : aperçu">
      <p class="meta">
        <a href="/bureau/import">← Choisir un autre fichier</a>
      </p>
      <h1>Aperçu de l'import</h1>
      <p
        safe
      >{`Fichier « ${filename} » (${format.toUpperCase()}), ${plural(table.rows.length, { one: 'ligne', other: 'lignes' })} de données.`}</p>
      {plan.errors.length ? (
        <>
          <div class="error-summary" role="alert" tabindex="-1" id="erreurs">
            <h2
              safe
            >{`Le fichier contient ${plan.errors.length} erreur${plan.errors.length > 1 ? 's' : ''} : rien ne sera importé.`}</h2>
            <p>Corrigez le fichier puis choisissez-le à nouveau.</p>
            <ProblemList problems={plan.errors} />
          </div>
          <UploadForm ctx={ctx} />
        </>
      ) : (
        <>
          <p class={plan.rows.length ? 'notice' : 'flash'} role="status" safe>
            {plan.rows.length
              ? `${plural(plan.rows.length, NOUNS.request)} ${pluralForm(plan.rows.length, { one: 'sera créée', other: 'seront créées' })}${plan.alreadyImported.length ? `, ${plural(plan.alreadyImported.length, { one: 'ligne déjà importée sera ignorée', other: 'lignes déjà importées seront ignorées' })}` : ''}. Rien n’est encore enregistré.`
              : `Rien à importer : ${pluralForm(plan.alreadyImported.length, { one: 'la ligne est', other: `les ${plan.alreadyImported.length} lignes sont` })} déjà dans le registre.`}
          </p>
          {counts.length ? (
            <div class="table-wrap" role="region" tabindex="0" aria-label="Tableau de l'import">
              <table>
                <caption>Demandes qui seraient créées, par année et par type</caption>
                <thead>
                  <tr>
                    <th scope="col">Année</th>
                    <th scope="col">Type</th>
                    <th scope="col">Nombre</th>
                  </tr>
                </thead>
                <tbody>
                  {counts.map((c) => (
                    <tr>
                      <td safe>{String(c.year)}</td>
                      <td safe>{c.kindLabel}</td>
                      <td safe>{String(c.count)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            ''
          )}
          {plan.alreadyImported.length ? (
            <section aria-labelledby="already">
              <h2 id="already">Lignes déjà importées (ignorées)</h2>
              <ul>
                {plan.alreadyImported.map((a) => (
                  <li safe>{`ligne ${a.line} : déjà importée (demande ${a.reference})`}</li>
                ))}
              </ul>
            </section>
          ) : (
            ''
          )}
          {plan.warnings.length ? (
            <section aria-labelledby="warnings" class="warning-box">
              <h2 id="warnings">À vérifier avant d'importer</h2>
              <p>
                Ces textes pourraient identifier une personne. Ce n'est pas bloquant : corrigez le fichier si
                nécessaire.
              </p>
              <ProblemList problems={plan.warnings} />
            </section>
          ) : (
            ''
          )}
          {plan.rows.length ? (
            <>
              <div class="table-wrap" role="region" tabindex="0" aria-label="Tableau de l'import">
                <table>
                  <caption>
                    {plan.rows.length > PREVIEW_ROWS ? `Les ${PREVIEW_ROWS} premières demandes` : 'Les demandes'}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Ligne</th>
                      <th scope="col">Reçue le</th>
                      <th scope="col">Type</th>
                      <th scope="col">Objet</th>
                      <th scope="col">Statut</th>
                    </tr>
                  </thead>
                  <tbody>
                    {plan.rows.slice(0, PREVIEW_ROWS).map((r) => (
                      <tr>
                        <td safe>{String(r.line)}</td>
                        <td safe>{formatDateShort(r.receivedOn)}</td>
                        <td safe>{r.kindLabel}</td>
                        <td safe>{r.subject}</td>
                        <td safe>
                          {r.outcome
                            ? `${STATUSES.labels[r.status]} — ${OUTCOMES.labels[r.outcome]}`
                            : STATUSES.labels[r.status]}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <form method="post" action="/bureau/import/confirmer" enctype="multipart/form-data" class="actions">
                <CsrfField token={ctx.csrfToken} />
                <input type="hidden" name="format" value={format} />
                {/* Base64: the table travels back byte for byte, whatever characters its cells hold. */}
                <input
                  type="hidden"
                  name="tableau"
                  value={Buffer.from(JSON.stringify(table), 'utf8').toString('base64')}
                />
                <button type="submit" safe>{`Importer ${plural(plan.rows.length, NOUNS.request)}`}</button>
                <a class="button secondary" href="/bureau/import">
                  Annuler
                </a>
              </form>
            </>
          ) : (
            ''
          )}
        </>
      )}
    </Layout>
  );
}
