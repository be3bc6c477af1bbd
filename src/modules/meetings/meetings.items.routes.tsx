import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { FieldValidationError, NotFoundError } from '../../errors.js';
import { sendHtml, setFlash, viewContext } from '../../web/context.js';
import type { FieldErrors } from '../../web/forms.js';
import { pathId as idOf, signedInUser as user } from '../../web/route-params.js';
import { str } from '../../web/validation.js';
import { activeBoardMembers } from '../auth/auth.board.service.js';
import { listEntries } from '../taxonomy/taxonomy.service.js';
import { DECISION_ACTION_LABELS } from './meetings.constants.js';
import { recordDecision } from './meetings.decisions.service.js';
import { decisionValues, EMPTY_DECISION, ItemPage, type DecisionValues } from './meetings.item.views.js';
import { listMeetings, loadMeeting, moveItem, removeItem, saveItemNotes } from './meetings.service.js';

type Body = Record<string, string | string[] | undefined>;
const access = { access: 'board' as const };

/** One agenda item of a board meeting: its order, removal, notes and decisions. */
export async function meetingItemsRoutes(app: FastifyInstance): Promise<void> {
  const db = app.db;

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
        if (!(error instanceof FieldValidationError)) throw error;
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
        if (!(error instanceof FieldValidationError)) throw error;
        return renderItem(request, reply, id, itemId, { values: decisionValues(body), errors: error.errors });
      }
    },
  );
}
