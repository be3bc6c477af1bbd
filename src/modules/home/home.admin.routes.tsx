import type { FastifyInstance } from 'fastify';
import { sendHtml, viewContext } from '../../web/context.js';
import { firstRunChecklist } from '../setup/setup.checklist.service.js';
import { BoardHomePage } from './home.admin.views.js';

export async function boardHomeRoutes(app: FastifyInstance): Promise<void> {
  app.get('/bureau', { config: { access: 'authenticated' } }, async (request, reply) => {
    const steps = await firstRunChecklist(app.db, {
      organisation: await app.organisation.get(),
      mailEnabled: app.mailer.enabled,
      mailFrom: app.config.mailFrom,
    });
    return sendHtml(reply, <BoardHomePage ctx={viewContext(request, reply)} steps={steps} />);
  });
}
