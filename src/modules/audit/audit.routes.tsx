import type { FastifyInstance } from 'fastify';
import { sendHtml, viewContext } from '../../web/context.js';
import { idParam, pageParam, str } from '../../web/validation.js';
import { AUDIT_ACTIONS, listActors, listAudit, recordAudit } from './audit.service.js';
import { chainHead, verifyChain } from './audit.chain.service.js';
import { ChainVerificationPage } from './audit.chain.views.js';
import { AuditPage, PAGE_SIZE, type AuditQuery } from './audit.views.js';

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
