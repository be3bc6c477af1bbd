import type { ViewContext } from '../../web/context.js';
import { Layout } from '../../web/layout.js';
import { formatDateShort } from '../../lib/time.js';
import { NOUNS, pluralForm } from '../../lib/plural.js';
import { frenchTypography } from '../../lib/typography.js';
import type { Taxonomy } from '../taxonomy/taxonomy.service.js';
import { STATUSES, type Status } from './requests.constants.js';

export interface ListItem {
  id: number;
  reference: string;
  receivedOn: string;
  status: Status;
  kind: string;
  subject: string;
  themes: string[];
  assignees: string[];
  outcome: string;
}

export interface ListQuery {
  q: string;
  year: string;
  kind: string;
  status: string;
  theme: string;
  sector: string;
  mine: boolean;
  sort: string;
  page: number;
}

export function StatusBadge({ status }: { status: Status }): JSX.Element {
  return (
    <span class={`badge ${status}`} safe>
      {STATUSES.labels[status]}
    </span>
  );
}

function queryString(q: ListQuery, page: number): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({
    q: q.q,
    annee: q.year,
    type: q.kind,
    statut: q.status,
    theme: q.theme,
    secteur: q.sector,
    tri: q.sort,
  }))
    if (v) params.set(k, v);
  if (q.mine) params.set('moi', '1');
  if (page > 1) params.set('page', String(page));
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** The filters in force, in words, for the folded filter box's summary. */
function activeFilters(q: ListQuery, taxonomy: Taxonomy, statusOptions: Array<[string, string]>): string[] {
  const label = (entries: Array<{ id: number; label: string }>, id: string) =>
    entries.find((e) => String(e.id) === id)?.label ?? '';
  return [
    q.year,
    q.kind ? label(taxonomy.kind, q.kind) : '',
    q.status ? (statusOptions.find(([v]) => v === q.status)?.[1] ?? '') : '',
    q.theme ? label(taxonomy.theme, q.theme) : '',
    q.sector ? label(taxonomy.sector, q.sector) : '',
    q.mine ? 'celles que je suis' : '',
  ].filter(Boolean);
}

export function RequestListPage(p: {
  ctx: ViewContext;
  items: ListItem[];
  total: number;
  query: ListQuery;
  pageSize: number;
  years: number[];
  taxonomy: Taxonomy;
  title?: string;
}): JSX.Element {
  const q = p.query;
  const pages = Math.max(1, Math.ceil(p.total / p.pageSize));
  const statusOptions: Array<[string, string]> = [
    ['', 'Tous'],
    ['open', 'Ouvertes (non clôturées)'],
    ...STATUSES.values.map((s): [string, string] => [s, STATUSES.labels[s]]),
  ];
  const active = activeFilters(q, p.taxonomy, statusOptions);
  // Nothing recorded yet: say what to do rather than « nothing matches ».
  const registerEmpty = p.years.length === 0 && p.total === 0;
  const filterSummary = active.length ? `Filtres : ${active.join(', ')}` : 'Filtrer : année, type, statut, thème…';
  return (
    <Layout ctx={p.ctx} title={p.title ?? 'Demandes'}>
      <div class="page-head">
        <h1 safe>{p.title ?? 'Demandes'}</h1>
        <p class="page-actions">
          <a class="button" href="/permanence">
            Noter un appel
          </a>
          <a href="/demandes/nouvelle">Formulaire complet</a>
        </p>
      </div>
      {/* Results first: one search line, the other filters folded (no script needed). */}
      <form
        method="get"
        action="/demandes"
        class="search-form"
        role="search"
        aria-label="Rechercher et filtrer les demandes"
      >
        <div class="search-line">
          <label for="q" class="visually-hidden">
            Rechercher dans les objets et les notes
          </label>
          <input id="q" name="q" type="search" value={q.q} placeholder="Objet ou notes" />
          <button type="submit">Chercher</button>
        </div>
        <details class="filters">
          <summary safe>{filterSummary}</summary>
          <div class="grid">
            <Select
              name="annee"
              label="Année"
              value={q.year}
              options={[['', 'Toutes'], ...p.years.map((y): [string, string] => [String(y), String(y)])]}
            />
            <Select
              name="type"
              label="Type"
              value={q.kind}
              options={[['', 'Tous'], ...p.taxonomy.kind.map((k): [string, string] => [String(k.id), k.label])]}
            />
            <Select name="statut" label="Statut" value={q.status} options={statusOptions} />
            <Select
              name="theme"
              label="Thème"
              value={q.theme}
              options={[
                ['', 'Tous'],
                ...p.taxonomy.theme.map((t): [string, string] => [
                  String(t.id),
                  t.parentId === null ? t.label : `— ${t.label}`,
                ]),
              ]}
            />
            <Select
              name="secteur"
              label="Secteur"
              value={q.sector}
              options={[['', 'Tous'], ...p.taxonomy.sector.map((s): [string, string] => [String(s.id), s.label])]}
            />
            <Select
              name="tri"
              label="Tri"
              value={q.sort}
              options={[
                ['', 'Plus récentes'],
                ['anciennes', 'Plus anciennes'],
                ['modifiees', 'Dernières modifiées'],
              ]}
            />
          </div>
          <div class="checkbox">
            <input type="checkbox" id="moi" name="moi" value="1" checked={q.mine} />
            <label for="moi">Seulement celles que je suis</label>
          </div>
          <div class="actions">
            <button type="submit">Filtrer</button>
            <a href="/demandes">Tout effacer</a>
          </div>
        </details>
      </form>
      <p class="result-line">
        <span role="status" id="result-count">
          <strong safe>{String(p.total)}</strong>
          <span
            safe
          >{` ${pluralForm(p.total, NOUNS.request)}${pages > 1 ? ` — page ${q.page} sur ${pages}` : ''}`}</span>
        </span>
        {active.length || q.q ? (
          <>
            {' '}
            · <a href="/demandes">Tout effacer</a>
          </>
        ) : (
          ''
        )}
        {p.total > 0 ? (
          <>
            {' '}
            · Télécharger pour un tableur :{' '}
            <a href={`/demandes.xlsx${queryString(q, 1)}`} download="">
              Excel (XLSX)
            </a>{' '}
            ou{' '}
            <a href={`/demandes.csv${queryString(q, 1)}`} download="">
              CSV
            </a>
          </>
        ) : (
          ''
        )}
      </p>
      {registerEmpty ? (
        <div class="card empty-state">
          <h2>Le registre est vide</h2>
          <p>
            Notez la première demande avec « Noter un appel » (le formulaire court de la permanence) ou le formulaire
            complet. Les tableaux des années passées s’importent depuis « Importer des demandes ».
          </p>
          <p class="actions">
            <a class="button" href="/permanence">
              Noter un appel
            </a>
            <a href="/bureau/import">Importer des demandes</a>
          </p>
        </div>
      ) : p.items.length === 0 ? (
        <p>Aucune demande ne correspond à ces critères. Essayez d’autres mots ou effacez les filtres.</p>
      ) : (
        <ul class="request-list">
          {p.items.map((r) => (
            <li>
              <a class="subject" href={`/demandes/${r.id}`} safe>
                {frenchTypography(r.subject)}
              </a>
              <span class="meta">
                <span safe>{r.reference}</span> · <span safe>{formatDateShort(r.receivedOn)}</span> ·{' '}
                <span safe>{frenchTypography(r.kind)}</span> · <StatusBadge status={r.status} />
                {r.outcome ? (
                  <>
                    {' '}
                    · <span safe>{r.outcome}</span>
                  </>
                ) : (
                  ''
                )}
              </span>
              {r.themes.length || r.assignees.length ? (
                <span class="meta line" safe>
                  {[
                    r.themes.length ? `Thèmes : ${r.themes.join(', ')}` : '',
                    r.assignees.length ? `Suivie par ${r.assignees.join(', ')}` : '',
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </span>
              ) : (
                ''
              )}
            </li>
          ))}
        </ul>
      )}
      {pages > 1 ? (
        <nav class="pager" aria-label="Pages">
          {q.page > 1 ? <a href={`/demandes${queryString(q, q.page - 1)}`}>← Page précédente</a> : <span></span>}
          {q.page < pages ? <a href={`/demandes${queryString(q, q.page + 1)}`}>Page suivante →</a> : <span></span>}
        </nav>
      ) : (
        ''
      )}
    </Layout>
  );
}

function Select({
  name,
  label,
  value,
  options,
}: {
  name: string;
  label: string;
  value: string;
  options: Array<[string, string]>;
}): JSX.Element {
  return (
    <div class="field">
      <label for={name} safe>
        {label}
      </label>
      <select id={name} name={name}>
        {options.map(([v, l]) => (
          <option value={v} selected={v === value} safe>
            {l}
          </option>
        ))}
      </select>
    </div>
  );
}
