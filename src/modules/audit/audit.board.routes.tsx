import type { FastifyInstance } from 'fastify';
import { formatInstant } from '../../lib/time.js';
import { sendHtml, viewContext, type ViewContext } from '../../web/context.js';
import { Layout } from '../../web/layout.js';
import { pageParam } from '../../web/validation.js';
import {
  AUDIT_ACTIONS,
  auditObjectLabel,
  BOARD_VISIBLE_ACTIONS,
  listAudit,
  type AuditAction,
} from './audit.service.js';

const PAGE_SIZE = 50;

function SensitiveAccessPage(p: {
  ctx: ViewContext;
  rows: Awaited<ReturnType<typeof listAudit>>['rows'];
  total: number;
  page: number;
}): JSX.Element {
  const pages = Math.max(1, Math.ceil(p.total / PAGE_SIZE));
  return (
    <Layout ctx={p.ctx} title="Identités et rôles">
      <h1>Identités et rôles</h1>
      <p class="hint">
        Qui a affiché ou modifié l’identité d’un demandeur, et qui a créé un compte ou changé ses rôles. Tout le bureau
        voit cette page : personne ne peut se donner l’accès au registre sans que le bureau le sache.
      </p>
      <p role="status" safe>{`${p.total} entrée${p.total > 1 ? 's' : ''}`}</p>
      <div class="table-wrap" role="region" aria-label="Accès aux identités et changements de rôles" tabindex="0">
        <table>
          <caption class="visually-hidden">Les plus récents d’abord</caption>
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
          {p.page > 1 ? <a href={`/bureau/acces?page=${p.page - 1}`}>← Plus récentes</a> : <span></span>}
          {p.page < pages ? <a href={`/bureau/acces?page=${p.page + 1}`}>Plus anciennes →</a> : <span></span>}
        </nav>
      ) : (
        ''
      )}
    </Layout>
  );
}

/** The board's view of the audit trail: identity reveals and role changes only. */
export async function auditBoardRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: Record<string, unknown> }>(
    '/bureau/acces',
    { config: { access: 'board' } },
    async (request, reply) => {
      const page = pageParam(request.query.page);
      const { rows, total } = await listAudit(app.db, { actions: BOARD_VISIBLE_ACTIONS, page, pageSize: PAGE_SIZE });
      return sendHtml(
        reply,
        <SensitiveAccessPage ctx={viewContext(request, reply)} rows={rows} total={total} page={page} />,
      );
    },
  );
}
