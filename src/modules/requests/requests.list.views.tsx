import type { ViewContext } from '../../web/context.js';
import { Layout } from '../../web/layout.js';
import { formatDateShort } from '../../lib/time.js';
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
  return (
    <Layout ctx={p.ctx} title={p.title ?? 'Demandes'}>
      <h1 safe>{p.title ?? 'Demandes'}</h1>
      <div class="actions">
        <a class="button" href="/permanence">
          Noter un appel
        </a>
        <a class="button secondary" href="/demandes/nouvelle">
          Nouvelle demande (formulaire complet)
        </a>
      </div>
      <form
        method="get"
        action="/demandes"
        class="filters"
        role="search"
        aria-label="Rechercher et filtrer les demandes"
      >
        <div class="field">
          <label for="q">Rechercher dans les objets et les notes</label>
          <input id="q" name="q" type="search" value={q.q} />
        </div>
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
      </form>
      <p role="status" id="result-count">
        <strong safe>{String(p.total)}</strong>
        <span safe>{` demande${p.total > 1 ? 's' : ''}${pages > 1 ? ` — page ${q.page} sur ${pages}` : ''}`}</span>
      </p>
      {p.items.length === 0 ? (
        <p>Aucune demande ne correspond.</p>
      ) : (
        <ul class="request-list">
          {p.items.map((r) => (
            <li>
              <a class="subject" href={`/demandes/${r.id}`} safe>
                {r.subject}
              </a>
              <span class="meta">
                <span safe>{r.reference}</span> · <span safe>{formatDateShort(r.receivedOn)}</span> ·{' '}
                <span safe>{r.kind}</span> · <StatusBadge status={r.status} />
                {r.outcome ? (
                  <>
                    {' '}
                    · <span safe>{r.outcome}</span>
                  </>
                ) : (
                  ''
                )}
              </span>
              {r.themes.length ? (
                <span class="meta" safe>
                  {`Thèmes : ${r.themes.join(', ')}`}
                </span>
              ) : (
                ''
              )}
              {r.assignees.length ? (
                <span class="meta" safe>
                  {` · Suivie par ${r.assignees.join(', ')}`}
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
