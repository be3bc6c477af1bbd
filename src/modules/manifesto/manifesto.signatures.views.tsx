import { plural, NOUNS } from '../../lib/plural.js';
import { formatInstant } from '../../lib/time.js';
import { oneOf } from '../../lib/one-of.js';
import { formatMonthYearFr } from '../../lib/typography.js';
import type { ViewContext } from '../../web/context.js';
import { CsrfField, SelectField, TextField } from '../../web/forms.js';
import { Layout } from '../../web/layout.js';
import { BOARD_PAGE_SIZE } from '../../web/pagination.js';
import { isTicked, str } from '../../web/validation.js';
import { reasonsText } from '../antibot/antibot.views.js';
import type { countsPerMonth, listSignatures } from './manifesto.queries.js';
import {
  KIND_LABELS,
  SIGNATURE_KINDS,
  SIGNATURE_STATUSES,
  STATUS_LABELS,
  type SignatureStatus,
} from './manifesto.schemas.js';
import { BULK_ACTIONS, type BulkAction, type ModerationAction } from './manifesto.moderation.service.js';

/** The board's pages on signatures: the list (with the quarantine's batch form) and the monthly counts. */

export type Query = Record<string, unknown>;
type SignatureRow = Awaited<ReturnType<typeof listSignatures>>['rows'][number];

export function filterOf(query: Query) {
  const status = str(query.statut);
  const kind = str(query.type);
  return {
    status: oneOf(SIGNATURE_STATUSES, status),
    kind: oneOf(SIGNATURE_KINDS, kind),
    q: str(query.q).slice(0, 200),
    /** « Tout cocher » without script: the page comes back with this page's boxes ticked (`?tout=1`). */
    all: isTicked(query.tout),
  };
}

function queryString(f: ReturnType<typeof filterOf>, page?: number): string {
  const params = new URLSearchParams();
  if (f.status) params.set('statut', f.status);
  if (f.kind) params.set('type', f.kind);
  if (f.q) params.set('q', f.q);
  if (page && page > 1) params.set('page', String(page));
  const s = params.toString();
  return s ? `?${s}` : '';
}

/**
 * What the board may do to one signature. Only « libérer » (the person confirms
 * their own address) has the main style: counting a signature without that
 * check is possible but never looks like the safe choice.
 */
const ACTIONS_FOR: Record<SignatureStatus, Array<[ModerationAction, string]>> = {
  quarantined: [
    ['release', 'Libérer : envoyer l’e-mail de confirmation'],
    ['confirm', 'Compter la signature sans vérifier l’adresse'],
    ['reject', 'Rejeter'],
  ],
  pending: [
    ['confirm', 'Compter la signature sans attendre la confirmation'],
    ['reject', 'Rejeter'],
  ],
  confirmed: [['reject', 'Rejeter']],
  rejected: [['delete', 'Effacer']],
};

/** The actions of one signature; « retirer de la liste publique » only for people who asked to be listed. */
function actionsFor(row: SignatureRow): Array<[ModerationAction, string]> {
  const actions = [...ACTIONS_FOR[row.status]];
  if (row.status !== 'rejected' && (row.show_publicly === 1 || row.hidden === 1))
    actions.push(
      row.hidden === 1 ? ['show', 'Remettre dans la liste publique'] : ['hide', 'Retirer de la liste publique'],
    );
  return actions;
}

function Actions({ ctx, row, back }: { ctx: ViewContext; row: SignatureRow; back: string }): JSX.Element {
  return (
    <div class="actions">
      {actionsFor(row).map(([action, label]) => (
        <form method="post" action={`/bureau/signatures/${row.id}/moderer`}>
          <CsrfField token={ctx.csrfToken} />
          <input type="hidden" name="action" value={action} />
          <input type="hidden" name="retour" value={back} />
          <button type="submit" class={action === 'release' ? '' : 'secondary'}>
            <span safe>{label}</span>
            <span class="visually-hidden" safe>{` : ${row.name}`}</span>
          </button>
        </form>
      ))}
    </div>
  );
}

const BULK_LABELS: Record<BulkAction, string> = {
  release: 'Libérer la sélection : envoyer l’e-mail de confirmation',
  confirm: 'Compter la sélection sans vérifier les adresses',
  delete: 'Effacer la sélection',
};

/**
 * The quarantine's batch form. Its checkboxes sit in each entry and join it
 * through their `form` attribute (forms cannot nest), so it works without script.
 */
function BulkForm({ ctx, back, all }: { ctx: ViewContext; back: string; all: boolean }): JSX.Element {
  const ticking = `${back}${back.includes('?') ? '&' : '?'}tout=1#lot`;
  return (
    <form method="post" action="/bureau/signatures/lot" id="lot" class="card" aria-labelledby="lot-title">
      <h2 id="lot-title">Plusieurs signatures à la fois</h2>
      <p class="hint">
        Cochez les signatures dans la liste, puis choisissez. Tout est fait, ou rien si l’une d’elles a déjà été traitée
        entre-temps.
      </p>
      <p>{all ? <a href={`${back}#lot`}>Tout décocher</a> : <a href={ticking}>Tout cocher sur cette page</a>}</p>
      <CsrfField token={ctx.csrfToken} />
      <input type="hidden" name="retour" value={back} />
      <div class="actions">
        {BULK_ACTIONS.map((action) => (
          <button type="submit" name="action" value={action} class={action === 'release' ? '' : 'secondary'} safe>
            {BULK_LABELS[action]}
          </button>
        ))}
      </div>
    </form>
  );
}

/** What an empty list means: nothing to examine, nothing yet, or nothing for these criteria. */
function emptyText(f: ReturnType<typeof filterOf>): string {
  if (f.q || f.kind) return 'Aucune signature ne correspond à ces critères.';
  if (f.status === 'quarantined') return 'Rien à examiner : aucune signature n’est en quarantaine.';
  if (f.status) return 'Aucune signature avec ce statut.';
  return 'Aucune signature pour l’instant.';
}

export function SignaturesPage(p: {
  ctx: ViewContext;
  rows: SignatureRow[];
  total: number;
  page: number;
  filter: ReturnType<typeof filterOf>;
  counts: Record<string, number>;
}): JSX.Element {
  const pages = Math.max(1, Math.ceil(p.total / BOARD_PAGE_SIZE));
  const back = `/bureau/signatures${queryString(p.filter, p.page)}`;
  const bulk = p.filter.status === 'quarantined' && p.rows.length > 1;
  return (
    <Layout ctx={p.ctx} title="Signatures du Manifeste">
      <h1>Signatures du Manifeste</h1>
      <p class="actions">
        <a
          href="/bureau/signatures?statut=quarantined"
          safe
        >{`Quarantaine à examiner (${p.counts.quarantined ?? 0})`}</a>
        <a href={`/bureau/signatures.csv${queryString(p.filter)}`}>Exporter en CSV (cette sélection)</a>
        <a href="/bureau/signatures/par-mois">Signatures par mois</a>
        <a href="/bureau/manifeste">Texte du Manifeste</a>
      </p>
      <ul class="counters">
        {SIGNATURE_STATUSES.map((s) => (
          <li safe>{`${STATUS_LABELS[s]} : ${p.counts[s] ?? 0}`}</li>
        ))}
      </ul>
      <form method="get" action="/bureau/signatures" class="filters" role="search" aria-label="Filtrer les signatures">
        <div class="grid">
          <TextField name="q" type="search" label="Rechercher (nom, fonction, localité, e-mail)" value={p.filter.q} />
          <SelectField
            name="statut"
            label="Statut"
            value={p.filter.status ?? ''}
            placeholder="Tous"
            options={SIGNATURE_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))}
          />
          <SelectField
            name="type"
            label="Type"
            value={p.filter.kind ?? ''}
            placeholder="Tous"
            options={SIGNATURE_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }))}
          />
        </div>
        <button type="submit">Filtrer</button>
      </form>
      <p role="status" id="result-count" safe>
        {plural(p.total, NOUNS.signature)}
      </p>
      {bulk ? <BulkForm ctx={p.ctx} back={back} all={p.filter.all} /> : ''}
      {p.rows.length === 0 ? <p safe>{emptyText(p.filter)}</p> : ''}
      <ul class="request-list">
        {p.rows.map((r) => (
          <li>
            {bulk ? (
              <div class="checkbox">
                <input
                  type="checkbox"
                  form="lot"
                  name="ids"
                  value={String(r.id)}
                  id={`lot-${r.id}`}
                  checked={p.filter.all}
                />
                <label for={`lot-${r.id}`}>
                  Sélectionner<span class="visually-hidden" safe>{` : ${r.name}`}</span>
                </label>
              </div>
            ) : (
              ''
            )}
            <span
              class="subject"
              safe
            >{`${r.name}${r.function_or_org ? ` — ${r.function_or_org}` : ''}${r.town ? ` (${r.town})` : ''}`}</span>
            <span class="meta" safe>
              {`${KIND_LABELS[r.kind]} · ${r.email} · ${r.locale.toUpperCase()} · ${STATUS_LABELS[r.status]} · signée le ${formatInstant(r.created_at)}${r.confirmed_at ? ` · confirmée le ${formatInstant(r.confirmed_at)}` : ''}`}
            </span>
            <span class="meta" safe>
              {`Liste publique : ${r.show_publicly === 1 ? (r.hidden === 1 ? 'oui, mais masquée par le bureau' : 'oui') : 'non'} · Newsletter : ${r.newsletter === 1 ? 'oui' : 'non'} · Contact : ${r.contact === 1 ? 'oui' : 'non'}`}
            </span>
            {r.quarantine_reasons ? <p class="notice" safe>{`Raisons : ${reasonsText(r.quarantine_reasons)}`}</p> : ''}
            <Actions ctx={p.ctx} row={r} back={back} />
          </li>
        ))}
      </ul>
      {pages > 1 ? (
        <nav class="pager" aria-label="Pages">
          {p.page > 1 ? (
            <a href={`/bureau/signatures${queryString(p.filter, p.page - 1)}`}>Page précédente</a>
          ) : (
            <span></span>
          )}
          <span safe>{`Page ${p.page} sur ${pages}`}</span>
          {p.page < pages ? (
            <a href={`/bureau/signatures${queryString(p.filter, p.page + 1)}`}>Page suivante</a>
          ) : (
            <span></span>
          )}
        </nav>
      ) : (
        ''
      )}
    </Layout>
  );
}

export function MonthsPage({
  ctx,
  rows,
}: {
  ctx: ViewContext;
  rows: Awaited<ReturnType<typeof countsPerMonth>>;
}): JSX.Element {
  return (
    <Layout ctx={ctx} title="Signatures par mois">
      <h1>Signatures confirmées par mois</h1>
      <p>
        <a href="/bureau/signatures">Retour aux signatures</a>
      </p>
      {rows.length === 0 ? (
        <p>Aucune signature confirmée pour l’instant.</p>
      ) : (
        <div class="table-wrap" role="region" aria-label="Signatures par mois" tabindex="0">
          <table>
            <caption class="visually-hidden">
              Signatures confirmées par mois de confirmation, les plus récents d’abord
            </caption>
            <thead>
              <tr>
                <th scope="col">Mois</th>
                <th scope="col">Personnes</th>
                <th scope="col">Organisations</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr>
                  <th scope="row" safe>
                    {formatMonthYearFr(r.month)}
                  </th>
                  <td safe>{String(r.individual)}</td>
                  <td safe>{String(r.organisation)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}
