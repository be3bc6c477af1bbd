import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/index.js';
import { AppError, NotFoundError } from '../../errors.js';
import { sendHtml, viewContext } from '../../web/context.js';
import { fieldsOf, isTicked, str } from '../../web/validation.js';
import { auditExportDespiteWarnings, buildBoardReport } from './reports.edit.service.js';
import {
  availableFormats,
  ExportUnavailableError,
  exportFilename,
  exportLinks,
  FORMAT_INFO,
  isExportFormat,
  renderExport,
  type ExportFormat,
} from './reports.export.js';
import { ExportProgressPage, ExportRefusedPage } from './reports.forms.views.js';
import { findJob, settlesWithin, startJob } from './reports.jobs.js';
import type { ActivityReport } from './reports.model.js';
import { REPORT_ACCESS } from './reports.policy.js';
import { parseSpan, type Span } from './reports.span.js';
import { signedInUser } from '../../web/route-params.js';

const access = { access: REPORT_ACCESS };
/** An export waits this long before showing a progress page instead. */
const INLINE_EXPORT_MS = 1000;

function sendFile(reply: FastifyReply, report: ActivityReport, format: ExportFormat, body: Buffer): FastifyReply {
  return reply
    .type(FORMAT_INFO[format].contentType)
    .header('content-disposition', `attachment; filename="${exportFilename(report.years, format)}"`)
    .send(body);
}

/**
 * Exports are refused while subjects look identifying, unless the board confirms after seeing the
 * list: `despite` comes only from a POST with its CSRF token (issue 9: a GET ?malgre=1 wrote the audit
 * trail and started an export for whoever displayed an image pointing at it).
 */
export async function exportOrRefuse(
  db: Db,
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
        formats={await exportLinks(s.base)}
      />,
      409,
    );
  }
  if (report.warnings.length)
    await auditExportDespiteWarnings(db, signedInUser(request).id, {
      format,
      span: s.span,
      warnings: report.warnings.length,
    });
  return sendFile(reply, report, format, await renderExport(report, format));
}

/** The report's exports: PDF and DOCX in a background job with a progress page, the others at once. */
export async function reportExportRoutes(app: FastifyInstance): Promise<void> {
  const db = app.db;
  const build = (s: Span, onProgress?: (step: string, fraction: number) => void) =>
    buildBoardReport(db, s.years, app.config.organisationName, onProgress);

  app.get<{ Params: { span: string }; Querystring: Record<string, string | string[]> }>(
    '/bureau/rapport/:span/export',
    { config: access },
    async (request, reply) =>
      runExport(request, reply, parseSpan(request.params.span), str(request.query.format), false),
  );

  /** « Exporter malgré les avertissements »: a form of the report's warnings, never a link. */
  app.post<{ Params: { span: string } }>('/bureau/rapport/:span/export', { config: access }, async (request, reply) => {
    const body = fieldsOf(request.body);
    return runExport(request, reply, parseSpan(request.params.span), str(body.format), isTicked(body.malgre));
  });

  async function runExport(request: FastifyRequest, reply: FastifyReply, s: Span, format: string, despite: boolean) {
    if (!isExportFormat(format))
      throw new AppError('REPORT_FORMAT_INVALID', 'Format inconnu : choisissez PDF, DOCX, texte brut, JSON ou HTML.');
    if (!FORMAT_INFO[format].binary) return exportOrRefuse(db, request, reply, s, await build(s), format, despite);
    if (!(await availableFormats()).includes(format))
      throw new AppError(
        'REPORT_FORMAT_UNAVAILABLE',
        `L'export ${FORMAT_INFO[format].label} n'est pas encore disponible dans cette installation.`,
      );
    // Warnings are checked before any long work: the refusal must be immediate.
    const report = await build(s);
    if (report.warnings.length && !despite) return exportOrRefuse(db, request, reply, s, report, format, despite);
    if (report.warnings.length)
      await auditExportDespiteWarnings(db, signedInUser(request).id, {
        format,
        span: s.span,
        warnings: report.warnings.length,
      });
    const job = startJob(
      { userId: signedInUser(request).id, span: s.span, format },
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
      const job = findJob(request.params.job, signedInUser(request).id);
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
      const job = findJob(request.params.job, signedInUser(request).id);
      if (!job || job.span !== s.span || job.status !== 'done' || !job.result || !isExportFormat(job.format))
        throw new NotFoundError("Ce fichier n'est plus disponible : relancez l'export depuis le rapport.");
      return reply
        .type(FORMAT_INFO[job.format].contentType)
        .header('content-disposition', `attachment; filename="${exportFilename(s.years, job.format)}"`)
        .send(job.result);
    },
  );
}
