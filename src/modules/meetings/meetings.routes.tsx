// Over 300 lines: every HTTP route of a board meeting (list, create, edit, attendance, agenda items and
// their order, notes, minutes and their approval) sits here. Next split: the agenda-item routes into
// meetings.items.routes.tsx.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ForbiddenError, NotFoundError } from '../../errors.js';
import { todayInBrussels } from '../../lib/time.js';
import type { CurrentUser } from '../../web/access.js';
import { sendHtml, setFlash, viewContext } from '../../web/context.js';
import type { FieldErrors } from '../../web/forms.js';
import { checkboxField, idParam, str, strList } from '../../web/validation.js';
import { activeBoardMembers } from '../auth/auth.board.service.js';
import { flaggedRequests } from '../requests/requests.board.service.js';
import { listEntries } from '../taxonomy/taxonomy.service.js';
import { DECISION_ACTION_LABELS } from './meetings.constants.js';
import { MeetingPage } from './meetings.detail.views.js';
import { recordDecision } from './meetings.decisions.service.js';
import { decisionValues, EMPTY_DECISION, ItemPage, type DecisionValues } from './meetings.item.views.js';
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
  MeetingValidationError,
  moveItem,
  removeItem,
  saveItemNotes,
  saveMeetingNotes,
  setAttendance,
  updateMeeting,
} from './meetings.service.js';
import { MeetingFormPage, MeetingsPage, type MeetingFormValues } from './meetings.views.js';

type Body = Record<string, string | string[] | undefined>;
const access = { access: 'board' as const };

function user(request: FastifyRequest): CurrentUser {
  if (!request.currentUser) throw new ForbiddenError();
  return request.currentUser;
}

function idOf(raw: string): number {
  const id = idParam(raw);
  if (id === undefined) throw new NotFoundError();
  return id;
}

const formValues = (body: Body): MeetingFormValues => ({
  kind: str(body.kind),
  heldOn: str(body.heldOn),
  startsAt: str(body.startsAt),
  endsAt: str(body.endsAt),
  place: str(body.place),
  videoUrl: str(body.videoUrl),
  cancelled: checkboxField.parse(body.cancelled),
});

/** Board meetings: agenda, attendance, decisions, minutes. */
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
      if (!(error instanceof MeetingValidationError)) throw error;
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
        if (!(error instanceof MeetingValidationError)) throw error;
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
        if (!(error instanceof MeetingValidationError)) throw error;
        return renderMeeting(request, reply, id, error.errors, str(request.body?.title));
      }
      setFlash(reply, 'Point ajouté.');
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
        if (!(error instanceof MeetingValidationError)) throw error;
        return renderMeeting(request, reply, id, error.errors);
      }
      setFlash(reply, 'Notes enregistrées.');
      return reply.redirect(`/bureau/reunions/${id}#divers`, 303);
    },
  );

  for (const [segment, direction] of [
    ['monter', 'up'],
    ['descendre', 'down'],
  ] as const)
    app.post<{ Params: { id: string; itemId: string } }>(
      `/bureau/reunions/:id/points/:itemId/${segment}`,
      { config: access },
      async (request, reply) => {
        const id = idOf(request.params.id);
        await moveItem(db, id, idOf(request.params.itemId), direction);
        return reply.redirect(`/bureau/reunions/${id}`, 303);
      },
    );

  app.post<{ Params: { id: string; itemId: string } }>(
    '/bureau/reunions/:id/points/:itemId/retirer',
    { config: access },
    async (request, reply) => {
      const id = idOf(request.params.id);
      await removeItem(db, id, idOf(request.params.itemId));
      setFlash(reply, 'Point retiré de l’ordre du jour.');
      return reply.redirect(`/bureau/reunions/${id}`, 303);
    },
  );

  async function renderItem(
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    itemId: number,
    form?: { values?: DecisionValues; notes?: string; errors?: FieldErrors },
  ) {
    const meeting = await loadMeeting(db, id);
    const item = meeting.items.find((i) => i.id === itemId);
    if (!item) throw new NotFoundError('Ce point n’est pas à l’ordre du jour.');
    const later = (await listMeetings(db)).filter(
      (m) => m.heldOn >= meeting.heldOn && m.id !== meeting.id && !m.cancelled && !m.approvedAt,
    );
    return sendHtml(
      reply,
      <ItemPage
        ctx={viewContext(request, reply)}
        meeting={meeting}
        item={item}
        members={await activeBoardMembers(db)}
        laterMeetings={later.reverse()}
        reasons={await listEntries(db, 'outcome_reason', Number(meeting.heldOn.slice(0, 4)))}
        values={form?.values ?? EMPTY_DECISION}
        notes={form?.notes ?? item.notes}
        errors={form?.errors}
      />,
      form?.errors ? 400 : 200,
    );
  }

  app.get<{ Params: { id: string; itemId: string } }>(
    '/bureau/reunions/:id/points/:itemId',
    { config: access },
    (request, reply) => renderItem(request, reply, idOf(request.params.id), idOf(request.params.itemId)),
  );

  app.post<{ Params: { id: string; itemId: string }; Body: Body }>(
    '/bureau/reunions/:id/points/:itemId/notes',
    { config: access },
    async (request, reply) => {
      const [id, itemId] = [idOf(request.params.id), idOf(request.params.itemId)];
      try {
        await saveItemNotes(db, id, itemId, request.body ?? {});
      } catch (error) {
        if (!(error instanceof MeetingValidationError)) throw error;
        return renderItem(request, reply, id, itemId, { notes: str(request.body?.notes), errors: error.errors });
      }
      setFlash(reply, 'Notes enregistrées.');
      return reply.redirect(`/bureau/reunions/${id}/points/${itemId}`, 303);
    },
  );

  app.post<{ Params: { id: string; itemId: string }; Body: Body }>(
    '/bureau/reunions/:id/points/:itemId/decisions',
    { config: access },
    async (request, reply) => {
      const [id, itemId] = [idOf(request.params.id), idOf(request.params.itemId)];
      const body = request.body ?? {};
      try {
        const action = await recordDecision(db, id, itemId, body, user(request));
        setFlash(reply, `Décision enregistrée (${DECISION_ACTION_LABELS[action].toLowerCase()}).`);
        return reply.redirect(`/bureau/reunions/${id}`, 303);
      } catch (error) {
        if (!(error instanceof MeetingValidationError)) throw error;
        return renderItem(request, reply, id, itemId, { values: decisionValues(body), errors: error.errors });
      }
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
