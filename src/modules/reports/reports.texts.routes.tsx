import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { sendHtml, setFlash, viewContext } from '../../web/context.js';
import { parseForm, str, text } from '../../web/validation.js';
import { updateReportTexts } from './reports.edit.service.js';
import { ReportTextsPage } from './reports.forms.views.js';
import { REPORT_ACCESS } from './reports.policy.js';
import { yearsLabel } from './reports.present.js';
import { findReportTexts } from './reports.queries.js';
import { parseSpan } from './reports.span.js';
import { signedInUser } from '../../web/route-params.js';

const access = { access: REPORT_ACCESS };
const TEXT_MAX = 50_000;

const textsSchema = z.object({
  introduction: text('Introduction', TEXT_MAX),
  analysis: text('Analyse transversale', TEXT_MAX),
});

/** The report's own texts: the introduction and the transversal analysis, with a preview. */
export async function reportTextsRoutes(app: FastifyInstance): Promise<void> {
  const db = app.db;

  app.get<{ Params: { span: string } }>('/bureau/rapport/:span/textes', { config: access }, async (request, reply) => {
    const s = parseSpan(request.params.span);
    const texts = await findReportTexts(db, s.years[0] as number, s.years[s.years.length - 1] as number);
    return sendHtml(
      reply,
      <ReportTextsPage
        ctx={viewContext(request, reply)}
        years={s.years}
        base={s.base}
        values={texts}
        preview={false}
        updatedAt={texts.updatedAt}
      />,
    );
  });

  app.post<{ Params: { span: string }; Body: Record<string, unknown> }>(
    '/bureau/rapport/:span/textes',
    { config: access },
    async (request, reply) => {
      const s = parseSpan(request.params.span);
      const first = s.years[0] as number;
      const last = s.years[s.years.length - 1] as number;
      const parsed = parseForm(textsSchema, request.body);
      const values = { introduction: str(request.body?.introduction), analysis: str(request.body?.analysis) };
      const previous = await findReportTexts(db, first, last);
      if (!parsed.ok) {
        return sendHtml(
          reply,
          <ReportTextsPage
            ctx={viewContext(request, reply)}
            years={s.years}
            base={s.base}
            values={values}
            preview={false}
            errors={parsed.errors}
            updatedAt={previous.updatedAt}
          />,
          400,
        );
      }
      if (str(request.body?.action) === 'preview') {
        return sendHtml(
          reply,
          <ReportTextsPage
            ctx={viewContext(request, reply)}
            years={s.years}
            base={s.base}
            values={parsed.data}
            preview
            updatedAt={previous.updatedAt}
          />,
        );
      }
      await updateReportTexts(db, s.years, parsed.data, previous, signedInUser(request).id);
      setFlash(reply, `Textes du rapport ${yearsLabel(s.years)} enregistrés.`);
      return reply.redirect(`${s.base}#introduction`, 303);
    },
  );
}
