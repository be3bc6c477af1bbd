import type { ViewContext } from '../../web/context.js';
import { formatInstant } from '../../lib/time.js';
import { CsrfField, ErrorSummary, SelectField, TextArea, type FieldErrors, FormattingHelp } from '../../web/forms.js';
import { Layout } from '../../web/layout.js';
import { markdownToHtml } from '../../web/markdown.js';
import type { IdentifyingWarningItem } from './reports.model.js';
import { WarningsBox, type ReportLinks } from './reports.views.js';
import { yearsLabel } from './reports.present.js';

/** Year picker: a GET form, so it works without JavaScript and the result has a shareable address. */
export function ReportPickerPage({
  ctx,
  years,
  first,
  last,
  errors,
}: {
  ctx: ViewContext;
  years: number[];
  first: number;
  last: number;
  errors?: FieldErrors;
}): JSX.Element {
  const options = years.map((y) => ({ value: String(y), label: String(y) }));
  return (
    <Layout ctx={ctx} title="Rapport d'activités" narrow>
      <h1>Rapport d'activités</h1>
      <ErrorSummary errors={errors} />
      <p>
        Un rapport couvre une année ou plusieurs années qui se suivent (par exemple 2019-2020), une colonne par année.
      </p>
      <form method="get" action="/bureau/rapport" novalidate>
        <SelectField
          name="de"
          label="Première année"
          options={options}
          value={String(first)}
          errors={errors}
          required
        />
        <SelectField
          name="a"
          label="Dernière année"
          options={options}
          value={String(last)}
          errors={errors}
          hint="La même que la première pour le rapport d'une seule année."
          required
        />
        <div class="actions">
          <button type="submit">Afficher le rapport</button>
        </div>
      </form>
    </Layout>
  );
}

export interface TextsValues {
  introduction: string;
  analysis: string;
}

export function ReportTextsPage(props: {
  ctx: ViewContext;
  years: number[];
  base: string;
  values: TextsValues;
  preview: boolean;
  errors?: FieldErrors;
  updatedAt: string | null;
}): JSX.Element {
  const { ctx, years, base, values, preview, errors } = props;
  const label = yearsLabel(years);
  return (
    <Layout ctx={ctx} title={`Textes du rapport ${label}`}>
      <p>
        <a href={base} safe>{`Retour au rapport ${label}`}</a>
      </p>
      <h1 safe>{`Introduction et analyse du rapport ${label}`}</h1>
      <ErrorSummary errors={errors} />
      <p class="hint">Le HTML n’est pas interprété. Ne nommez personne : le rapport est public.</p>
      <FormattingHelp />
      {props.updatedAt ? <p class="meta" safe>{`Dernière modification : ${formatInstant(props.updatedAt)}.`}</p> : ''}
      <form method="post" action={`${base}/textes`} novalidate>
        <CsrfField token={ctx.csrfToken} />
        <TextArea name="introduction" label="Introduction" value={values.introduction} rows={10} errors={errors} />
        <TextArea name="analysis" label="Analyse transversale" value={values.analysis} rows={16} errors={errors} />
        <div class="actions">
          <button type="submit" name="action" value="save">
            Enregistrer
          </button>
          <button type="submit" name="action" value="preview" class="secondary">
            Aperçu
          </button>
        </div>
      </form>
      {preview ? <Preview values={values} /> : ''}
    </Layout>
  );
}

function Preview({ values }: { values: TextsValues }): JSX.Element {
  const safeIntroduction = markdownToHtml(values.introduction);
  const safeAnalysis = markdownToHtml(values.analysis);
  return (
    <section class="card report-preview" aria-labelledby="apercu-titre" id="apercu">
      <h2 id="apercu-titre">Aperçu (non enregistré)</h2>
      <h3>Introduction</h3>
      <div class="report-prose">{safeIntroduction || <p class="report-missing">Vide.</p>}</div>
      <h3>Analyse transversale</h3>
      <div class="report-prose">{safeAnalysis || <p class="report-missing">Vide.</p>}</div>
    </section>
  );
}

/** 409: an export asked for while subjects still look identifying. */
export function ExportRefusedPage({
  ctx,
  years,
  base,
  warnings,
  formats,
}: {
  ctx: ViewContext;
  years: number[];
  base: string;
  warnings: IdentifyingWarningItem[];
  formats: ReportLinks['formats'];
}): JSX.Element {
  return (
    <Layout ctx={ctx} title="Export refusé">
      <h1>Export refusé : des sujets semblent identifiants</h1>
      <p
        safe
      >{`Le rapport ${yearsLabel(years)} contient des sujets qui paraissent nommer une personne ou donner ses coordonnées. Corrigez-les d'abord ; si, après vérification, ce sont de faux positifs, exportez malgré tout.`}</p>
      <WarningsBox
        warnings={warnings}
        exportLinks={formats}
        csrfToken={ctx.csrfToken}
        exportAction={`${base}/export`}
        returnTo={base}
      />
      <p>
        <a href={base}>Retour au rapport</a>
      </p>
    </Layout>
  );
}

export interface JobView {
  id: string;
  status: 'running' | 'done' | 'failed';
  progress: number;
  step: string;
  formatLabel: string;
}

/**
 * Progress of a long export without JavaScript: the route sends a `Refresh: 2`
 * header (the HTTP form of <meta http-equiv="refresh">, which the shared
 * layout has no slot for) until the file is ready, then the page offers it.
 */
export function ExportProgressPage({
  ctx,
  job,
  base,
  fileUrl,
}: {
  ctx: ViewContext;
  job: JobView;
  base: string;
  fileUrl: string;
}): JSX.Element {
  const percent = Math.round(job.progress * 100);
  return (
    <Layout ctx={ctx} title={`Export ${job.formatLabel}`} narrow>
      <h1 safe>{`Export ${job.formatLabel}`}</h1>
      {job.status === 'running' ? (
        <>
          <p
            role="status"
            safe
          >{`Préparation en cours : ${job.step} (${percent} %). Cette page se met à jour toute seule.`}</p>
          <progress max="100" value={String(percent)} aria-label="Avancement de l'export" safe>
            {`${percent} %`}
          </progress>
          <p>
            <a href="">Actualiser maintenant</a>
          </p>
        </>
      ) : job.status === 'done' ? (
        <>
          <p role="status">Le fichier est prêt.</p>
          <p>
            <a class="button" href={fileUrl} safe>{`Télécharger le ${job.formatLabel}`}</a>
          </p>
        </>
      ) : (
        <p
          role="alert"
          class="notice"
          safe
        >{`L'export a échoué : ${job.step}. Réessayez ; si le problème persiste, signalez-le.`}</p>
      )}
      <p>
        <a href={base}>Retour au rapport</a>
      </p>
    </Layout>
  );
}
