import type { FastifyInstance } from 'fastify';
import { formatInstant } from '../../lib/time.js';
import { sendHtml, viewContext, type ViewContext } from '../../web/context.js';
import { Layout } from '../../web/layout.js';
import { idParam, pageParam, str } from '../../web/validation.js';
import {
  AUDIT_ACTIONS,
  auditObjectLabel,
  listActors,
  listAudit,
  recordAudit,
  type AuditAction,
} from './audit.service.js';
import { chainHead, verifyChain, type ChainHead } from './audit.chain.js';
import { ChainCard, ChainVerificationPage } from './audit.chain.views.js';

const PAGE_SIZE = 50;

interface AuditQuery {
  action: string;
  actor: string;
  entity: string;
  from: string;
  to: string;
  page: number;
}

function AuditPage(p: {
  ctx: ViewContext;
  rows: Awaited<ReturnType<typeof listAudit>>['rows'];
  head: ChainHead;
  total: number;
  query: AuditQuery;
  users: Array<{ id: number; display_name: string }>;
}): JSX.Element {
  const pages = Math.max(1, Math.ceil(p.total / PAGE_SIZE));
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
      <p role="status" safe>{`${p.total} entrée${p.total > 1 ? 's' : ''}`}</p>
      {/* Focusable so keyboard users can scroll the table sideways on a phone. */}
      <div class="table-wrap" role="region" aria-label="Entrées du journal" tabindex="0">
        <table>
          <caption class="visually-hidden">Entrées du journal, les plus récentes d'abord</caption>
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
                <td safe>{AUDIT_ACTIONS[r.action as AuditAction] ?? r.action}</td>
                <td>
                  {r.entity_type === 'request' && r.entity_id ? (
                    <a href={`/demandes/${r.entity_id}`} safe>{`Demande n° ${r.entity_id}`}</a>
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
      {pages > 1 ? (
        <nav class="pager" aria-label="Pages">
          {p.query.page > 1 ? <a href={link(p.query.page - 1)}>← Plus récentes</a> : <span></span>}
          {p.query.page < pages ? <a href={link(p.query.page + 1)}>Plus anciennes →</a> : <span></span>}
        </nav>
      ) : (
        ''
      )}
    </Layout>
  );
}

const isDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s);

export async function auditRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: Record<string, string> }>(
    '/admin/journal',
    { config: { access: 'admin' } },
    async (request, reply) => {
      const qs = request.query;
      const query: AuditQuery = {
        action: str(qs.action) in AUDIT_ACTIONS ? str(qs.action) : '',
        actor: String(idParam(qs.personne) ?? ''),
        entity: String(idParam(qs.demande) ?? ''),
        from: isDate(str(qs.du)) ? str(qs.du) : '',
        to: isDate(str(qs.au)) ? str(qs.au) : '',
        page: pageParam(qs.page),
      };
      const [{ rows, total }, users, head] = await Promise.all([
        listAudit(app.db, {
          action: query.action || undefined,
          actorId: query.actor ? Number(query.actor) : undefined,
          entityType: query.entity ? 'request' : undefined,
          entityId: query.entity || undefined,
          from: query.from || undefined,
          to: query.to || undefined,
          page: query.page,
          pageSize: PAGE_SIZE,
        }),
        listActors(app.db),
        chainHead(app.db),
      ]);
      return sendHtml(
        reply,
        <AuditPage
          ctx={viewContext(request, reply)}
          rows={rows}
          total={total}
          query={query}
          users={users}
          head={head}
        />,
      );
    },
  );

  // Recomputes every hash of the chain; with a hash noted earlier, says whether it is still in the chain.
  app.get<{ Querystring: { empreinte?: string } }>(
    '/admin/journal/verification',
    { config: { access: 'admin' } },
    async (request, reply) => {
      const noted = str(request.query.empreinte).trim();
      const report = await verifyChain(app.db, noted || undefined);
      await recordAudit(app.db, {
        actorId: request.currentUser?.id ?? null,
        action: 'audit.verify',
        entityType: 'audit',
        summary: report.ok ? `intact, ${report.entries} entrées` : 'rupture constatée',
      });
      return sendHtml(reply, <ChainVerificationPage ctx={viewContext(request, reply)} report={report} />, 200);
    },
  );
}
