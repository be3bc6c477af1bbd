import type { FastifyInstance } from 'fastify';
import { todayInBrussels } from '../../lib/time.js';
import { sendHtml, viewContext } from '../../web/context.js';
import type { FieldErrors } from '../../web/forms.js';
import { str } from '../../web/validation.js';
import { buildBoardReport, pickerYears } from './reports.edit.service.js';
import { exportLinks } from './reports.export.js';
import { exportOrRefuse, reportExportRoutes } from './reports.export.routes.js';
import { ReportPickerPage } from './reports.forms.views.js';
import { ReportPage, type ReportLinks } from './reports.views.js';
import { REPORT_ACCESS } from './reports.policy.js';
import { ReportYearsError, yearSpan } from './reports.service.js';
import { reportSettingsRoutes } from './reports.settings.routes.js';
import { reportRequestTextRoutes } from './reports.request-text.routes.js';
import { reportPlanRoutes } from './reports.plan.routes.js';
import { reportLogoRoutes } from './reports.logo.routes.js';
import { reportTextsRoutes } from './reports.texts.routes.js';
import { parseSpan } from './reports.span.js';

const access = { access: REPORT_ACCESS };

/** The report: choosing its years, its page; its exports, texts, plan and settings are registered from here. */
export async function reportsRoutes(app: FastifyInstance): Promise<void> {
  const db = app.db;
  await reportSettingsRoutes(app);
  await reportRequestTextRoutes(app);
  await reportPlanRoutes(app);
  await reportExportRoutes(app);
  await reportTextsRoutes(app);
  await app.register(reportLogoRoutes);

  app.get<{ Querystring: Record<string, string | string[]> }>(
    '/bureau/rapport',
    { config: access },
    async (request, reply) => {
      const current = Number(todayInBrussels().slice(0, 4));
      const { years, lastComplete } = await pickerYears(db, current);
      const de = str(request.query.de);
      const a = str(request.query.a);
      if (!de && !a)
        return sendHtml(
          reply,
          <ReportPickerPage ctx={viewContext(request, reply)} years={years} first={lastComplete} last={lastComplete} />,
        );
      const errors: FieldErrors = {};
      if (!/^\d{4}$/.test(de)) errors.de = 'Première année : choisissez une année.';
      if (!/^\d{4}$/.test(a)) errors.a = 'Dernière année : choisissez une année.';
      if (!errors.de && !errors.a) {
        try {
          yearSpan(Number(de), Number(a));
          return reply.redirect(`/bureau/rapport/${de}-${a}`, 303);
        } catch (error) {
          if (!(error instanceof ReportYearsError)) throw error;
          errors.a = `Dernière année : ${error.message}`;
        }
      }
      const first = Number(de) || lastComplete;
      return sendHtml(
        reply,
        <ReportPickerPage
          ctx={viewContext(request, reply)}
          years={years}
          first={first}
          last={Number(a) || first}
          errors={errors}
        />,
        400,
      );
    },
  );

  app.get<{ Params: { span: string }; Querystring: Record<string, string | string[]> }>(
    '/bureau/rapport/:span',
    { config: access },
    async (request, reply) => {
      const s = parseSpan(request.params.span);
      const report = await buildBoardReport(db, s.years, app.config.organisationName);
      if (s.ext) return exportOrRefuse(db, request, reply, s, report, s.ext, false);
      const links: ReportLinks = { base: s.base, formats: await exportLinks(s.base) };
      return sendHtml(reply, <ReportPage ctx={viewContext(request, reply)} r={report} links={links} />);
    },
  );
}
