import { formatInstant } from '../../lib/time.js';
import type { ViewContext } from '../../web/context.js';
import { Layout } from '../../web/layout.js';
import type { ChainHead } from './audit.chain.service.js';
import { ChainCard } from './audit.chain.views.js';
import { AUDIT_ACTIONS, auditObjectLabel, type AuditAction, type listAudit } from './audit.service.js';

/**
 * The audit trail's two pages: the admins' journal (every entry, filters, the
 * chain's state) and the board's « Identités et rôles » (identity reveals and
 * role changes only). Both list entries in the same table and pager.
 */
export const PAGE_SIZE = 50;

type AuditRow = Awaited<ReturnType<typeof listAudit>>['rows'][number];

export interface AuditQuery {
  action: string;
  actor: string;
  entity: string;
  from: string;
  to: string;
  page: number;
}

/** Entries written by an older version may carry an action no longer listed: shown as stored. */
function isAuditAction(action: string): action is AuditAction {
  return Object.hasOwn(AUDIT_ACTIONS, action);
}

function actionLabel(action: string): string {
  return isAuditAction(action) ? AUDIT_ACTIONS[action] : action;
}

function AuditTable(p: { rows: AuditRow[]; label: string; caption: string }): JSX.Element {
  return (
    /* Focusable so keyboard users can scroll the table sideways on a phone. */
    <div class="table-wrap" role="region" aria-label={p.label} tabindex="0">
      <table>
        <caption class="visually-hidden" safe>
          {p.caption}
        </caption>
        <thead>
          <tr>
            <th scope="col">Quand</th>
            <th scope="col">Qui</th>
            <th scope="col">Action</th>
            <th scope="col">Objet</th>
            <th scope="col">Détail</th>
          </tr>
        </thead>
        <tbody>
          {p.rows.map((r) => (
            <tr>
              <td safe>{formatInstant(r.at)}</td>
              <td safe>{r.actor_name ?? '—'}</td>
              <td safe>{actionLabel(r.action)}</td>
              <td>
                {r.entity_type === 'request' && r.entity_id && r.request_reference ? (
                  <a href={`/demandes/${r.entity_id}`} safe>{`Demande ${r.request_reference}`}</a>
                ) : r.entity_type === 'request' && r.entity_id ? (
                  <span safe>{`Demande n° ${r.entity_id} (supprimée depuis)`}</span>
                ) : (
                  <span safe>{auditObjectLabel(r.entity_type, r.entity_id)}</span>
                )}
              </td>
              <td safe>{r.summary}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function AuditPager(p: { page: number; total: number; link: (page: number) => string }): JSX.Element {
  const pages = Math.max(1, Math.ceil(p.total / PAGE_SIZE));
  if (pages <= 1) return '';
  return (
    <nav class="pager" aria-label="Pages">
      {p.page > 1 ? <a href={p.link(p.page - 1)}>← Plus récentes</a> : <span></span>}
      {p.page < pages ? <a href={p.link(p.page + 1)}>Plus anciennes →</a> : <span></span>}
    </nav>
  );
}

const entriesText = (total: number) => `${total} entrée${total > 1 ? 's' : ''}`;

export function AuditPage(p: {
  ctx: ViewContext;
  rows: AuditRow[];
  head: ChainHead;
  total: number;
  query: AuditQuery;
  users: Array<{ id: number; display_name: string }>;
}): JSX.Element {
  const link = (page: number) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries({
      action: p.query.action,
      personne: p.query.actor,
      demande: p.query.entity,
      du: p.query.from,
      au: p.query.to,
    }))
      if (v) params.set(k, v);
    params.set('page', String(page));
    return `/admin/journal?${params.toString()}`;
  };
  return (
    <Layout ctx={p.ctx} title="Journal d'audit">
      <h1>Journal d'audit</h1>
      <p class="hint">
        Qui a créé, modifié, clôturé une demande ou affiché une identité, et quand. Ce journal ne peut être ni modifié
        ni effacé.
      </p>
      <ChainCard head={p.head} />
      <form method="get" action="/admin/journal" class="filters" aria-label="Filtrer le journal">
        <div class="grid">
          <div class="field">
            <label for="action">Action</label>
            <select id="action" name="action">
              <option value="">Toutes</option>
              {Object.entries(AUDIT_ACTIONS).map(([k, v]) => (
                <option value={k} selected={k === p.query.action}>
                  {v}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="personne">Personne</label>
            <select id="personne" name="personne">
              <option value="">Toutes</option>
              {p.users.map((u) => (
                <option value={String(u.id)} selected={String(u.id) === p.query.actor} safe>
                  {u.display_name}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="demande">N° interne de demande</label>
            <input id="demande" name="demande" inputmode="numeric" value={p.query.entity} />
          </div>
          <div class="field">
            <label for="du">Du</label>
            <input id="du" name="du" type="date" value={p.query.from} />
          </div>
          <div class="field">
            <label for="au">Au</label>
            <input id="au" name="au" type="date" value={p.query.to} />
          </div>
        </div>
        <button type="submit">Filtrer</button>
      </form>
      <p role="status" safe>
        {entriesText(p.total)}
      </p>
      <AuditTable rows={p.rows} label="Entrées du journal" caption="Entrées du journal, les plus récentes d'abord" />
      <AuditPager page={p.query.page} total={p.total} link={link} />
    </Layout>
  );
}

export function SensitiveAccessPage(p: {
  ctx: ViewContext;
  rows: AuditRow[];
  total: number;
  page: number;
}): JSX.Element {
  return (
    <Layout ctx={p.ctx} title="Identités et rôles">
      <h1>Identités et rôles</h1>
      <p class="hint">
        Qui a affiché ou modifié l’identité d’un demandeur, et qui a créé un compte ou changé ses rôles. Tout le bureau
        voit cette page : personne ne peut se donner l’accès au registre sans que le bureau le sache.
      </p>
      <p role="status" safe>
        {entriesText(p.total)}
      </p>
      <AuditTable
        rows={p.rows}
        label="Accès aux identités et changements de rôles"
        caption="Les plus récents d’abord"
      />
      <AuditPager page={p.page} total={p.total} link={(page) => `/bureau/acces?page=${page}`} />
    </Layout>
  );
}
