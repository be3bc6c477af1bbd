import type { FastifyInstance } from 'fastify';
import { sendHtml, viewContext } from '../../web/context.js';
import { loadNoticePreferences } from '../notices/notices.preferences.queries.js';
import { dashboardFor } from './dashboard.service.js';
import { DashboardPage } from './dashboard.views.js';
import { signedInUser } from '../../web/route-params.js';

/** « Mon tableau de bord »: a board member's landing page after signing in. */
export async function dashboardRoutes(app: FastifyInstance): Promise<void> {
  app.get('/tableau-de-bord', { config: { access: 'board' } }, async (request, reply) => {
    const userId = signedInUser(request).id;
    const [dashboard, prefs] = await Promise.all([
      dashboardFor(app.db, userId, app.clock()),
      loadNoticePreferences(app.db, userId),
    ]);
    return sendHtml(reply, <DashboardPage ctx={viewContext(request, reply)} dashboard={dashboard} prefs={prefs} />);
  });
}
