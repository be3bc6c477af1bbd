import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formatNumberFr } from '../../lib/typography.js';
import { sendHtml, setFlash, viewContext } from '../../web/context.js';
import type { FieldErrors } from '../../web/forms.js';
import { str } from '../../web/validation.js';
import { figureLabel } from './figures.keys.js';
import { quotedFiguresRoutes } from './figures.quoted.routes.js';
import {
  deleteFigure,
  keySchema,
  listFigures,
  parseFigure,
  setFigure,
  yearSchema,
  yearsWithRecords,
} from './figures.service.js';
import { FiguresPage, type FigureValues } from './figures.views.js';
import { FieldValidationError } from '../../errors.js';

/** The board writes the activity report, so the board keeps its figures. */
const access = { access: 'board' as const };

export async function figuresRoutes(app: FastifyInstance): Promise<void> {
  const db = app.db;
  await quotedFiguresRoutes(app);

  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    values: FigureValues,
    errors?: FieldErrors,
    status = 200,
  ) {
    const [figures, withRecords] = await Promise.all([listFigures(db), yearsWithRecords(db)]);
    return sendHtml(
      reply,
      <FiguresPage
        ctx={viewContext(request, reply)}
        figures={figures}
        withRecords={withRecords}
        values={values}
        errors={errors}
      />,
      status,
    );
  }

  app.get<{ Querystring: Record<string, unknown> }>('/bureau/chiffres', { config: access }, async (request, reply) => {
    const values: FigureValues = { year: '', key: '', value: '', note: '' };
    const year = yearSchema.safeParse(request.query.annee);
    const key = keySchema.safeParse(request.query.cle);
    if (year.success && key.success) {
      const existing = (await listFigures(db, { year: year.data, key: key.data }))[0];
      Object.assign(values, {
        year: String(year.data),
        key: key.data,
        value: existing ? String(existing.value) : '',
        note: existing?.note ?? '',
      });
    }
    return render(request, reply, values);
  });

  app.post<{ Body: Record<string, unknown> }>('/bureau/chiffres', { config: access }, async (request, reply) => {
    const body = request.body ?? {};
    const values: FigureValues = {
      year: str(body.year),
      key: str(body.key),
      value: str(body.value),
      note: str(body.note),
    };
    try {
      const input = parseFigure(body);
      const what = await setFigure(db, input, request.currentUser?.id ?? null);
      setFlash(
        reply,
        `${what === 'created' ? 'Chiffre ajouté' : 'Chiffre modifié'} : ${input.year}, ${figureLabel(input.key)} = ${formatNumberFr(input.value)}.`,
      );
      return reply.redirect('/bureau/chiffres', 303);
    } catch (error) {
      if (error instanceof FieldValidationError) return render(request, reply, values, error.errors, 400);
      throw error;
    }
  });

  app.post<{ Body: Record<string, unknown> }>(
    '/bureau/chiffres/supprimer',
    { config: access },
    async (request, reply) => {
      const year = yearSchema.safeParse(request.body?.year);
      const key = keySchema.safeParse(request.body?.key);
      const deleted =
        year.success && key.success && (await deleteFigure(db, year.data, key.data, request.currentUser?.id ?? null));
      setFlash(
        reply,
        deleted && year.success && key.success
          ? `Chiffre supprimé : ${year.data}, ${figureLabel(key.data)}.`
          : 'Ce chiffre n’existe pas (ou plus).',
      );
      return reply.redirect('/bureau/chiffres', 303);
    },
  );
}
