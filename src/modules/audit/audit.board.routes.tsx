import type { FastifyInstance } from 'fastify';
import { sendHtml, viewContext } from '../../web/context.js';
import { pageParam } from '../../web/validation.js';
import { BOARD_VISIBLE_ACTIONS, listAudit } from './audit.service.js';
import { PAGE_SIZE, SensitiveAccessPage } from './audit.views.js';

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
