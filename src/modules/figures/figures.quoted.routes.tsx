import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendHtml, setFlash, viewContext } from '../../web/context.js';
import type { FieldErrors } from '../../web/forms.js';
import { idParam } from '../../web/validation.js';
import { addQuotedFigure, deleteQuotedFigure, listQuotedFigures, parseQuotedFigure } from './figures.quoted.service.js';
import { QuotedFiguresPage, quotedFigureValues, type QuotedFigureValues } from './figures.quoted.views.js';
import { FieldValidationError } from '../../errors.js';

const access = { access: 'board' as const };

export async function quotedFiguresRoutes(app: FastifyInstance): Promise<void> {
  const db = app.db;
  const empty = quotedFigureValues({});
  const render = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: QuotedFigureValues,
    errors?: FieldErrors,
    status = 200,
  ) =>
    sendHtml(
      reply,
      <QuotedFiguresPage
        ctx={viewContext(request, reply)}
        figures={await listQuotedFigures(db)}
        values={values}
        errors={errors}
      />,
      status,
    );

  app.get('/bureau/chiffres/cites', { config: access }, (request, reply) => render(request, reply, empty));

  app.post<{ Body: Record<string, unknown> }>('/bureau/chiffres/cites', { config: access }, async (request, reply) => {
    const body = request.body ?? {};
    const values = quotedFigureValues(body);
    try {
      const input = parseQuotedFigure(body);
      await addQuotedFigure(db, input, request.currentUser?.id ?? null);
      setFlash(reply, `Chiffre ajouté : ${input.label}.`);
      return reply.redirect('/bureau/chiffres/cites', 303);
    } catch (error) {
      if (error instanceof FieldValidationError) return render(request, reply, values, error.errors, 400);
      throw error;
    }
  });

  app.post<{ Body: Record<string, unknown> }>(
    '/bureau/chiffres/cites/supprimer',
    { config: access },
    async (request, reply) => {
      const id = idParam(request.body?.id);
      const deleted = id !== undefined && (await deleteQuotedFigure(db, id, request.currentUser?.id ?? null));
      setFlash(reply, deleted ? 'Chiffre supprimé.' : 'Ce chiffre n’existe pas (ou plus).');
      return reply.redirect('/bureau/chiffres/cites', 303);
    },
  );
}
