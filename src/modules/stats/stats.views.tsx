import { plural, NOUNS } from '../../lib/plural.js';
import { formatNumberFr, MONTH_ABBREVIATIONS as MONTHS, MONTH_NAMES as MONTHS_LONG } from '../../lib/typography.js';
import type { ViewContext } from '../../web/context.js';
import { Layout } from '../../web/layout.js';
import { formatDay } from '../../lib/locale-format.js';
import type { SectionTotal } from './stats.queries.js';

const SECTION_LABELS: Record<string, string> = {
  accueil: 'Accueil',
  manifeste: 'Manifeste',
  actualites: 'Actualités',
  ressources: 'Ressources',
  agenda: 'Agenda',
  temoignages: 'Témoignages',
  membres: 'Membres',
  guide: 'Guide « Puis-je parler ? »',
  contact: 'Contact',
  'vie-privee': 'Vie privée',
  pages: 'Pages',
  newsletter: 'Newsletter',
};

export interface YearStats {
  year: number;
  years: number[];
  months: number[];
  busiest: { day: string; visitors: number; views: number } | null;
  total: { visitors: number; views: number; firstDay: string | null };
  sections: SectionTotal[];
  pages: Array<{ pathKey: string; views: number; visitors: number }>;
}

/** Bar chart of the visits per month; min and max drawn differently and named in the text, the table holds the data. */
function MonthChart({ year, months }: { year: number; months: number[] }): JSX.Element {
  const withData = months.filter((v) => v > 0);
  const max = Math.max(1, ...months);
  const hi = withData.length ? Math.max(...withData) : -1;
  const lo = withData.length ? Math.min(...withData) : -1;
  const w = 600;
  const h = 240;
  const bar = 36;
  const gap = (w - 40 - 12 * bar) / 11;
  return (
    <svg viewBox={`0 0 ${w} ${h + 40}`} width="100%" role="img" aria-labelledby="chart-title chart-desc" class="chart">
      <title id="chart-title" safe>{`Visites par mois en ${year}`}</title>
      <desc id="chart-desc">
        {withData.length
          ? `Maximum : ${plural(hi, NOUNS.visit)} ; minimum : ${plural(lo, NOUNS.visit)}. Les valeurs sont dans le tableau qui suit.`
          : 'Aucune visite comptée cette année.'}
      </desc>
      <line x1="20" y1={String(h)} x2={String(w - 20)} y2={String(h)} stroke="#4a5263" stroke-width="1" />
      {months.map((v, i) => {
        const bh = Math.round((v / max) * (h - 30));
        const x = 20 + i * (bar + gap);
        const fill = v === hi && v > 0 ? '#083d6e' : v === lo && v > 0 ? '#c98a00' : '#0b5394';
        return (
          <g>
            <rect x={String(x)} y={String(h - bh)} width={String(bar)} height={String(bh)} fill={fill} />
            {v > 0 ? (
              <text
                x={String(x + bar / 2)}
                y={String(h - bh - 6)}
                text-anchor="middle"
                font-size="12"
                fill="#1d2330"
                safe
              >
                {formatNumberFr(v)}
              </text>
            ) : (
              ''
            )}
            <text x={String(x + bar / 2)} y={String(h + 18)} text-anchor="middle" font-size="12" fill="#1d2330">
              {MONTHS[i]}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** Horizontal bars of the sections (views). */
function SectionChart({ sections }: { sections: SectionTotal[] }): JSX.Element {
  const top = sections.slice(0, 8);
  const max = Math.max(1, ...top.map((s) => s.views));
  const rowH = 28;
  return (
    <svg
      viewBox={`0 0 600 ${top.length * rowH + 10}`}
      width="100%"
      role="img"
      aria-labelledby="sections-title"
      class="chart"
    >
      <title id="sections-title">Pages vues par section (les valeurs sont dans le tableau qui suit)</title>
      {top.map((s, i) => {
        const w = Math.max(2, Math.round((s.views / max) * 330));
        return (
          <g>
            <text x="190" y={String(i * rowH + 19)} text-anchor="end" font-size="13" fill="#1d2330" safe>
              {SECTION_LABELS[s.section] ?? s.section}
            </text>
            <rect x="200" y={String(i * rowH + 6)} width={String(w)} height="18" fill="#0b5394" />
            <text x={String(206 + w)} y={String(i * rowH + 19)} font-size="13" fill="#1d2330" safe>
              {formatNumberFr(s.views)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

export function StatsPage({ ctx, s }: { ctx: ViewContext; s: YearStats }): JSX.Element {
  const withData = s.months.map((v, i) => ({ v, i })).filter((m) => m.v > 0);
  const sum = withData.reduce((a, m) => a + m.v, 0);
  const hi = withData.reduce<{ v: number; i: number } | null>((a, m) => (!a || m.v > a.v ? m : a), null);
  const lo = withData.reduce<{ v: number; i: number } | null>((a, m) => (!a || m.v < a.v ? m : a), null);
  return (
    <Layout ctx={ctx} title={`Statistiques de visite ${s.year}`}>
      <h1 safe>{`Statistiques de visite ${s.year}`}</h1>
      <p>
        Comptées sans cookie ni service tiers : une « visite » est un visiteur distinct sur une journée, reconnu par une
        empreinte salée qui n’est jamais enregistrée. Les robots et les membres connectés ne sont pas comptés. Ces
        chiffres alimentent les chiffres clés du rapport d’activités.
      </p>
      {s.years.length > 1 ? (
        <nav aria-label="Années" class="actions">
          {s.years.map((y) => (
            <a
              href={`/bureau/statistiques?annee=${y}`}
              class={y === s.year ? 'button' : 'button secondary'}
              aria-current={y === s.year ? 'page' : undefined}
              safe
            >
              {String(y)}
            </a>
          ))}
        </nav>
      ) : (
        ''
      )}
      <div class="grid-2">
        <div class="card">
          <h2 safe>{`En ${s.year}`}</h2>
          <ul>
            <li
              safe
            >{`Visites par mois en moyenne : ${withData.length ? formatNumberFr(Math.round(sum / withData.length)) : '—'}`}</li>
            <li safe>{`Mois le plus haut : ${hi ? `${MONTHS_LONG[hi.i]} (${formatNumberFr(hi.v)})` : '—'}`}</li>
            <li safe>{`Mois le plus bas : ${lo ? `${MONTHS_LONG[lo.i]} (${formatNumberFr(lo.v)})` : '—'}`}</li>
            <li
              safe
            >{`Jour le plus visité : ${s.busiest ? `${formatDay('fr', s.busiest.day, true)} (${plural(s.busiest.visitors, NOUNS.visit)})` : '—'}`}</li>
          </ul>
        </div>
        <div class="card">
          <h2>Depuis le début</h2>
          <p
            safe
          >{`${plural(s.total.visitors, NOUNS.visit)} et ${plural(s.total.views, { one: 'page vue', other: 'pages vues' })}${s.total.firstDay ? ` depuis le ${formatDay('fr', s.total.firstDay)}` : ''}.`}</p>
        </div>
      </div>
      <h2>Visites par mois</h2>
      <MonthChart year={s.year} months={s.months} />
      <div class="table-wrap" role="region" tabindex="0" aria-label="Tableau des visites">
        <table>
          <caption class="visually-hidden" safe>{`Visites par mois en ${s.year}`}</caption>
          <thead>
            <tr>
              <th scope="col">Mois</th>
              <th scope="col">Visites</th>
            </tr>
          </thead>
          <tbody>
            {s.months.map((v, i) => (
              <tr>
                <th scope="row">{MONTHS_LONG[i]}</th>
                <td
                  safe
                >{`${formatNumberFr(v)}${hi && i === hi.i ? ' (maximum)' : lo && i === lo.i ? ' (minimum)' : ''}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>Sections les plus visitées</h2>
      {s.sections.length === 0 ? (
        <p>Aucune page vue cette année.</p>
      ) : (
        <>
          <SectionChart sections={s.sections} />
          <div class="table-wrap" role="region" tabindex="0" aria-label="Tableau des visites">
            <table>
              <thead>
                <tr>
                  <th scope="col">Section</th>
                  <th scope="col">Pages vues</th>
                  <th scope="col">Visiteurs (par page et par jour)</th>
                </tr>
              </thead>
              <tbody>
                {s.sections.map((x) => (
                  <tr>
                    <th scope="row" safe>
                      {SECTION_LABELS[x.section] ?? x.section}
                    </th>
                    <td safe>{formatNumberFr(x.views)}</td>
                    <td safe>{formatNumberFr(x.visitors)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h2>Pages les plus vues</h2>
          <ol>
            {s.pages.map((p) => (
              <li>
                <code safe>{p.pathKey}</code> <span safe>{`— ${formatNumberFr(p.views)} vues`}</span>
              </li>
            ))}
          </ol>
        </>
      )}
    </Layout>
  );
}
