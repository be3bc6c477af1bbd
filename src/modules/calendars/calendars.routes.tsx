import type { FastifyInstance } from 'fastify';
import { NotFoundError } from '../../errors.js';
import { signedInUser } from '../../web/route-params.js';
import { sendHtml, setFlash, viewContext } from '../../web/context.js';
import {
  hasCalendarToken,
  privateFeed,
  publicFeed,
  renewCalendarToken,
  revokeCalendarToken,
} from './calendars.service.js';
import { CalendarPage } from './calendars.views.js';

/** The private calendar link (board) and the two iCalendar feeds. */
export async function calendarsRoutes(app: FastifyInstance): Promise<void> {
  const db = app.db;
  const site = async () => ({
    baseUrl: app.config.publicUrl,
    organisationName: (await app.organisation.get()).name,
    host: new URL(app.config.publicUrl).host,
  });

  app.get('/compte/agenda', { config: { access: 'board' } }, async (request, reply) =>
    sendHtml(
      reply,
      <CalendarPage
        ctx={viewContext(request, reply)}
        active={await hasCalendarToken(db, signedInUser(request).id)}
        publicLink={`${app.config.publicUrl}/agenda.ics`}
      />,
    ),
  );

  app.post('/compte/agenda/lien', { config: { access: 'board' } }, async (request, reply) => {
    const token = await renewCalendarToken(db, signedInUser(request), app.clock());
    // Shown once, on this page: the token is kept hashed.
    reply.header('Cache-Control', 'no-store');
    return sendHtml(
      reply,
      <CalendarPage
        ctx={viewContext(request, reply)}
        active
        link={`${app.config.publicUrl}/calendrier.ics?cle=${token}`}
        publicLink={`${app.config.publicUrl}/agenda.ics`}
      />,
    );
  });

  app.post('/compte/agenda/revoquer', { config: { access: 'board' } }, async (request, reply) => {
    await revokeCalendarToken(db, signedInUser(request), app.clock());
    setFlash(reply, 'Lien révoqué : les agendas abonnés ne le liront plus.');
    return reply.redirect('/compte/agenda', 303);
  });

  // The token is in the query string: the request log keeps only the path.
  app.get<{ Querystring: { cle?: string } }>(
    '/calendrier.ics',
    { config: { access: 'public' } },
    async (request, reply) => {
      const token = request.query.cle ?? '';
      if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) throw new NotFoundError();
      const ics = await privateFeed(db, token, await site(), app.clock());
      if (ics === undefined) throw new NotFoundError();
      return reply
        .header('Content-Type', 'text/calendar; charset=utf-8')
        .header('Cache-Control', 'private, no-store')
        .header('Referrer-Policy', 'no-referrer')
        .send(ics);
    },
  );

  app.get('/agenda.ics', { config: { access: 'public' } }, async (_request, reply) =>
    reply.header('Content-Type', 'text/calendar; charset=utf-8').send(await publicFeed(db, await site(), app.clock())),
  );
}
