import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { todayInBrussels } from '../../lib/time.js';
import { sendHtml, setFlash, viewContext } from '../../web/context.js';
import type { FieldErrors } from '../../web/forms.js';
import { fieldsOf, parseForm, str } from '../../web/validation.js';
import { FieldValidationError, NotFoundError } from '../../errors.js';
import { loadTaxonomy } from '../taxonomy/taxonomy.service.js';
import { findIdentifyingText, moveIdentifyingText } from './requests.identifying.js';
import { access, parseId, type IdParams } from './requests.params.js';
import { editFormValues, emptyValues, valuesFromBody } from './requests.presenter.js';
import { boardMembers, findRequest } from './requests.queries.js';
import { createRequestSchema, updateRequestSchema } from './requests.schemas.js';
import { createRequest, updateRequest } from './requests.service.js';
import { RequestFormPage, type FormMode, type RequestFormValues } from './requests.form.views.js';
import { signedInUser } from '../../web/route-params.js';

/** Recording a request (the helpline's short form, the full form) and editing one. */
export async function requestFormRoutes(app: FastifyInstance): Promise<void> {
  const db = app.db;
  const currentYear = () => Number(todayInBrussels().slice(0, 4));

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
    const body = fieldsOf(request.body);
    const mode: FormMode = str(body.mode) === 'full' ? 'full' : 'intake';
    const values = valuesFromBody(body);
    if (str(body.action) === 'moveIdentity') return moveIdentity(request, reply, mode, values);
    const parsed = parseForm(createRequestSchema, body);
    if (!parsed.ok) return renderForm(request, reply, mode, values, { errors: parsed.errors }, 422);
    const warnings = findIdentifyingText(`${parsed.data.subject}\n${parsed.data.notes}`);
    if (warnings.length && !parsed.data.confirmIdentifying)
      return renderForm(request, reply, mode, values, { warnings }, 200);
    try {
      const { id, reference } = await createRequest(db, app.vault, parsed.data, signedInUser(request));
      setFlash(reply, `Demande ${reference} enregistrée.`);
      return reply.redirect(`/demandes/${id}`, 303);
    } catch (error) {
      if (error instanceof FieldValidationError)
        return renderForm(request, reply, mode, values, { errors: error.errors }, 422);
      throw error;
    }
  });

  app.get<IdParams>('/demandes/:id/modifier', { config: access }, async (request, reply) => {
    const id = parseId(request.params.id);
    const { values, reference } = await editFormValues(db, id);
    return renderForm(request, reply, 'edit', values, { id, reference });
  });

  app.post<IdParams>('/demandes/:id', { config: access }, async (request, reply) => {
    const id = parseId(request.params.id);
    const row = await findRequest(db, id);
    if (!row) throw new NotFoundError("Cette demande n'existe pas.");
    const body = fieldsOf(request.body);
    const values = valuesFromBody(body);
    const extra = { id, reference: row.reference };
    const parsed = parseForm(updateRequestSchema, body);
    if (!parsed.ok) return renderForm(request, reply, 'edit', values, { ...extra, errors: parsed.errors }, 422);
    const warnings = findIdentifyingText(`${parsed.data.subject}\n${parsed.data.notes}`);
    if (warnings.length && !parsed.data.confirmIdentifying)
      return renderForm(request, reply, 'edit', values, { ...extra, warnings });
    try {
      await updateRequest(db, id, parsed.data, signedInUser(request));
    } catch (error) {
      if (error instanceof FieldValidationError)
        return renderForm(request, reply, 'edit', values, { ...extra, errors: error.errors }, 422);
      throw error;
    }
    setFlash(reply, 'Modifications enregistrées.');
    return reply.redirect(`/demandes/${id}`, 303);
  });
}
