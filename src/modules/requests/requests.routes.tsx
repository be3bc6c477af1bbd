import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendHtml, setFlash, viewContext } from '../../web/context.js';
import { fieldsOf, parseForm, str } from '../../web/validation.js';
import { AppError } from '../../errors.js';
import { STATUSES } from './requests.constants.js';
import { findIdentifyingText } from './requests.identifying.js';
import { access, parseId, type IdParams } from './requests.params.js';
import { loadRequestView } from './requests.presenter.js';
import { eventSchema, identitySchema, statusSchema } from './requests.schemas.js';
import { addEvent, changeStatus, revealIdentity, updateIdentity, type RequesterIdentity } from './requests.service.js';
import { RequestDetailPage, type EventFormState } from './requests.detail.views.js';
import { requestListRoutes } from './requests.list.routes.js';
import { requestFormRoutes } from './requests.form.routes.js';
import { requestCloseRoutes } from './requests.close.routes.js';
import { signedInUser } from '../../web/route-params.js';

/**
 * The register's HTTP side. This file: a request's page, its status, its timeline and its
 * requester's identity; the list and exports (requests.list.routes.tsx), the forms
 * (requests.form.routes.tsx) and the closing (requests.close.routes.tsx) are registered from here.
 */
export async function requestsRoutes(app: FastifyInstance): Promise<void> {
  const db = app.db;
  await requestListRoutes(app);
  await requestFormRoutes(app);
  await requestCloseRoutes(app);

  async function renderDetail(
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    extra: { identity?: RequesterIdentity | null; eventForm?: EventFormState } = {},
    status = 200,
  ) {
    const view = await loadRequestView(db, id);
    return sendHtml(
      reply,
      <RequestDetailPage
        ctx={viewContext(request, reply)}
        r={view}
        identity={extra.identity}
        {...(extra.eventForm ? { eventForm: extra.eventForm } : {})}
      />,
      status,
    );
  }

  app.get<IdParams>('/demandes/:id', { config: access }, async (request, reply) =>
    renderDetail(request, reply, parseId(request.params.id)),
  );

  app.post<IdParams>('/demandes/:id/statut', { config: access }, async (request, reply) => {
    const id = parseId(request.params.id);
    const parsed = parseForm(statusSchema, request.body);
    if (!parsed.ok) throw new AppError('STATUS_INVALID', 'Statut inconnu.');
    await changeStatus(db, id, parsed.data.status, signedInUser(request));
    setFlash(reply, `Statut : ${STATUSES.labels[parsed.data.status]}.`);
    return reply.redirect(`/demandes/${id}`, 303);
  });

  app.post<IdParams>('/demandes/:id/etapes', { config: access }, async (request, reply) => {
    const id = parseId(request.params.id);
    const body = fieldsOf(request.body);
    const values = { type: str(body.type), occurredOn: str(body.occurredOn), body: str(body.body) };
    const parsed = parseForm(eventSchema, body);
    if (!parsed.ok) return renderDetail(request, reply, id, { eventForm: { values, errors: parsed.errors } }, 422);
    const warnings = findIdentifyingText(parsed.data.body);
    if (warnings.length && !parsed.data.confirmIdentifying)
      return renderDetail(request, reply, id, { eventForm: { values, warnings } });
    await addEvent(db, id, parsed.data, signedInUser(request));
    setFlash(reply, 'Étape ajoutée au suivi.', { near: 'timeline-title' });
    return reply.redirect(`/demandes/${id}#timeline-title`, 303);
  });

  // Revealing is a POST: it changes the audit trail, and a GET could be
  // prefetched or left in a browser history.
  app.post<IdParams>('/demandes/:id/identite', { config: access }, async (request, reply) => {
    const id = parseId(request.params.id);
    const identity = await revealIdentity(db, app.vault, id, signedInUser(request));
    return renderDetail(request, reply, id, { identity });
  });

  app.post<IdParams>('/demandes/:id/identite/modifier', { config: access }, async (request, reply) => {
    const id = parseId(request.params.id);
    const body = fieldsOf(request.body);
    const parsed = parseForm(identitySchema, body);
    if (!parsed.ok) {
      const view = await loadRequestView(db, id);
      const typed = {
        name: str(body.identityName),
        organisation: str(body.identityOrganisation),
        email: str(body.identityEmail),
        phone: str(body.identityPhone),
      };
      return sendHtml(
        reply,
        <RequestDetailPage
          ctx={viewContext(request, reply)}
          r={view}
          identity={typed}
          identityErrors={parsed.errors}
        />,
        422,
      );
    }
    await updateIdentity(db, app.vault, id, parsed.data, signedInUser(request));
    setFlash(reply, 'Identité enregistrée (chiffrée).');
    return reply.redirect(`/demandes/${id}`, 303);
  });
}
