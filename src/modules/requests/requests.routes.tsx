/*
 * The register's HTTP side (over 300 lines): intake, full form, list, detail, edit, status, timeline,
 * closing and identity share the same form plumbing (renderForm, renderDetail). Next split: the
 * closing and identity routes into requests.close.routes.tsx and requests.identity.routes.tsx.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { searchTerms } from '../../lib/text.js';
import { todayInBrussels } from '../../lib/time.js';
import { sendHtml, setFlash, viewContext } from '../../web/context.js';
import type { FieldErrors } from '../../web/forms.js';
import { idParam, parseForm, str, strList } from '../../web/validation.js';
import type { CurrentUser } from '../../web/access.js';
import { labelOf, loadTaxonomy, themePath, type Taxonomy } from '../taxonomy/taxonomy.service.js';
import { oneOf } from '../../lib/one-of.js';
import { CLOSE_FIELD_OUTCOMES, OUTCOMES, STATUSES } from './requests.constants.js';
import { findIdentifyingText, moveIdentifyingText } from './requests.identifying.js';
import { REGISTER_ACCESS } from './requests.policy.js';
import {
  assigneesOf,
  boardMembers,
  eventsOf,
  findRequest,
  listRequests,
  requestYears,
  themesOf,
  type RequestFilter,
} from './requests.queries.js';
import {
  closeSchema,
  createRequestSchema,
  eventSchema,
  identitySchema,
  statusSchema,
  updateRequestSchema,
} from './requests.schemas.js';
import {
  addEvent,
  changeStatus,
  closeRequest,
  createRequest,
  hasIdentity,
  revealIdentity,
  updateIdentity,
  updateRequest,
  type RequesterIdentity,
} from './requests.service.js';
import { AgendaPage } from './requests.agenda.views.js';
import { ClosePage, type CloseValues } from './requests.close.views.js';
import { RequestDetailPage, type EventFormState, type RequestView } from './requests.detail.views.js';
import { RequestFormPage, type FormMode, type RequestFormValues } from './requests.form.views.js';
import { RequestListPage, type ListItem, type ListQuery } from './requests.list.views.js';
import { auditRequestsExport, EXPORT_MAX_ROWS, requestsTable } from './requests.export.js';
import { sendTable, type ExportFormat } from '../../web/downloads.js';
import { AppError, FieldValidationError, NotFoundError } from '../../errors.js';

const PAGE_SIZE = 25;
const access = { access: REGISTER_ACCESS };
type Body = Record<string, unknown>;
type IdParams = { Params: { id: string } };

function user(request: FastifyRequest): CurrentUser {
  if (!request.currentUser) throw new Error('access hook let an anonymous request through');
  return request.currentUser;
}

function parseId(raw: string): number {
  const id = idParam(raw);
  if (id === undefined) throw new NotFoundError("Cette demande n'existe pas.");
  return id;
}

function emptyValues(overrides: Partial<RequestFormValues> = {}): RequestFormValues {
  return {
    receivedOn: todayInBrussels(),
    channel: 'helpline',
    kindId: '',
    requesterType: 'unknown',
    sectorId: '',
    region: '',
    themeIds: [],
    subject: '',
    notes: '',
    assigneeIds: [],
    eventOn: '',
    plannedYear: '',
    status: 'new',
    identityName: '',
    identityOrganisation: '',
    identityEmail: '',
    identityPhone: '',
    toDiscuss: false,
    assignMe: true,
    ...overrides,
  };
}

function valuesFromBody(body: Body): RequestFormValues {
  const s = (k: string) => str(body[k]);
  return {
    receivedOn: s('receivedOn'),
    channel: s('channel'),
    kindId: s('kindId'),
    requesterType: s('requesterType'),
    sectorId: s('sectorId'),
    region: s('region'),
    themeIds: strList(body.themeIds),
    subject: s('subject'),
    notes: s('notes'),
    assigneeIds: strList(body.assigneeIds),
    eventOn: s('eventOn'),
    plannedYear: s('plannedYear'),
    status: s('status'),
    identityName: s('identityName'),
    identityOrganisation: s('identityOrganisation'),
    identityEmail: s('identityEmail'),
    identityPhone: s('identityPhone'),
    toDiscuss: s('toDiscuss') === 'oui',
    assignMe: s('assignMe') === 'oui',
  };
}

function positiveInt(value: unknown): number | undefined {
  const s = str(value);
  return /^\d{1,9}$/.test(s) ? Number(s) : undefined;
}

export async function requestsRoutes(app: FastifyInstance): Promise<void> {
  const db = app.db;
  const currentYear = () => Number(todayInBrussels().slice(0, 4));

  async function toListItems(
    rows: Awaited<ReturnType<typeof listRequests>>['rows'],
    taxonomy: Taxonomy,
  ): Promise<ListItem[]> {
    const ids = rows.map((r) => r.id);
    const [themes, assignees] = await Promise.all([themesOf(db, ids), assigneesOf(db, ids)]);
    return rows.map((r) => ({
      id: r.id,
      reference: r.reference,
      receivedOn: r.received_on,
      status: r.status,
      kind: labelOf(taxonomy.kind, r.kind_id),
      subject: r.subject,
      outcome: r.outcome ? OUTCOMES.labels[r.outcome] : '',
      themes: themes.filter((t) => t.request_id === r.id).map((t) => labelOf(taxonomy.theme, t.theme_id)),
      assignees: assignees.filter((a) => a.request_id === r.id).map((a) => a.display_name),
    }));
  }

  /** The list's search and filters, from the address (the page and the export read them alike). */
  async function listFilterOf(
    request: FastifyRequest<{ Querystring: Record<string, string | string[]> }>,
    pageSize: number,
  ) {
    const qs = request.query;
    const query: ListQuery = {
      q: str(qs.q).slice(0, 200),
      year: str(qs.annee),
      kind: str(qs.type),
      status: str(qs.statut),
      theme: str(qs.theme),
      sector: str(qs.secteur),
      mine: str(qs.moi) === '1',
      sort: str(qs.tri),
      page: Math.max(1, Math.min(10_000, positiveInt(qs.page) ?? 1)),
    };
    const taxonomy = await loadTaxonomy(db, currentYear());
    const themeId = positiveInt(query.theme);
    const status = query.status === 'open' ? 'open' : oneOf(STATUSES.values, query.status);
    const filter: RequestFilter = {
      year: positiveInt(query.year),
      kindId: positiveInt(query.kind),
      status,
      sectorId: positiveInt(query.sector),
      // A parent theme also finds its sub-themes.
      themeIds: themeId
        ? [themeId, ...taxonomy.theme.filter((t) => t.parentId === themeId).map((t) => t.id)]
        : undefined,
      assignedTo: query.mine ? user(request).id : undefined,
      terms: searchTerms(query.q),
      sort: query.sort === 'anciennes' ? 'received_asc' : query.sort === 'modifiees' ? 'updated_desc' : 'received_desc',
      page: pageSize === PAGE_SIZE ? query.page : 1,
      pageSize,
    };
    return { query, filter, taxonomy };
  }

  app.get<{ Querystring: Record<string, string | string[]> }>(
    '/demandes',
    { config: access },
    async (request, reply) => {
      const { query, filter, taxonomy } = await listFilterOf(request, PAGE_SIZE);
      const [{ rows, total }, years] = await Promise.all([listRequests(db, filter), requestYears(db)]);
      const items = await toListItems(rows, taxonomy);
      return sendHtml(
        reply,
        <RequestListPage
          ctx={viewContext(request, reply)}
          items={items}
          total={total}
          query={query}
          pageSize={PAGE_SIZE}
          years={years}
          taxonomy={taxonomy}
        />,
      );
    },
  );

  // The register as a spreadsheet (CSV or XLSX), with the list's filters: never an identity, nor the confidential notes.
  for (const format of ['csv', 'xlsx'] as const satisfies readonly ExportFormat[]) {
    app.get<{ Querystring: Record<string, string | string[]> }>(
      `/demandes.${format}`,
      { config: access },
      async (request, reply) => {
        const { filter, taxonomy } = await listFilterOf(request, EXPORT_MAX_ROWS);
        const { rows } = await listRequests(db, filter);
        const items = await toListItems(rows, taxonomy);
        await auditRequestsExport(db, user(request), format, items.length);
        return sendTable(reply, format, 'demandes', requestsTable(items, rows));
      },
    );
  }

  async function renderForm(
    request: FastifyRequest,
    reply: FastifyReply,
    mode: FormMode,
    values: RequestFormValues,
    extra: {
      errors?: FieldErrors;
      warnings?: ReturnType<typeof findIdentifyingText>;
      notice?: string;
      id?: number;
      reference?: string;
    } = {},
    status = 200,
  ) {
    const year = Number(values.receivedOn.slice(0, 4)) || currentYear();
    const [taxonomy, members] = await Promise.all([loadTaxonomy(db, year), boardMembers(db)]);
    const title =
      mode === 'intake'
        ? 'Noter un appel de la permanence'
        : mode === 'full'
          ? 'Nouvelle demande'
          : `Modifier la demande ${extra.reference ?? ''}`;
    const action = mode === 'edit' ? `/demandes/${extra.id}` : '/demandes';
    const cancelHref = mode === 'edit' ? `/demandes/${extra.id}` : '/demandes';
    return sendHtml(
      reply,
      <RequestFormPage
        ctx={viewContext(request, reply)}
        mode={mode}
        values={values}
        errors={extra.errors}
        warnings={extra.warnings}
        notice={extra.notice}
        taxonomy={taxonomy}
        members={members}
        action={action}
        title={title}
        cancelHref={cancelHref}
      />,
      status,
    );
  }

  async function defaultKindId(): Promise<string> {
    const taxonomy = await loadTaxonomy(db, currentYear());
    const advice = taxonomy.kind.find((k) => k.code === 'advice') ?? taxonomy.kind[0];
    return advice ? String(advice.id) : '';
  }

  app.get('/permanence', { config: access }, async (request, reply) =>
    renderForm(request, reply, 'intake', emptyValues({ kindId: await defaultKindId() })),
  );
  app.get('/demandes/nouvelle', { config: access }, async (request, reply) =>
    renderForm(request, reply, 'full', emptyValues({ channel: 'email' })),
  );

  /** « Déplacer dans les coordonnées chiffrées »: the form again, the parts moved, nothing saved yet. */
  function moveIdentity(request: FastifyRequest, reply: FastifyReply, mode: FormMode, values: RequestFormValues) {
    const { values: moved, moved: hints } = moveIdentifyingText(values);
    const next = { ...values, ...moved };
    const warnings = findIdentifyingText(`${next.subject}\n${next.notes}`);
    const notice = hints.length
      ? `Déplacé dans les coordonnées du demandeur : ${hints.map((h) => `« ${h.excerpt} »`).join(', ')}. Relisez l’objet et les notes, puis enregistrez : rien n’est encore enregistré.`
      : 'Rien à déplacer : corrigez le texte vous-même, puis enregistrez.';
    return renderForm(request, reply, mode, next, { warnings, notice }, 200);
  }

  app.post('/demandes', { config: access }, async (request, reply) => {
    const body = (request.body ?? {}) as Body;
    const mode: FormMode = str(body.mode) === 'full' ? 'full' : 'intake';
    const values = valuesFromBody(body);
    if (str(body.action) === 'moveIdentity') return moveIdentity(request, reply, mode, values);
    const parsed = parseForm(createRequestSchema, body);
    if (!parsed.ok) return renderForm(request, reply, mode, values, { errors: parsed.errors }, 422);
    const warnings = findIdentifyingText(`${parsed.data.subject}\n${parsed.data.notes}`);
    if (warnings.length && !parsed.data.confirmIdentifying)
      return renderForm(request, reply, mode, values, { warnings }, 200);
    try {
      const { id, reference } = await createRequest(db, app.vault, parsed.data, user(request));
      setFlash(reply, `Demande ${reference} enregistrée.`);
      return reply.redirect(`/demandes/${id}`, 303);
    } catch (error) {
      if (error instanceof FieldValidationError)
        return renderForm(request, reply, mode, values, { errors: error.errors }, 422);
      throw error;
    }
  });

  async function loadView(id: number): Promise<RequestView> {
    const row = await findRequest(db, id);
    if (!row) throw new NotFoundError("Cette demande n'existe pas.");
    // Labels as they were in the request's year.
    const taxonomy = await loadTaxonomy(db, row.year);
    const [themes, assignees, events, identity] = await Promise.all([
      themesOf(db, [id]),
      assigneesOf(db, [id]),
      eventsOf(db, id),
      hasIdentity(db, id),
    ]);
    return {
      id,
      reference: row.reference,
      receivedOn: row.received_on,
      channel: row.channel,
      kind: labelOf(taxonomy.kind, row.kind_id),
      requesterType: row.requester_type,
      sector: labelOf(taxonomy.sector, row.sector_id),
      region: row.region,
      themes: themes.map((t) => themePath(taxonomy.theme, t.theme_id)),
      subject: row.subject,
      notes: row.notes,
      status: row.status,
      outcome: row.outcome,
      outcomeReason: labelOf(taxonomy.outcome_reason, row.outcome_reason_id),
      outcomeDetail: row.outcome_detail,
      eventOn: row.event_on,
      plannedYear: row.planned_year,
      assignees: assignees.map((a) => a.display_name),
      hasIdentity: identity,
      events: events.map((e) => ({
        id: e.id,
        occurredOn: e.occurred_on,
        type: e.type,
        body: e.body,
        actor: e.actor_name,
      })),
    };
  }

  async function renderDetail(
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    extra: { identity?: RequesterIdentity | null; eventForm?: EventFormState } = {},
    status = 200,
  ) {
    const view = await loadView(id);
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

  app.get<IdParams>('/demandes/:id/modifier', { config: access }, async (request, reply) => {
    const id = parseId(request.params.id);
    const row = await findRequest(db, id);
    if (!row) throw new NotFoundError("Cette demande n'existe pas.");
    const [themes, assignees] = await Promise.all([themesOf(db, [id]), assigneesOf(db, [id])]);
    const values = emptyValues({
      receivedOn: row.received_on,
      channel: row.channel,
      kindId: String(row.kind_id),
      requesterType: row.requester_type,
      sectorId: row.sector_id ? String(row.sector_id) : '',
      region: row.region ?? '',
      themeIds: themes.map((t) => String(t.theme_id)),
      subject: row.subject,
      notes: row.notes,
      assigneeIds: assignees.map((a) => String(a.user_id)),
      eventOn: row.event_on ?? '',
      plannedYear: row.planned_year ? String(row.planned_year) : '',
      status: row.status === 'closed' ? 'in_progress' : row.status,
    });
    return renderForm(request, reply, 'edit', values, { id, reference: row.reference });
  });

  app.post<IdParams>('/demandes/:id', { config: access }, async (request, reply) => {
    const id = parseId(request.params.id);
    const row = await findRequest(db, id);
    if (!row) throw new NotFoundError("Cette demande n'existe pas.");
    const body = (request.body ?? {}) as Body;
    const values = valuesFromBody(body);
    const extra = { id, reference: row.reference };
    const parsed = parseForm(updateRequestSchema, body);
    if (!parsed.ok) return renderForm(request, reply, 'edit', values, { ...extra, errors: parsed.errors }, 422);
    const warnings = findIdentifyingText(`${parsed.data.subject}\n${parsed.data.notes}`);
    if (warnings.length && !parsed.data.confirmIdentifying)
      return renderForm(request, reply, 'edit', values, { ...extra, warnings });
    try {
      await updateRequest(db, id, parsed.data, user(request));
    } catch (error) {
      if (error instanceof FieldValidationError)
        return renderForm(request, reply, 'edit', values, { ...extra, errors: error.errors }, 422);
      throw error;
    }
    setFlash(reply, 'Modifications enregistrées.');
    return reply.redirect(`/demandes/${id}`, 303);
  });

  app.post<IdParams>('/demandes/:id/statut', { config: access }, async (request, reply) => {
    const id = parseId(request.params.id);
    const parsed = parseForm(statusSchema, request.body);
    if (!parsed.ok) throw new AppError('STATUS_INVALID', 'Statut inconnu.');
    await changeStatus(db, id, parsed.data.status, user(request));
    setFlash(reply, `Statut : ${STATUSES.labels[parsed.data.status]}.`);
    return reply.redirect(`/demandes/${id}`, 303);
  });

  app.post<IdParams>('/demandes/:id/etapes', { config: access }, async (request, reply) => {
    const id = parseId(request.params.id);
    const body = (request.body ?? {}) as Body;
    const values = { type: str(body.type), occurredOn: str(body.occurredOn), body: str(body.body) };
    const parsed = parseForm(eventSchema, body);
    if (!parsed.ok) return renderDetail(request, reply, id, { eventForm: { values, errors: parsed.errors } }, 422);
    const warnings = findIdentifyingText(parsed.data.body);
    if (warnings.length && !parsed.data.confirmIdentifying)
      return renderDetail(request, reply, id, { eventForm: { values, warnings } });
    await addEvent(db, id, parsed.data, user(request));
    setFlash(reply, 'Étape ajoutée au suivi.');
    return reply.redirect(`/demandes/${id}#timeline-title`, 303);
  });

  async function renderClose(
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    values: CloseValues,
    errors?: FieldErrors,
    status = 200,
  ) {
    const row = await findRequest(db, id);
    if (!row) throw new NotFoundError("Cette demande n'existe pas.");
    const taxonomy = await loadTaxonomy(db, row.year);
    return sendHtml(
      reply,
      <ClosePage
        ctx={viewContext(request, reply)}
        id={id}
        reference={row.reference}
        subject={row.subject}
        values={values}
        errors={errors}
        reasons={taxonomy.outcome_reason}
      />,
      status,
    );
  }

  app.get<IdParams>('/demandes/:id/cloture', { config: access }, async (request, reply) =>
    renderClose(request, reply, parseId(request.params.id), {
      outcome: '',
      outcomeReasonId: '',
      outcomeDetail: '',
      eventOn: '',
      plannedYear: '',
      note: '',
    }),
  );

  app.post<IdParams>('/demandes/:id/cloture', { config: access }, async (request, reply) => {
    const id = parseId(request.params.id);
    const body = (request.body ?? {}) as Body;
    const values: CloseValues = {
      outcome: str(body.outcome),
      outcomeReasonId: str(body.outcomeReasonId),
      outcomeDetail: str(body.outcomeDetail),
      eventOn: str(body.eventOn),
      plannedYear: str(body.plannedYear),
      note: str(body.note),
    };
    const parsed = parseForm(closeSchema, body);
    if (!parsed.ok) return renderClose(request, reply, id, values, parsed.errors, 422);
    const d = parsed.data;
    const kept = (field: keyof typeof CLOSE_FIELD_OUTCOMES) => CLOSE_FIELD_OUTCOMES[field].includes(d.outcome);
    try {
      await closeRequest(
        db,
        id,
        {
          ...d,
          outcomeReasonId: kept('outcomeReasonId') ? d.outcomeReasonId : null,
          outcomeDetail: kept('outcomeDetail') ? d.outcomeDetail : '',
          eventOn: kept('eventOn') ? d.eventOn : null,
          plannedYear: kept('plannedYear') ? d.plannedYear : null,
        },
        user(request),
      );
    } catch (error) {
      if (error instanceof FieldValidationError) return renderClose(request, reply, id, values, error.errors, 422);
      throw error;
    }
    setFlash(reply, 'Demande clôturée.');
    return reply.redirect(`/demandes/${id}`, 303);
  });

  // Revealing is a POST: it changes the audit trail, and a GET could be
  // prefetched or left in a browser history.
  app.post<IdParams>('/demandes/:id/identite', { config: access }, async (request, reply) => {
    const id = parseId(request.params.id);
    const identity = await revealIdentity(db, app.vault, id, user(request));
    return renderDetail(request, reply, id, { identity });
  });

  app.post<IdParams>('/demandes/:id/identite/modifier', { config: access }, async (request, reply) => {
    const id = parseId(request.params.id);
    const body = (request.body ?? {}) as Body;
    const parsed = parseForm(identitySchema, body);
    if (!parsed.ok) {
      const view = await loadView(id);
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
    await updateIdentity(db, app.vault, id, parsed.data, user(request));
    setFlash(reply, 'Identité enregistrée (chiffrée).');
    return reply.redirect(`/demandes/${id}`, 303);
  });

  app.get('/bureau/a-discuter', { config: access }, async (request, reply) => {
    const taxonomy = await loadTaxonomy(db, currentYear());
    const { rows } = await listRequests(db, { status: 'to_discuss', sort: 'received_asc', page: 1, pageSize: 500 });
    const items = await toListItems(rows, taxonomy);
    const last = await Promise.all(
      items.map(async (i) => {
        const events = (await eventsOf(db, i.id)).filter((e) => e.type !== 'status' && e.type !== 'created');
        const e = events.at(-1);
        return e ? (e.body.length > 160 ? `${e.body.slice(0, 157)}…` : e.body) : null;
      }),
    );
    return sendHtml(
      reply,
      <AgendaPage
        ctx={viewContext(request, reply)}
        items={items.map((i, n) => ({ ...i, lastEvent: last[n] ?? null }))}
      />,
    );
  });
}
