import type { FastifyInstance } from 'fastify';
import { sendHtml, setFlash, viewContext } from '../../web/context.js';
import { signedInUser } from '../../web/route-params.js';
import { loadNoticePreferences } from './notices.preferences.queries.js';
import { noticePreferencesSchema } from './notices.schemas.js';
import { saveNoticePreferences } from './notices.service.js';
import { NoticePreferencesPage } from './notices.views.js';
import { fieldsOf } from '../../web/validation.js';

const access = { access: 'board' as const };

/** « Mes avis par e-mail »: each board member turns the notices on or off for themselves. */
export async function noticesRoutes(app: FastifyInstance): Promise<void> {
  app.get('/compte/avis', { config: access }, async (request, reply) => {
    const prefs = await loadNoticePreferences(app.db, signedInUser(request).id);
    return sendHtml(reply, <NoticePreferencesPage ctx={viewContext(request, reply)} prefs={prefs} />);
  });

  app.post('/compte/avis', { config: access }, async (request, reply) => {
    const prefs = noticePreferencesSchema.parse(fieldsOf(request.body));
    await saveNoticePreferences(app.db, signedInUser(request).id, prefs);
    setFlash(
      reply,
      prefs.assigned || prefs.flagged
        ? 'Vos avis par e-mail sont enregistrés.'
        : 'Vous ne recevrez plus d’avis par e-mail. Vous pouvez les réactiver ici.',
    );
    return reply.redirect('/compte/avis', 303);
  });
}
