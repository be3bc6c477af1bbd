import type { FastifyInstance } from 'fastify';
import { NotFoundError } from '../../errors.js';
import { addDays } from '../../lib/belgian-calendar.js';
import { plural } from '../../lib/plural.js';
import { schoolClosures, schoolYear, schoolYearOf } from '../../lib/school-calendar.js';
import { todayInBrussels } from '../../lib/time.js';
import { pathId, signedInUser } from '../../web/route-params.js';
import { sendHtml, setFlash, viewContext } from '../../web/context.js';
import { str, yearParam } from '../../web/validation.js';
import type { RotaMailContext } from './rota.mail.js';
import { callsByDay, callsOn, findShift, listShifts } from './rota.queries.js';
import {
  ADDED_SHIFTS,
  answerSwap,
  generateShifts,
  giveBackShift,
  loadSwap,
  proposeSwap,
  takeShift,
} from './rota.service.js';
import { RotaPage, ShiftPage, SwapAnswerPage, SwapFormPage } from './rota.views.js';

type Body = Record<string, string | string[] | undefined>;
const access = { access: 'board' as const };

/** The helpline rota: shifts of a school year, take, give back, swap. */
export async function rotaRoutes(app: FastifyInstance): Promise<void> {
  const db = app.db;
  const mail = async (): Promise<RotaMailContext> => ({
    baseUrl: app.config.publicUrl,
    organisationName: (await app.organisation.get()).name,
  });

  app.get<{ Querystring: { annee?: string } }>('/bureau/permanences', { config: access }, async (request, reply) => {
    const today = todayInBrussels(app.clock());
    const asked = yearParam(request.query.annee);
    const year = asked ? schoolYear(asked) : schoolYearOf(today);
    const from = year.startsOn;
    const to = addDays(year.summerFrom, -1);
    return sendHtml(
      reply,
      <RotaPage
        ctx={viewContext(request, reply)}
        yearName={year.name}
        startYear={Number(year.name.slice(0, 4))}
        today={today}
        shifts={await listShifts(db, from, to)}
        calls={await callsByDay(db, from, to)}
        closures={schoolClosures(year)}
        me={signedInUser(request).id}
      />,
    );
  });

  app.post<{ Body: Body }>('/bureau/permanences/generer', { config: access }, async (request, reply) => {
    const raw = str(request.body?.annee);
    const startYear = /^\d{4}$/.test(raw)
      ? Number(raw)
      : Number(schoolYearOf(todayInBrussels(app.clock())).name.slice(0, 4));
    const { created } = await generateShifts(db, startYear, signedInUser(request), app.clock());
    setFlash(
      reply,
      created ? `${plural(created, ADDED_SHIFTS)}.` : 'Aucune permanence à ajouter : le tour de rôle est complet.',
    );
    return reply.redirect(`/bureau/permanences?annee=${startYear}`, 303);
  });

  app.get<{ Params: { id: string } }>('/bureau/permanences/:id', { config: access }, async (request, reply) => {
    const shift = await findShift(db, pathId(request.params.id));
    if (!shift) throw new NotFoundError();
    return sendHtml(
      reply,
      <ShiftPage ctx={viewContext(request, reply)} shift={shift} calls={await callsOn(db, shift.heldOn)} />,
    );
  });

  app.post<{ Params: { id: string } }>(
    '/bureau/permanences/:id/prendre',
    { config: access },
    async (request, reply) => {
      await takeShift(db, pathId(request.params.id), signedInUser(request), app.clock());
      setFlash(reply, 'Permanence prise. Vous recevrez un rappel la veille.');
      return reply.redirect('/bureau/permanences', 303);
    },
  );

  app.post<{ Params: { id: string } }>('/bureau/permanences/:id/rendre', { config: access }, async (request, reply) => {
    await giveBackShift(db, pathId(request.params.id), signedInUser(request), app.clock());
    setFlash(reply, 'Permanence rendue : elle est de nouveau libre.');
    return reply.redirect('/bureau/permanences', 303);
  });

  app.get<{ Params: { id: string } }>(
    '/bureau/permanences/:id/echanger',
    { config: access },
    async (request, reply) => {
      const me = signedInUser(request);
      const shift = await findShift(db, pathId(request.params.id));
      if (!shift || shift.userId !== me.id) throw new NotFoundError();
      const today = todayInBrussels(app.clock());
      const others = (await listShifts(db, today, addDays(today, 366))).filter(
        (s) => s.userId !== null && s.userId !== me.id,
      );
      return sendHtml(reply, <SwapFormPage ctx={viewContext(request, reply)} shift={shift} others={others} />);
    },
  );

  app.post<{ Params: { id: string }; Body: Body }>(
    '/bureau/permanences/:id/echanger',
    { config: access },
    async (request, reply) => {
      const other = str(request.body?.avec);
      await proposeSwap(db, pathId(request.params.id), pathId(other), signedInUser(request), await mail(), app.clock());
      setFlash(reply, 'Échange proposé : votre collègue reçoit un e-mail pour l’accepter ou le refuser.');
      return reply.redirect('/bureau/permanences', 303);
    },
  );

  app.get<{ Params: { id: string } }>(
    '/bureau/permanences/echanges/:id',
    { config: access },
    async (request, reply) => {
      const swap = await loadSwap(db, pathId(request.params.id));
      if (swap.askedUserId !== signedInUser(request).id) throw new NotFoundError();
      return sendHtml(reply, <SwapAnswerPage ctx={viewContext(request, reply)} swap={swap} />);
    },
  );

  app.post<{ Params: { id: string }; Body: Body }>(
    '/bureau/permanences/echanges/:id',
    { config: access },
    async (request, reply) => {
      const accept = str(request.body?.reponse) === 'accepter';
      await answerSwap(db, pathId(request.params.id), accept, signedInUser(request), await mail(), app.clock());
      setFlash(reply, accept ? 'Échange accepté.' : 'Échange refusé.');
      return reply.redirect('/bureau/permanences', 303);
    },
  );
}
