import type { ViewContext } from '../../web/context.js';
import { CsrfField } from '../../web/forms.js';
import { Layout } from '../../web/layout.js';
import type { ActivityReport, IdentifyingWarningItem } from './reports.model.js';
import { PlanChapters, PlanToc } from './reports.plan.html.js';
import { buildDocumentPlan } from './reports.plan.js';
import { yearsLabel } from './reports.present.js';

/**
 * The printable report: drawn from the same plan as the Markdown, the PDF and
 * the DOCX (reports.plan.ts), with, in the app only, the warnings, the export
 * links and the links to write the board's texts.
 */
export interface ReportLinks {
  /** Base URL of this report, e.g. /bureau/rapport/2019-2020 (page only). */
  base: string;
  formats: Array<{ format: string; label: string; href: string }>;
}

export function WarningsBox({
  warnings,
  exportLinks,
  csrfToken,
  returnTo,
  exportAction,
}: {
  warnings: IdentifyingWarningItem[];
  exportLinks?: ReportLinks['formats'];
  /** With a token, each request can be marked « vérifié : rien d'identifiant ». */
  csrfToken?: string;
  returnTo?: string;
  /**
   * Where « exporter malgré tout » posts (with csrfToken). A form, never a link: it writes the audit
   * trail, and a link could be followed by an image in a page (issue 9).
   */
  exportAction?: string;
}): JSX.Element {
  if (!warnings.length) return '';
  const n = warnings.length;
  return (
    <section class="warning-box no-print" aria-labelledby="avertissements-titre" id="avertissements">
      <h2
        id="avertissements-titre"
        safe
      >{`${n} demande${n > 1 ? 's semblent' : ' semble'} contenir un texte identifiant : à vérifier avant d'exporter`}</h2>
      <p>
        Un sujet, une précision ou un texte pour le rapport paraît contenir un nom, une adresse e-mail ou un numéro.
        Corrigez-le ; ou, si vous avez vérifié que rien n'identifie personne, dites-le pour cette demande (c'est noté
        dans le journal). Les exports sont refusés tant qu'il en reste.
      </p>
      <ul>
        {warnings.map((w) => (
          <li>
            {w.requestId ? (
              <a href={`/demandes/${w.requestId}/modifier`} safe>{`Corriger la demande ${w.reference}`}</a>
            ) : (
              <span safe>{w.reference}</span>
            )}
            <span safe>{` — « ${w.subject} »`}</span>
            <span class="meta" safe>{` (${w.hints.join(' ; ')})`}</span>
            {w.requestId ? (
              <>
                {' '}
                <a
                  href={`/bureau/rapport/demandes/${w.requestId}/texte`}
                  safe
                >{`Texte pour le rapport (${w.reference})`}</a>
              </>
            ) : (
              ''
            )}
            {w.requestId && csrfToken ? (
              <form method="post" action={`/bureau/rapport/demandes/${w.requestId}/verifie`} class="inline-form">
                <CsrfField token={csrfToken} />
                <input type="hidden" name="retour" value={returnTo ?? ''} />
                <button type="submit" class="secondary" safe>{`Vérifié : rien d'identifiant (${w.reference})`}</button>
              </form>
            ) : (
              ''
            )}
          </li>
        ))}
      </ul>
      {exportLinks?.length && exportAction && csrfToken ? (
        <div>
          <p>En cas d'urgence, exporter malgré tout (noté dans le journal) :</p>
          {exportLinks.map((l) => (
            <form method="post" action={exportAction} class="inline-form">
              <CsrfField token={csrfToken} />
              <input type="hidden" name="format" value={l.format} />
              <input type="hidden" name="malgre" value="1" />
              <button type="submit" class="secondary" safe>{`${l.label} malgré tout`}</button>
            </form>
          ))}
        </div>
      ) : (
        ''
      )}
    </section>
  );
}

/** What the board has not written yet: said on the page, never printed in the document. */
function MissingTexts({ r, base }: { r: ActivityReport; base: string }): JSX.Element {
  const missing = [
    r.introduction.trim() ? '' : "l'introduction",
    r.analysis.trim() ? '' : "l'analyse transversale",
  ].filter(Boolean);
  if (!missing.length) return '';
  return (
    <p class="notice no-print">
      <span
        safe
      >{`Pas encore rédigé : ${missing.join(' et ')} (absent${missing.length > 1 ? 's' : 'e'} du document). `}</span>
      <a href={`${base}/textes`}>Rédiger</a>
    </p>
  );
}

/** The report itself: cover, table of contents, the chapters. */
function ReportBody({
  r,
  links,
  csrfToken,
}: {
  r: ActivityReport;
  links?: ReportLinks | undefined;
  csrfToken?: string;
}): JSX.Element {
  const plan = buildDocumentPlan(r);
  return (
    <article class="report" aria-labelledby="rapport-titre" lang="fr-BE">
      <header class="report-cover">
        <p class="report-org" safe>
          {plan.organisation}
        </p>
        <h1 id="rapport-titre" safe>
          {`${plan.title} ${plan.yearsLabel}`}
        </h1>
      </header>
      {links ? (
        <WarningsBox
          warnings={r.warnings}
          exportLinks={links.formats}
          {...(csrfToken ? { csrfToken, exportAction: `${links.base}/export` } : {})}
          returnTo={links.base}
        />
      ) : (
        ''
      )}
      {links ? (
        <>
          <div class="actions no-print">
            {links.formats.map((f) => (
              <a class="button secondary" href={f.href} safe>
                {f.label}
              </a>
            ))}
            <button type="button" class="secondary" data-print hidden>
              Imprimer
            </button>
          </div>
          <ul class="actions-list no-print">
            <li>
              <a href={`${links.base}/textes`}>Rédiger l'introduction et l'analyse</a>
            </li>
            <li>
              <a href={`${links.base}/plan`}>Plan du rapport : sections, ordre, textes et notes</a>
            </li>
            <li>
              <a href={`${links.base}/demandes`}>Textes pour le rapport, demande par demande</a>
            </li>
            <li>
              <a href="/bureau/chiffres">Chiffres encodés à la main et chiffres cités</a>
            </li>
            <li>
              <a href={`${links.base}/regle`}>Règle de comptage</a>
            </li>
            <li>
              <a href="/bureau/rapport/logo">Logo de l'organisation (couverture)</a>
            </li>
          </ul>
          <MissingTexts r={r} base={links.base} />
        </>
      ) : (
        ''
      )}
      <PlanToc plan={plan} />
      <PlanChapters plan={plan} />
    </article>
  );
}

export function ReportPage({
  ctx,
  r,
  links,
}: {
  ctx: ViewContext;
  r: ActivityReport;
  links: ReportLinks;
}): JSX.Element {
  return (
    <Layout ctx={ctx} title={`Rapport ${yearsLabel(r.years)}`}>
      <p class="no-print">
        <a href="/bureau/rapport">Choisir d'autres années</a>
      </p>
      <ReportBody r={r} links={links} csrfToken={ctx.csrfToken} />
    </Layout>
  );
}

/** A standalone HTML file (CLI `--format html`): the same body, the stylesheet embedded. */
export function ReportDocument({ r, css }: { r: ActivityReport; css: string }): JSX.Element {
  const safeCss = css.replace(/<\/style/gi, '<\\/style');
  return (
    <html lang="fr-BE">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title safe>{r.title}</title>
        <style>{safeCss}</style>
      </head>
      <body>
        <main id="contenu">
          <ReportBody r={r} />
        </main>
      </body>
    </html>
  );
}
