/** The report's page and its exports. Over 300 lines; next split: the exports into reports.export.routes.tsx. */
import { plural } from '../../lib/plural.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, NotFoundError } from '../../errors.js';
import { todayInBrussels } from '../../lib/time.js';
import { sendHtml, setFlash, viewContext } from '../../web/context.js';
import type { FieldErrors } from '../../web/forms.js';
import { parseForm, str, text } from '../../web/validation.js';
import { z } from 'zod';
import {
  availableFormats,
  ExportUnavailableError,
  exportFilename,
  FORMAT_INFO,
  isExportFormat,
  renderExport,
  type ExportFormat,
} from './reports.export.js';
import { manualFigureYears } from './reports.figures.service.js';
import { ExportProgressPage, ExportRefusedPage, ReportPickerPage, ReportTextsPage } from './reports.forms.views.js';
import { findJob, settlesWithin, startJob } from './reports.jobs.js';
import type { ActivityReport } from './reports.model.js';
import { ReportPage, type ReportLinks } from './reports.views.js';
import { REPORT_ACCESS } from './reports.policy.js';
import { yearsLabel } from './reports.present.js';
import { findReportTexts, recordedYears, recordReportAudit, saveReportTexts } from './reports.queries.js';
import { buildReport, ReportYearsError, yearSpan } from './reports.service.js';
import { reportSettingsRoutes } from './reports.settings.routes.js';
import { reportRequestTextRoutes } from './reports.request-text.routes.js';
import { reportPlanRoutes } from './reports.plan.routes.js';
import { loadLogo } from './reports.logo.service.js';
import { reportLogoRoutes } from './reports.logo.routes.js';
import { parseSpan, user, type Span } from './reports.span.js';

const access = { access: REPORT_ACCESS };
/** An export waits this long before showing a progress page instead. */
const INLINE_EXPORT_MS = 1000;
const TEXT_MAX = 50_000;

const textsSchema = z.object({
  introduction: text('Introduction', TEXT_MAX),
  analysis: text('Analyse transversale', TEXT_MAX),
});

async function exportLinks(s: Span): Promise<ReportLinks['formats']> {
  const formats = (await availableFormats()).filter((f) => f !== 'html');
  return formats.map((format) => ({
    format,
    label: `Exporter en ${FORMAT_INFO[format].label}`,
    href: format === 'json' || format === 'md' ? `${s.base}.${format}` : `${s.base}/export?format=${format}`,
  }));
}

function sendFile(reply: FastifyReply, report: ActivityReport, format: ExportFormat, body: Buffer): FastifyReply {
  return reply
    .type(FORMAT_INFO[format].contentType)
    .header('content-disposition', `attachment; filename="${exportFilename(report.years, format)}"`)
    .send(body);
}

export async function reportsRoutes(app: FastifyInstance): Promise<void> {
  const db = app.db;
  await reportSettingsRoutes(app);
  await reportRequestTextRoutes(app);
  await reportPlanRoutes(app);
  await app.register(reportLogoRoutes);
  const build = async (s: Span, onProgress?: (step: string, fraction: number) => void) => {
    const logo = await loadLogo(db);
    return buildReport(db, s.years, {
      organisationName: app.config.organisationName,
      ...(onProgress ? { onProgress } : {}),
      ...(logo ? { logo } : {}),
    });
  };

  app.get<{ Querystring: Record<string, string | string[]> }>(
    '/bureau/rapport',
    { config: access },
    async (request, reply) => {
      const current = Number(todayInBrussels().slice(0, 4));
      const recorded = await recordedYears(db);
      const known = [...recorded, ...(await manualFigureYears(db)), current];
      const min = Math.min(...known);
      const years = Array.from({ length: current - min + 1 }, (_, i) => min + i);
      const lastComplete = [...recorded].reverse().find((y) => y < current) ?? current;
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
      const report = await build(s);
      if (s.ext) return exportOrRefuse(request, reply, s, report, s.ext, false);
      const links: ReportLinks = { base: s.base, formats: await exportLinks(s) };
      return sendHtml(reply, <ReportPage ctx={viewContext(request, reply)} r={report} links={links} />);
    },
  );

  /**
   * Exports are refused while subjects look identifying, unless the board confirms after seeing the
   * list: `despite` comes only from a POST with its CSRF token (issue 9: a GET ?malgre=1 wrote the audit
   * trail and started an export for whoever displayed an image pointing at it).
   */
  async function exportOrRefuse(
    request: FastifyRequest,
    reply: FastifyReply,
    s: Span,
    report: ActivityReport,
    format: ExportFormat,
    despite: boolean,
  ) {
    if (report.warnings.length && !despite) {
      return sendHtml(
        reply,
        <ExportRefusedPage
          ctx={viewContext(request, reply)}
          years={s.years}
          base={s.base}
          warnings={report.warnings}
          formats={await exportLinks(s)}
        />,
        409,
      );
    }
    if (report.warnings.length)
      await recordReportAudit(
        db,
        user(request).id,
        'report.export',
        `${format} ${s.span} malgré ${plural(report.warnings.length, { one: 'sujet signalé', other: 'sujets signalés' })}`,
      );
    return sendFile(reply, report, format, await renderExport(report, format));
  }

  app.get<{ Params: { span: string }; Querystring: Record<string, string | string[]> }>(
    '/bureau/rapport/:span/export',
    { config: access },
    async (request, reply) =>
      runExport(request, reply, parseSpan(request.params.span), str(request.query.format), false),
  );

  /** « Exporter malgré les avertissements »: a form of the report's warnings, never a link. */
  app.post<{ Params: { span: string } }>('/bureau/rapport/:span/export', { config: access }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    return runExport(request, reply, parseSpan(request.params.span), str(body.format), str(body.malgre) === '1');
  });

  async function runExport(request: FastifyRequest, reply: FastifyReply, s: Span, format: string, despite: boolean) {
    if (!isExportFormat(format))
      throw new AppError('REPORT_FORMAT_INVALID', 'Format inconnu : choisissez PDF, DOCX, texte brut, JSON ou HTML.');
    if (!FORMAT_INFO[format].binary) return exportOrRefuse(request, reply, s, await build(s), format, despite);
    if (!(await availableFormats()).includes(format))
      throw new AppError(
        'REPORT_FORMAT_UNAVAILABLE',
        `L'export ${FORMAT_INFO[format].label} n'est pas encore disponible dans cette installation.`,
      );
    // Warnings are checked before any long work: the refusal must be immediate.
    const report = await build(s);
    if (report.warnings.length && !despite) return exportOrRefuse(request, reply, s, report, format, despite);
    if (report.warnings.length)
      await recordReportAudit(
        db,
        user(request).id,
        'report.export',
        `${format} ${s.span} malgré ${plural(report.warnings.length, { one: 'sujet signalé', other: 'sujets signalés' })}`,
      );
    const job = startJob(
      { userId: user(request).id, span: s.span, format },
      (progress) => renderExport(report, format, progress),
      (error) => {
        request.log.error({ err: error }, 'report export failed');
        return error instanceof ExportUnavailableError ? error.message : 'erreur pendant la mise en page';
      },
    );
    if (await settlesWithin(job, INLINE_EXPORT_MS)) {
      if (job.status === 'done' && job.result) return sendFile(reply, report, format, job.result);
    }
    return reply.redirect(`${s.base}/export/${job.id}`, 303);
  }

  app.get<{ Params: { span: string; job: string } }>(
    '/bureau/rapport/:span/export/:job',
    { config: access },
    async (request, reply) => {
      const s = parseSpan(request.params.span);
      const job = findJob(request.params.job, user(request).id);
      if (!job || job.span !== s.span || !isExportFormat(job.format))
        throw new NotFoundError("Cet export n'existe plus : relancez-le depuis le rapport.");
      if (job.status === 'running') reply.header('refresh', '2');
      const view = {
        id: job.id,
        status: job.status,
        progress: job.progress,
        step: job.step,
        formatLabel: FORMAT_INFO[job.format].label,
      };
      return sendHtml(
        reply,
        <ExportProgressPage
          ctx={viewContext(request, reply)}
          job={view}
          base={s.base}
          fileUrl={`${s.base}/export/${job.id}/fichier`}
        />,
        job.status === 'failed' ? 500 : 200,
      );
    },
  );

  app.get<{ Params: { span: string; job: string } }>(
    '/bureau/rapport/:span/export/:job/fichier',
    { config: access },
    async (request, reply) => {
      const s = parseSpan(request.params.span);
      const job = findJob(request.params.job, user(request).id);
      if (!job || job.span !== s.span || job.status !== 'done' || !job.result || !isExportFormat(job.format))
        throw new NotFoundError("Ce fichier n'est plus disponible : relancez l'export depuis le rapport.");
      return reply
        .type(FORMAT_INFO[job.format].contentType)
        .header('content-disposition', `attachment; filename="${exportFilename(s.years, job.format)}"`)
        .send(job.result);
    },
  );

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
      const actor = user(request);
      await db.transaction().execute(async (trx) => {
        await saveReportTexts(trx, first, last, parsed.data, actor.id);
        const changed = [
          parsed.data.introduction !== previous.introduction ? 'introduction' : '',
          parsed.data.analysis !== previous.analysis ? 'analyse' : '',
        ].filter(Boolean);
        await recordReportAudit(
          trx,
          actor.id,
          'report.texts.update',
          `rapport ${yearsLabel(s.years)} : ${changed.length ? changed.join(', ') : 'aucun changement'}`,
        );
      });
      setFlash(reply, `Textes du rapport ${yearsLabel(s.years)} enregistrés.`);
      return reply.redirect(`${s.base}#introduction`, 303);
    },
  );
}
