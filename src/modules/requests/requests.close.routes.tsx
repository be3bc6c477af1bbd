import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendHtml, setFlash, viewContext } from '../../web/context.js';
import type { FieldErrors } from '../../web/forms.js';
import { fieldsOf, parseForm, str } from '../../web/validation.js';
import { FieldValidationError, NotFoundError } from '../../errors.js';
import { loadTaxonomy } from '../taxonomy/taxonomy.service.js';
import { CLOSE_FIELD_OUTCOMES } from './requests.constants.js';
import { access, parseId, type IdParams } from './requests.params.js';
import { findRequest } from './requests.queries.js';
import { closeSchema } from './requests.schemas.js';
import { closeRequest } from './requests.service.js';
import { ClosePage, type CloseValues } from './requests.close.views.js';
import { signedInUser } from '../../web/route-params.js';

/** Closing a request: its outcome, and the fields that outcome keeps. */
export async function requestCloseRoutes(app: FastifyInstance): Promise<void> {
  const db = app.db;

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
    const body = fieldsOf(request.body);
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
        signedInUser(request),
      );
    } catch (error) {
      if (error instanceof FieldValidationError) return renderClose(request, reply, id, values, error.errors, 422);
      throw error;
    }
    setFlash(reply, 'Demande clôturée.');
    return reply.redirect(`/demandes/${id}`, 303);
  });
}
