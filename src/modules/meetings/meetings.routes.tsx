import { FieldValidationError } from '../../errors.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { todayInBrussels } from '../../lib/time.js';
import { sendHtml, setFlash, viewContext } from '../../web/context.js';
import type { FieldErrors } from '../../web/forms.js';
import { pathId as idOf, signedInUser as user } from '../../web/route-params.js';
import { checkboxField, idParam, str, strList } from '../../web/validation.js';
import { flaggedRequests } from '../requests/requests.board.service.js';
import { MeetingPage } from './meetings.detail.views.js';
import { approvalOf, approveMinutes, minutesOf, pendingApprovals } from './meetings.minutes.service.js';
import { sendMinutesFile } from './meetings.minutes.render.js';
import { MinutesPage } from './meetings.minutes.views.js';
import {
  addFreeItem,
  addRequestItems,
  createMeeting,
  findMeeting,
  listMeetings,
  loadMeeting,
  saveMeetingNotes,
  setAttendance,
  updateMeeting,
} from './meetings.service.js';
import { MeetingFormPage, MeetingsPage, type MeetingFormValues } from './meetings.views.js';

type Body = Record<string, string | string[] | undefined>;
const access = { access: 'board' as const };

const formValues = (body: Body): MeetingFormValues => ({
  kind: str(body.kind),
  heldOn: str(body.heldOn),
  startsAt: str(body.startsAt),
  endsAt: str(body.endsAt),
  place: str(body.place),
  videoUrl: str(body.videoUrl),
  cancelled: checkboxField.parse(body.cancelled),
});

/** Board meetings: list, create, edit, attendance, the agenda's requests and free items, notes, minutes
 * and their approval. One agenda item's routes (order, notes, decisions) are in meetings.items.routes.tsx. */
export async function meetingsRoutes(app: FastifyInstance): Promise<void> {
  const db = app.db;
  const today = () => todayInBrussels(app.clock());
  const organisation = async () => (await app.organisation.get()).name;

  app.get('/bureau/reunions', { config: access }, async (request, reply) => {
    const all = await listMeetings(db);
    const day = today();
    return sendHtml(
      reply,
      <MeetingsPage
        ctx={viewContext(request, reply)}
        upcoming={all.filter((m) => m.heldOn >= day)}
        past={all.filter((m) => m.heldOn < day)}
      />,
    );
  });

  app.get('/bureau/reunions/nouvelle', { config: access }, async (request, reply) =>
    sendHtml(
      reply,
      <MeetingFormPage
        ctx={viewContext(request, reply)}
        values={{ kind: 'meeting', heldOn: '', startsAt: '', endsAt: '', place: '', videoUrl: '' }}
      />,
    ),
  );

  app.post<{ Body: Body }>('/bureau/reunions/nouvelle', { config: access }, async (request, reply) => {
    try {
      const id = await createMeeting(db, request.body ?? {}, user(request));
      setFlash(reply, 'Réunion créée.');
      return reply.redirect(`/bureau/reunions/${id}`, 303);
    } catch (error) {
      if (!(error instanceof FieldValidationError)) throw error;
      return sendHtml(
        reply,
        <MeetingFormPage
          ctx={viewContext(request, reply)}
          values={formValues(request.body ?? {})}
          errors={error.errors}
        />,
        400,
      );
    }
  });

  async function renderMeeting(
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    errors?: FieldErrors,
    freeTitle?: string,
  ) {
    const meeting = await loadMeeting(db, id);
    return sendHtml(
      reply,
      <MeetingPage
        ctx={viewContext(request, reply)}
        meeting={meeting}
        flagged={await flaggedRequests(db)}
        pending={await pendingApprovals(db, meeting)}
        approval={await approvalOf(db, meeting)}
        errors={errors}
        {...(freeTitle === undefined ? {} : { freeTitle })}
      />,
      errors ? 400 : 200,
    );
  }

  app.get<{ Params: { id: string } }>('/bureau/reunions/:id', { config: access }, (request, reply) =>
    renderMeeting(request, reply, idOf(request.params.id)),
  );

  app.get<{ Params: { id: string } }>('/bureau/reunions/:id/modifier', { config: access }, async (request, reply) => {
    const m = await findMeeting(db, idOf(request.params.id));
    return sendHtml(
      reply,
      <MeetingFormPage
        ctx={viewContext(request, reply)}
        meeting={m}
        values={{
          kind: m.kind,
          heldOn: m.heldOn,
          startsAt: m.startsAt ?? '',
          endsAt: m.endsAt ?? '',
          place: m.place,
          videoUrl: m.videoUrl,
          cancelled: m.cancelled,
        }}
      />,
    );
  });

  app.post<{ Params: { id: string }; Body: Body }>(
    '/bureau/reunions/:id/modifier',
    { config: access },
    async (request, reply) => {
      const id = idOf(request.params.id);
      try {
        await updateMeeting(db, id, request.body ?? {}, user(request));
        setFlash(reply, 'Réunion enregistrée.');
        return reply.redirect(`/bureau/reunions/${id}`, 303);
      } catch (error) {
        if (!(error instanceof FieldValidationError)) throw error;
        return sendHtml(
          reply,
          <MeetingFormPage
            ctx={viewContext(request, reply)}
            meeting={await findMeeting(db, id)}
            values={formValues(request.body ?? {})}
            errors={error.errors}
          />,
          400,
        );
      }
    },
  );

  app.post<{ Params: { id: string }; Body: Body }>(
    '/bureau/reunions/:id/presences',
    { config: access },
    async (request, reply) => {
      const id = idOf(request.params.id);
      await setAttendance(db, id, request.body ?? {}, user(request));
      setFlash(reply, 'Présences enregistrées.');
      return reply.redirect(`/bureau/reunions/${id}`, 303);
    },
  );

  app.post<{ Params: { id: string }; Body: Body }>(
    '/bureau/reunions/:id/demandes',
    { config: access },
    async (request, reply) => {
      const id = idOf(request.params.id);
      const ids = strList(request.body?.requestIds)
        .map(idParam)
        .filter((v) => v !== undefined);
      if (ids.length === 0)
        return renderMeeting(request, reply, id, { requestIds: 'Demandes : cochez au moins une demande.' });
      const added = await addRequestItems(db, id, ids, user(request));
      setFlash(
        reply,
        added ? `Ajoutées à l’ordre du jour : ${added}.` : 'Ces demandes étaient déjà à l’ordre du jour.',
      );
      return reply.redirect(`/bureau/reunions/${id}`, 303);
    },
  );

  app.post<{ Params: { id: string }; Body: Body }>(
    '/bureau/reunions/:id/points',
    { config: access },
    async (request, reply) => {
      const id = idOf(request.params.id);
      try {
        await addFreeItem(db, id, request.body ?? {}, user(request));
      } catch (error) {
        if (!(error instanceof FieldValidationError)) throw error;
        return renderMeeting(request, reply, id, error.errors, str(request.body?.title));
      }
      setFlash(reply, 'Point ajouté.', { near: 'ajouter-point' });
      return reply.redirect(`/bureau/reunions/${id}#ajouter-point`, 303);
    },
  );

  app.post<{ Params: { id: string }; Body: Body }>(
    '/bureau/reunions/:id/notes',
    { config: access },
    async (request, reply) => {
      const id = idOf(request.params.id);
      try {
        await saveMeetingNotes(db, id, request.body ?? {});
      } catch (error) {
        if (!(error instanceof FieldValidationError)) throw error;
        return renderMeeting(request, reply, id, error.errors);
      }
      setFlash(reply, 'Notes enregistrées.', { near: 'divers' });
      return reply.redirect(`/bureau/reunions/${id}#divers`, 303);
    },
  );

  app.post<{ Params: { id: string }; Body: Body }>(
    '/bureau/reunions/:id/approuver',
    { config: access },
    async (request, reply) => {
      const id = idOf(request.params.id);
      const inMeeting = idOf(str(request.body?.lors));
      await approveMinutes(db, id, inMeeting, user(request), await organisation(), app.clock());
      setFlash(reply, 'Procès-verbal approuvé : il ne peut plus être modifié.');
      return reply.redirect(`/bureau/reunions/${inMeeting}`, 303);
    },
  );

  app.get<{ Params: { id: string } }>(
    '/bureau/reunions/:id/proces-verbal',
    { config: access },
    async (request, reply) => {
      const id = idOf(request.params.id);
      const doc = await minutesOf(db, id, await organisation());
      return sendHtml(
        reply,
        <MinutesPage ctx={viewContext(request, reply)} base={`/bureau/reunions/${id}`} back="La réunion" doc={doc} />,
      );
    },
  );

  for (const format of ['pdf', 'docx'] as const)
    app.get<{ Params: { id: string } }>(
      `/bureau/reunions/:id/proces-verbal.${format}`,
      { config: access },
      async (request, reply) => {
        const id = idOf(request.params.id);
        const meeting = await findMeeting(db, id);
        const doc = await minutesOf(db, id, await organisation());
        return sendMinutesFile(reply, doc, format, `proces-verbal-${meeting.heldOn}`);
      },
    );
}
