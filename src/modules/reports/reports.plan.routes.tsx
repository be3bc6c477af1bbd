import type { FastifyInstance } from 'fastify';
import { sendHtml, setFlash, viewContext } from '../../web/context.js';
import { REPORT_ACCESS } from './reports.policy.js';
import { readPlanForm } from './reports.plan.form.js';
import { reportKinds, updateReportPlan } from './reports.edit.service.js';
import { PlanPage } from './reports.plan.views.js';
import { yearsLabel } from './reports.present.js';
import { buildReport } from './reports.service.js';
import { parseSpan } from './reports.span.js';
import { signedInUser } from '../../web/route-params.js';

const access = { access: REPORT_ACCESS };

/** The plan of a report: sections, their order and chapter, their texts and notes; a text per kind. */
export async function reportPlanRoutes(app: FastifyInstance): Promise<void> {
  const db = app.db;

  app.get<{ Params: { span: string } }>('/bureau/rapport/:span/plan', { config: access }, async (request, reply) => {
    const s = parseSpan(request.params.span);
    const report = await buildReport(db, s.years, { organisationName: app.config.organisationName });
    return sendHtml(
      reply,
      <PlanPage
        ctx={viewContext(request, reply)}
        label={yearsLabel(s.years)}
        base={s.base}
        plan={report.plan ?? { chapterTexts: { figures: '', review: '' }, sections: [], kindTexts: {} }}
        kinds={await reportKinds(db, s.years)}
      />,
    );
  });

  app.post<{ Params: { span: string }; Body: Record<string, unknown> }>(
    '/bureau/rapport/:span/plan',
    { config: access },
    async (request, reply) => {
      const s = parseSpan(request.params.span);
      const kinds = await reportKinds(db, s.years);
      const { plan, errors } = readPlanForm(request.body ?? {}, new Map(kinds.map((k) => [k.code, k.label])));
      if (Object.keys(errors).length)
        return sendHtml(
          reply,
          <PlanPage
            ctx={viewContext(request, reply)}
            label={yearsLabel(s.years)}
            base={s.base}
            plan={plan}
            kinds={kinds}
            errors={errors}
          />,
          400,
        );
      await updateReportPlan(db, s.years, plan, signedInUser(request).id);
      setFlash(reply, `Plan du rapport ${yearsLabel(s.years)} enregistré.`);
      return reply.redirect(`${s.base}#sommaire-titre`, 303);
    },
  );
}
