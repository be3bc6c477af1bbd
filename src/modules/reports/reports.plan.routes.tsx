import { plural } from '../../lib/plural.js';
import type { FastifyInstance } from 'fastify';
import { sendHtml, setFlash, viewContext } from '../../web/context.js';
import { listEntries } from '../taxonomy/taxonomy.service.js';
import { REPORT_ACCESS } from './reports.policy.js';
import { readPlanForm } from './reports.plan.form.js';
import { savePlan } from './reports.plan-settings.service.js';
import { PlanPage } from './reports.plan.views.js';
import { yearsLabel } from './reports.present.js';
import { recordReportAudit } from './reports.queries.js';
import { buildReport } from './reports.service.js';
import { parseSpan, user, type Span } from './reports.span.js';

const access = { access: REPORT_ACCESS };

/** The plan of a report: sections, their order and chapter, their texts and notes; a text per kind. */
export async function reportPlanRoutes(app: FastifyInstance): Promise<void> {
  const db = app.db;
  const kindsOf = async (s: Span) =>
    (await listEntries(db, 'kind', s.years[s.years.length - 1] as number)).map((k) => ({
      code: k.code,
      label: k.label,
    }));

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
        kinds={await kindsOf(s)}
      />,
    );
  });

  app.post<{ Params: { span: string }; Body: Record<string, unknown> }>(
    '/bureau/rapport/:span/plan',
    { config: access },
    async (request, reply) => {
      const s = parseSpan(request.params.span);
      const kinds = await kindsOf(s);
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
      const actor = user(request);
      await db.transaction().execute(async (trx) => {
        await savePlan(trx, s.years[0] as number, s.years[s.years.length - 1] as number, plan, actor.id);
        await recordReportAudit(
          trx,
          actor.id,
          'report.plan.update',
          `rapport ${yearsLabel(s.years)} : ${plural(plan.sections.length, { one: 'section', other: 'sections' })}`,
        );
      });
      setFlash(reply, `Plan du rapport ${yearsLabel(s.years)} enregistré.`);
      return reply.redirect(`${s.base}#sommaire-titre`, 303);
    },
  );
}
