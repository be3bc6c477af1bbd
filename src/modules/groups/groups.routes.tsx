import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { FieldValidationError, NotFoundError } from '../../errors.js';
import { todayInBrussels } from '../../lib/time.js';
import { pathId, signedInUser } from '../../web/route-params.js';
import { sendHtml, setFlash, viewContext } from '../../web/context.js';
import type { FieldErrors } from '../../web/forms.js';
import { str } from '../../web/validation.js';
import {
  addGroupMeeting,
  addGroupMember,
  candidates,
  createGroup,
  listGroups,
  loadGroup,
  removeGroupMember,
  updateGroup,
  updateGroupMeeting,
} from './groups.service.js';
import { GroupMeetingPage, GroupPage, GroupsPage } from './groups.views.js';

type Body = Record<string, string | string[] | undefined>;
type IdBody = { Params: { id: string }; Body: Body };
type MeetingParams = { Params: { id: string; meetingId: string }; Body: Body };
const access = { access: 'board' as const };

const valuesOf = (body: Body, keys: string[]) => Object.fromEntries(keys.map((k) => [k, str(body[k])]));
const MEETING_KEYS = ['heldOn', 'startsAt', 'place', 'notes'];

/** Working groups: their page, members (board or plenary) and meetings. */
export async function groupsRoutes(app: FastifyInstance): Promise<void> {
  const db = app.db;

  app.get('/bureau/groupes', { config: access }, async (request, reply) =>
    sendHtml(reply, <GroupsPage ctx={viewContext(request, reply)} groups={await listGroups(db)} values={{}} />),
  );

  app.post<{ Body: Body }>('/bureau/groupes', { config: access }, async (request, reply) => {
    try {
      const id = await createGroup(db, request.body ?? {}, signedInUser(request), app.clock());
      setFlash(reply, 'Groupe créé : ajoutez ses membres.');
      return reply.redirect(`/bureau/groupes/${id}`, 303);
    } catch (error) {
      if (!(error instanceof FieldValidationError)) throw error;
      return sendHtml(
        reply,
        <GroupsPage
          ctx={viewContext(request, reply)}
          groups={await listGroups(db)}
          values={valuesOf(request.body ?? {}, ['name', 'purpose'])}
          errors={error.errors}
        />,
        400,
      );
    }
  });

  async function renderGroup(
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    values: Record<string, string> = {},
    errors?: FieldErrors,
  ) {
    return sendHtml(
      reply,
      <GroupPage
        ctx={viewContext(request, reply)}
        group={await loadGroup(db, id)}
        candidates={await candidates(db, todayInBrussels(app.clock()))}
        values={values}
        errors={errors}
      />,
      errors ? 400 : 200,
    );
  }

  app.get<IdBody>('/bureau/groupes/:id', { config: access }, (request, reply) =>
    renderGroup(request, reply, pathId(request.params.id)),
  );

  /** Runs a change; a refused form shows the group page again with its messages. */
  async function change(request: FastifyRequest<IdBody>, reply: FastifyReply, run: () => Promise<string>) {
    const id = pathId(request.params.id);
    try {
      setFlash(reply, await run());
      return reply.redirect(`/bureau/groupes/${id}`, 303);
    } catch (error) {
      if (!(error instanceof FieldValidationError)) throw error;
      return renderGroup(request, reply, id, valuesOf(request.body ?? {}, MEETING_KEYS), error.errors);
    }
  }

  app.post<IdBody>('/bureau/groupes/:id', { config: access }, (request, reply) =>
    change(request, reply, async () => {
      await updateGroup(db, pathId(request.params.id), request.body ?? {}, signedInUser(request), app.clock());
      return 'Groupe enregistré.';
    }),
  );

  app.post<IdBody>('/bureau/groupes/:id/membres', { config: access }, (request, reply) =>
    change(request, reply, async () => {
      const who = str(request.body?.who);
      const added = await addGroupMember(db, pathId(request.params.id), who, signedInUser(request), app.clock());
      return added ? 'Membre ajouté au groupe.' : 'Cette personne fait déjà partie du groupe.';
    }),
  );

  app.post<{ Params: { id: string; rowId: string } }>(
    '/bureau/groupes/:id/membres/:rowId/retirer',
    { config: access },
    async (request, reply) => {
      const id = pathId(request.params.id);
      await removeGroupMember(db, id, pathId(request.params.rowId), signedInUser(request), app.clock());
      setFlash(reply, 'Membre retiré du groupe.');
      return reply.redirect(`/bureau/groupes/${id}`, 303);
    },
  );

  app.post<IdBody>('/bureau/groupes/:id/reunions', { config: access }, (request, reply) =>
    change(request, reply, async () => {
      await addGroupMeeting(db, pathId(request.params.id), request.body ?? {}, signedInUser(request), app.clock());
      return 'Réunion ajoutée.';
    }),
  );

  app.get<MeetingParams>('/bureau/groupes/:id/reunions/:meetingId', { config: access }, async (request, reply) => {
    const group = await loadGroup(db, pathId(request.params.id));
    const meeting = group.meetings.find((m) => m.id === pathId(request.params.meetingId));
    if (!meeting) throw new NotFoundError('Cette réunion du groupe n’existe pas.');
    return sendHtml(
      reply,
      <GroupMeetingPage
        ctx={viewContext(request, reply)}
        group={group}
        meetingId={meeting.id}
        values={{
          heldOn: meeting.heldOn,
          startsAt: meeting.startsAt ?? '',
          place: meeting.place,
          notes: meeting.notes,
        }}
      />,
    );
  });

  app.post<MeetingParams>('/bureau/groupes/:id/reunions/:meetingId', { config: access }, async (request, reply) => {
    const [id, meetingId] = [pathId(request.params.id), pathId(request.params.meetingId)];
    try {
      await updateGroupMeeting(db, id, meetingId, request.body ?? {}, signedInUser(request), app.clock());
    } catch (error) {
      if (!(error instanceof FieldValidationError)) throw error;
      return sendHtml(
        reply,
        <GroupMeetingPage
          ctx={viewContext(request, reply)}
          group={await loadGroup(db, id)}
          meetingId={meetingId}
          values={valuesOf(request.body ?? {}, MEETING_KEYS)}
          errors={error.errors}
        />,
        400,
      );
    }
    setFlash(reply, 'Réunion enregistrée.');
    return reply.redirect(`/bureau/groupes/${id}`, 303);
  });
}
