import { runOffThread } from '../../lib/off-thread.js';
import { getAsset } from '../../web/assets.js';
import { reportMarkdown } from './reports.markdown.js';
import type { ActivityReport } from './reports.model.js';
import { ReportDocument } from './reports.views.js';
import { reportJson } from './reports.service.js';
import { AppError } from '../../errors.js';
import { typesetHtml } from '../../lib/typography-html.js';

/** The formats of the report, in the order the page offers them. */
export const EXPORT_FORMATS = ['pdf', 'docx', 'md', 'json', 'html'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const FORMAT_INFO: Record<ExportFormat, { label: string; contentType: string; binary: boolean }> = {
  pdf: { label: 'PDF', contentType: 'application/pdf', binary: true },
  docx: {
    label: 'DOCX (Word)',
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    binary: true,
  },
  md: { label: 'texte brut (.md)', contentType: 'text/markdown; charset=utf-8', binary: false },
  json: { label: 'JSON', contentType: 'application/json; charset=utf-8', binary: false },
  html: { label: 'HTML', contentType: 'text/html; charset=utf-8', binary: false },
};

export function isExportFormat(value: string): value is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(value);
}

/** Progress as this module reports it: a step and the overall fraction done (0–1, never going back). */
export type ProgressFn = (step: string, fraction: number) => void;
/** The PDF/DOCX renderers report (step, done, total) per step. */
type BinaryRenderer = (
  report: ActivityReport,
  onProgress?: (step: string, done: number, total: number) => void,
) => Promise<Buffer>;

export class ExportUnavailableError extends AppError {
  override readonly name: string = 'ExportUnavailableError';
  constructor(message: string) {
    super('EXPORT_UNAVAILABLE', message);
  }
}

/**
 * PDF and DOCX come from their own modules (reports.pdf.ts, reports.docx.ts),
 * loaded on first use: the report works, in the other formats, whether or
 * not they are installed, and their heavy dependencies stay out of start-up.
 */
const RENDERERS: Record<'pdf' | 'docx', { file: string; exportName: string }> = {
  pdf: { file: './reports.pdf.js', exportName: 'renderReportPdf' },
  docx: { file: './reports.docx.js', exportName: 'renderReportDocx' },
};
const loaded = new Map<string, BinaryRenderer | null>();

export async function binaryRenderer(format: 'pdf' | 'docx'): Promise<BinaryRenderer | null> {
  if (loaded.has(format)) return loaded.get(format) ?? null;
  const { file, exportName } = RENDERERS[format];
  let renderer: BinaryRenderer | null = null;
  try {
    const mod = (await import(new URL(file, import.meta.url).href)) as Record<string, unknown>;
    const fn = mod[exportName];
    if (typeof fn === 'function') renderer = fn as BinaryRenderer;
  } catch {
    renderer = null;
  }
  loaded.set(format, renderer);
  return renderer;
}

export async function availableFormats(): Promise<ExportFormat[]> {
  const out: ExportFormat[] = [];
  for (const f of EXPORT_FORMATS) {
    if (f === 'pdf' || f === 'docx') {
      if (await binaryRenderer(f)) out.push(f);
    } else out.push(f);
  }
  return out;
}

/** The export links a report page or a refusal offers (HTML is the page itself): JSON and Markdown at once, the others through the export route. */
export async function exportLinks(base: string): Promise<Array<{ format: ExportFormat; label: string; href: string }>> {
  const formats = (await availableFormats()).filter((f) => f !== 'html');
  return formats.map((format) => ({
    format,
    label: `Exporter en ${FORMAT_INFO[format].label}`,
    href: format === 'json' || format === 'md' ? `${base}.${format}` : `${base}/export?format=${format}`,
  }));
}

/** A file, not a page: the pages' typesetting hook never sees it, so it is typeset here (docs/typography.md). */
async function renderHtmlDocument(report: ActivityReport): Promise<string> {
  const css = getAsset('style.css')?.body.toString('utf8') ?? '';
  return typesetHtml(`<!doctype html>${await ReportDocument({ r: report, css })}`);
}

export async function renderExport(
  report: ActivityReport,
  format: ExportFormat,
  onProgress?: ProgressFn,
): Promise<Buffer> {
  switch (format) {
    case 'json':
      return Buffer.from(reportJson(report), 'utf8');
    case 'md':
      return Buffer.from(reportMarkdown(report), 'utf8');
    case 'html':
      return Buffer.from(await renderHtmlDocument(report), 'utf8');
    case 'pdf':
    case 'docx': {
      const renderer = await binaryRenderer(format);
      if (!renderer)
        throw new ExportUnavailableError(
          `L'export ${FORMAT_INFO[format].label} n'est pas encore disponible dans cette installation.`,
        );
      let fraction = 0;
      // Rendering takes seconds of CPU: it runs in a worker thread, through the
      // renderer's public function only (renderReportPdf / renderReportDocx).
      const bytes = await runOffThread<Uint8Array>({
        module: new URL(RENDERERS[format].file, import.meta.url),
        exportName: RENDERERS[format].exportName,
        args: [report],
        onProgress: (step, done, total) => {
          if (typeof step !== 'string' || typeof done !== 'number' || typeof total !== 'number') return;
          fraction = Math.max(fraction, total > 0 ? Math.min(1, done / total) : 0);
          onProgress?.(step, fraction);
        },
      });
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    }
  }
}

/** « rapport-activites-2019-2020.pdf »: a file name keeps the hyphen of the address. */
export function exportFilename(years: readonly number[], format: ExportFormat): string {
  const first = years[0] ?? 0;
  const last = years.at(-1) ?? first;
  return `rapport-activites-${first === last ? first : `${first}-${last}`}.${format}`;
}
