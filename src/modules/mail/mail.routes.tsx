import type { FastifyInstance } from 'fastify';
import { sendHtml, viewContext } from '../../web/context.js';
import { listOutbox } from './mail.service.js';
import { OutboxPage } from './mail.views.js';

export async function mailRoutes(app: FastifyInstance): Promise<void> {
  app.get('/admin/courriels', { config: { access: 'admin' } }, async (request, reply) => {
    const rows = await listOutbox(app.db);
    return sendHtml(reply, <OutboxPage ctx={viewContext(request, reply)} rows={rows} smtp={app.mailer.enabled} />);
  });
}
