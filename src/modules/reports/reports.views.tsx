import type { ViewContext } from '../../web/context.js';
import { Layout } from '../../web/layout.js';
import { kindsChart, monthsChart } from './reports.charts.js';
import { markdownToHtml } from '../../web/markdown.js';
import type { ActivityReport, IdentifyingWarningItem, KindReview, ReviewItem, ThemeGroup } from './reports.model.js';
import {
  countingRuleText,
  monthsNote,
  monthTableRows,
  notCountedText,
  formatChange,
  formatNumber,
  itemsOfYear,
  itemText,
  kindCell,
  kindReviews,
  MISSING_TEXT,
  SECTION_TITLES,
  sourcesSummary,
  themedItemText,
  totalCell,
  usedColumns,
  yearsLabel,
} from './reports.present.js';

/**
 * The printable report: the committee's order (introduction, key figures,
 * review, analysis), one column per year, SVG charts inline with the same
 * numbers in tables, the source of every figure. Used by the page in the app
 * and, without the app's chrome, by `vigie report --format html`.
 */
export interface ReportLinks {
  /** Base URL of this report, e.g. /bureau/rapport/2019-2020 (page only). */
  base: string;
  formats: Array<{ format: string; label: string; href: string }>;
}

function Paragraphs({ html, empty }: { html: string; empty: string }): JSX.Element {
  const safeHtml = html;
  return safeHtml ? (
    <div class="report-prose">{safeHtml}</div>
  ) : (
    <p class="report-missing" safe>
      {empty}
    </p>
  );
}

function YearHeaders({ years, first }: { years: number[]; first: string }): JSX.Element {
  return (
    <tr>
      <th scope="col" safe>
        {first}
      </th>
      {years.map((y) => (
        <th scope="col" class="num" safe>
          {String(y)}
        </th>
      ))}
    </tr>
  );
}

function KindsTable({ r }: { r: ActivityReport }): JSX.Element {
  const years = r.years.map(String);
  return (
    <div class="table-wrap" role="region" tabindex="0" aria-label="Tableau : demandes reçues par type">
      <table class="report-table" id="tableau-types">
        <caption>Demandes reçues par type</caption>
        <thead>
          <YearHeaders years={r.years} first="Type de demande" />
        </thead>
        <tbody>
          {r.requests.kinds.map((k) => (
            <tr data-kind={k.code}>
              <th scope="row">
                <span safe>{k.label}</span>
                {k.countsInTotal ? '' : <span class="meta"> (hors total)</span>}
              </th>
              {r.years.map((y) => (
                <td class="num" data-year={String(y)} safe>
                  {kindCell(r, k.code, y)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr class="report-total" data-row="total">
            <th scope="row">Total</th>
            {r.years.map((y) => (
              <td class="num" data-year={String(y)} safe>
                {totalCell(r, y)}
              </td>
            ))}
          </tr>
          <tr data-row="previous">
            <th scope="row">Total de l'année précédente</th>
            {years.map((y) => (
              <td class="num" data-year={y} safe>
                {formatNumber(r.requests.previousYearTotal[y])}
              </td>
            ))}
          </tr>
          <tr data-row="change">
            <th scope="row">Évolution</th>
            {years.map((y) => (
              <td class="num" data-year={y} safe>
                {formatChange(r.requests.change[y])}
              </td>
            ))}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

function KeyFiguresTable({ r }: { r: ActivityReport }): JSX.Element {
  const years = r.years.map(String);
  return (
    <div class="table-wrap" role="region" tabindex="0" aria-label="Tableau : autres chiffres clés">
      <table class="report-table" id="tableau-chiffres">
        <caption>Autres chiffres clés</caption>
        <thead>
          <tr>
            <th scope="col">Chiffre</th>
            {years.map((y) => (
              <th scope="col" class="num" safe>
                {y}
              </th>
            ))}
            <th scope="col">Source</th>
          </tr>
        </thead>
        <tbody>
          {r.keyFigures.map((f) => (
            <tr data-key={f.key}>
              <th scope="row" safe>
                {f.label}
              </th>
              {years.map((y) => (
                <td class="num" data-year={y} safe>
                  {formatNumber(f.byYear[y]?.value)}
                </td>
              ))}
              <td class="report-source" safe>
                {sourcesSummary(r.years, f.byYear)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function MonthsTable({ r }: { r: ActivityReport }): JSX.Element {
  return (
    <div class="table-wrap" role="region" tabindex="0" aria-label="Tableau : demandes reçues par mois">
      <table class="report-table report-months" id="tableau-mois">
        <caption>Demandes reçues par mois</caption>
        <thead>
          <YearHeaders years={r.years} first="Mois" />
        </thead>
        <tbody>
          {monthTableRows(r).map((row) => (
            <tr class={row.emphasis === 'total' ? 'report-total' : undefined}>
              <th scope="row" safe>
                {row.label}
              </th>
              {row.cells.map((c, i) => (
                <td class="num" data-year={String(r.years[i])} safe>
                  {c}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function KeyFigures({ r }: { r: ActivityReport }): JSX.Element {
  const years = r.years.map(String);
  const safeKinds = kindsChart(r);
  const safeMonths = monthsChart(r);
  return (
    <section id="chiffres" aria-labelledby="chiffres-titre" class="report-section">
      <h2 id="chiffres-titre" safe>{`1. ${SECTION_TITLES.keyFigures(r.years)}`}</h2>
      <h3>Demandes par type</h3>
      <KindsTable r={r} />
      <p class="report-source" safe>
        {`Sources — total : ${sourcesSummary(r.years, Object.fromEntries(years.map((y) => [y, { source: r.requests.totalSource[y] ?? null }])))}. ` +
          `Total de l'année précédente : ${sourcesSummary(r.years, Object.fromEntries(years.map((y) => [y, { source: r.requests.previousYearTotalSource[y] ?? null }])))}. ` +
          `Le total compte les types marqués comme comptés cette année-là. ${countingRuleText(r)} ${notCountedText(r)}`.trim()}
      </p>
      <figure class="report-figure">
        {safeKinds}
        <figcaption>Demandes par type et par année (mêmes chiffres que le tableau ci-dessus).</figcaption>
      </figure>
      {r.keyFigures.length ? (
        <>
          <h3>Autres chiffres clés</h3>
          <KeyFiguresTable r={r} />
        </>
      ) : (
        <p class="report-missing">Aucun autre chiffre clé n'est encodé pour ces années.</p>
      )}
      <h3>Demandes reçues par mois</h3>
      <figure class="report-figure">
        {safeMonths}
        <figcaption>Demandes reçues par mois, une ligne par année (détail dans le tableau ci-dessous).</figcaption>
      </figure>
      <MonthsTable r={r} />
      <p class="report-source" safe>
        {monthsNote(r)}
      </p>
    </section>
  );
}

function ItemList({ items, text }: { items: ReviewItem[]; text: (i: ReviewItem) => string }): JSX.Element {
  return (
    <ul class="report-items">
      {items.map((i) => (
        <li safe>{text(i)}</li>
      ))}
    </ul>
  );
}

function KindReviewTable({ r, review, n }: { r: ActivityReport; review: KindReview; n: number }): JSX.Element {
  const columns = usedColumns(review);
  return (
    <>
      <h3 safe>{`2.${n}. ${review.label}`}</h3>
      <div class="table-wrap" role="region" tabindex="0" aria-label={`Tableau : ${review.label}`}>
        <table class="report-table report-review" data-kind={review.code}>
          <caption safe>{`${review.label} : ce qu'il est advenu des demandes`}</caption>
          <thead>
            <tr>
              <th scope="col">Année</th>
              {columns.map(([, label]) => (
                <th scope="col" safe>
                  {label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {r.years.map((y) => (
              <tr>
                <th scope="row" safe>
                  {String(y)}
                </th>
                {columns.map(([col]) => {
                  const items = itemsOfYear(review[col], y);
                  return (
                    <td>
                      {items.length ? (
                        <ItemList items={items} text={(i) => itemText(i, col)} />
                      ) : (
                        <span class="meta">—</span>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function ThemeGroups({ r, n }: { r: ActivityReport; n: number }): JSX.Element {
  const text = (i: ReviewItem) => themedItemText(i, r.years);
  return (
    <>
      <h3 safe>{`2.${n}. ${SECTION_TITLES.themed}`}</h3>
      {r.review.adviceByTheme.map((g: ThemeGroup) => (
        <div class="report-theme" data-theme={g.code}>
          <h4 safe>{g.label}</h4>
          {g.items.length ? <ItemList items={g.items} text={text} /> : ''}
          {g.children.map((c) => (
            <>
              <h5 safe>{c.label}</h5>
              <ItemList items={c.items} text={text} />
            </>
          ))}
        </div>
      ))}
      {r.review.adviceWithoutTheme.length ? (
        <div class="report-theme">
          <h4>Sans thème</h4>
          <ItemList items={r.review.adviceWithoutTheme} text={text} />
        </div>
      ) : (
        ''
      )}
    </>
  );
}

function Review({ r }: { r: ActivityReport }): JSX.Element {
  const kinds = kindReviews(r);
  const themed = r.review.adviceByTheme.length > 0 || r.review.adviceWithoutTheme.length > 0;
  return (
    <section id="bilan" aria-labelledby="bilan-titre" class="report-section">
      <h2 id="bilan-titre" safe>{`2. ${SECTION_TITLES.review}`}</h2>
      {kinds.map((k, i) => (
        <KindReviewTable r={r} review={k} n={i + 1} />
      ))}
      {themed ? <ThemeGroups r={r} n={kinds.length + 1} /> : ''}
      {kinds.length === 0 && !themed ? <p class="report-missing">Aucune demande enregistrée pour ces années.</p> : ''}
    </section>
  );
}

export function WarningsBox({
  warnings,
  exportLinks,
}: {
  warnings: IdentifyingWarningItem[];
  exportLinks?: ReportLinks['formats'];
}): JSX.Element {
  if (!warnings.length) return '';
  return (
    <section class="warning-box no-print" aria-labelledby="avertissements-titre" id="avertissements">
      <h2
        id="avertissements-titre"
        safe
      >{`${warnings.length} sujet${warnings.length > 1 ? 's semblent' : ' semble'} identifiant${warnings.length > 1 ? 's' : ''} : à corriger avant d'exporter`}</h2>
      <p>
        Ces sujets de demande paraissent contenir un nom, une adresse e-mail ou un numéro. Corrigez-les dans le registre
        ; les exports sont refusés tant qu'il en reste, sauf confirmation explicite.
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
          </li>
        ))}
      </ul>
      {exportLinks?.length ? (
        <p>
          <span>Exporter malgré tout, après vérification : </span>
          {exportLinks.map((l, i) => (
            <>
              {i > 0 ? ', ' : ''}
              <a href={`${l.href}${l.href.includes('?') ? '&' : '?'}malgre=1`} safe>
                {l.label}
              </a>
            </>
          ))}
        </p>
      ) : (
        ''
      )}
    </section>
  );
}

/** The report itself: cover, table of contents, the four sections. */
function ReportBody({ r, links }: { r: ActivityReport; links?: ReportLinks | undefined }): JSX.Element {
  return (
    <article class="report" aria-labelledby="rapport-titre">
      <header class="report-cover">
        <p class="report-org" safe>
          {r.organisationName}
        </p>
        <h1 id="rapport-titre" safe>
          {r.title}
        </h1>
      </header>
      {links ? <WarningsBox warnings={r.warnings} exportLinks={links.formats} /> : ''}
      {links ? (
        <div class="actions no-print">
          {links.formats.map((f) => (
            <a class="button secondary" href={f.href} safe>
              {f.label}
            </a>
          ))}
          <a href={`${links.base}/textes`}>Rédiger l'introduction et l'analyse</a>
          <a href={`${links.base}/regle`}>Règle de comptage</a>
          <button type="button" class="secondary" data-print hidden>
            Imprimer
          </button>
        </div>
      ) : (
        ''
      )}
      <nav class="report-toc" aria-labelledby="sommaire-titre">
        <h2 id="sommaire-titre">Table des matières</h2>
        <ol>
          <li>
            <a href="#introduction">{SECTION_TITLES.introduction}</a>
          </li>
          <li>
            <a href="#chiffres" safe>{`1. ${SECTION_TITLES.keyFigures(r.years)}`}</a>
          </li>
          <li>
            <a href="#bilan" safe>{`2. ${SECTION_TITLES.review}`}</a>
          </li>
          <li>
            <a href="#analyse" safe>{`3. ${SECTION_TITLES.analysis}`}</a>
          </li>
        </ol>
      </nav>
      <section id="introduction" aria-labelledby="introduction-titre" class="report-section">
        <h2 id="introduction-titre">{SECTION_TITLES.introduction}</h2>
        <Paragraphs html={markdownToHtml(r.introduction)} empty={MISSING_TEXT} />
      </section>
      <KeyFigures r={r} />
      <Review r={r} />
      <section id="analyse" aria-labelledby="analyse-titre" class="report-section">
        <h2 id="analyse-titre" safe>{`3. ${SECTION_TITLES.analysis}`}</h2>
        <Paragraphs html={markdownToHtml(r.analysis)} empty={MISSING_TEXT} />
      </section>
      <p class="report-footer meta" safe>
        {`Rapport produit par Vigie le ${r.generatedAt.slice(0, 10)}. Aucune identité de demandeur n'y figure.`}
      </p>
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
      <ReportBody r={r} links={links} />
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
