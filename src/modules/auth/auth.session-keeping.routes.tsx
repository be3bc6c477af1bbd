import type { FastifyInstance } from 'fastify';
import { sendHtml, setFlash, viewContext } from '../../web/context.js';
import { homeFor } from './auth.policy.js';
import { fillForm, HELD_FORM_COOKIE, takeHeldForm } from './auth.held-forms.js';
import { HeldFormPage } from './auth.session-keeping.views.js';

/**
 * Not losing a long form to the idle limit (issue 9). With JavaScript, app.js pings
 * /session/maintien while a form is being filled in; without it, a form posted after the session
 * expired is held through the sign-in (auth.held-forms.ts) and shown back here.
 */
export async function sessionKeepingRoutes(app: FastifyInstance): Promise<void> {
  // The session hook has already counted this request as activity: nothing else to do.
  app.post('/session/maintien', { config: { access: 'authenticated', enrolment: true } }, async (_request, reply) =>
    reply.header('cache-control', 'no-store').code(204).send(),
  );

  app.get('/reprise', { config: { access: 'authenticated' } }, async (request, reply) => {
    const id = request.cookies[HELD_FORM_COOKIE];
    reply.clearCookie(HELD_FORM_COOKIE, { path: '/' });
    const held = id ? takeHeldForm(app, id, Date.now()) : null;
    const user = request.currentUser;
    if (!held || !user) {
      setFlash(reply, 'Aucune saisie gardée : elle ne l’est que 30 minutes après l’expiration de la session.');
      return reply.redirect(user ? homeFor(user) : '/', 303);
    }
    if (held.page) {
      // The page the form was on, as this person sees it now (its access checked again), filled back.
      const page = await app.inject({
        method: 'GET',
        url: held.page,
        headers: { cookie: request.headers.cookie ?? '' },
      });
      const filled = page.statusCode === 200 ? fillForm(page.body, held.action, held.values) : null;
      if (filled) {
        const cookies = page.headers['set-cookie'];
        if (cookies) reply.header('set-cookie', cookies);
        return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(filled);
      }
    }
    reply.header('cache-control', 'no-store');
    return sendHtml(reply, <HeldFormPage ctx={viewContext(request, reply)} held={held} />);
  });
}
