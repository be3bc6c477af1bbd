import type { FastifyInstance } from 'fastify';
import { sendHtml, setFlash, viewContext } from '../../web/context.js';
import { loadNoticePreferences, saveNoticePreferences } from './notices.preferences.queries.js';
import { NoticePreferencesPage } from './notices.views.js';

const access = { access: 'board' as const };

/** « Mes avis par e-mail »: each board member turns the notices on or off for themselves. */
export async function noticesRoutes(app: FastifyInstance): Promise<void> {
  app.get('/compte/avis', { config: access }, async (request, reply) => {
    const userId = request.currentUser?.id ?? 0;
    return sendHtml(
      reply,
      <NoticePreferencesPage ctx={viewContext(request, reply)} prefs={await loadNoticePreferences(app.db, userId)} />,
    );
  });

  app.post<{ Body: Record<string, unknown> }>('/compte/avis', { config: access }, async (request, reply) => {
    const prefs = await saveNoticePreferences(app.db, request.currentUser?.id ?? 0, request.body ?? {});
    setFlash(
      reply,
      prefs.assigned || prefs.flagged
        ? 'Vos avis par e-mail sont enregistrés.'
        : 'Vous ne recevrez plus d’avis par e-mail. Vous pouvez les réactiver ici.',
    );
    return reply.redirect('/compte/avis', 303);
  });
}
