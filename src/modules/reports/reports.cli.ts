import { plural } from '../../lib/plural.js';
import { writeFileSync } from 'node:fs';
import { requireDb, stringValue, type CliContext } from '../../cli/context.js';
import { EXPORT_FORMATS, ExportUnavailableError, FORMAT_INFO, isExportFormat, renderExport } from './reports.export.js';
import { buildReport, ReportYearsError, validateYears } from './reports.service.js';
import { loadLogo } from './reports.logo.service.js';

/**
 * `vigie report YEAR [YEAR…] --format json|md|html|pdf|docx [--out FILE] [--malgre]`
 * (options checked by the command table, src/cli/commands.ts). Text formats go
 * to stdout without --out; progress and the subjects that look identifying go
 * to stderr. As in the app, an export is refused (exit 1) while subjects look
 * identifying, unless --malgre says the board checked them. Exit 2 for a wrong
 * argument (years, format).
 */
export async function reportCommand(ctx: CliContext): Promise<number> {
  const { io } = ctx;
  const format = stringValue(ctx, 'format') ?? 'md';
  if (!isExportFormat(format)) {
    io.err(`vigie : report : format inconnu « ${format} » (formats : ${EXPORT_FORMATS.join(', ')}).\n`);
    return 2;
  }
  const bad = ctx.positionals.find((p) => !/^\d{4}$/.test(p));
  if (bad !== undefined) {
    io.err(`vigie : report : « ${bad} » n'est pas une année (quatre chiffres, ex. 2020).\n`);
    return 2;
  }
  let years: number[];
  try {
    years = validateYears(ctx.positionals.map(Number));
  } catch (error) {
    if (!(error instanceof ReportYearsError)) throw error;
    io.err(`vigie : report : ${error.message}\n`);
    return 2;
  }
  const out = stringValue(ctx, 'out');
  if (FORMAT_INFO[format].binary && !out) {
    io.err(
      `vigie : report : le format ${FORMAT_INFO[format].label} s'écrit dans un fichier : ajoutez --out FICHIER.\n`,
    );
    return 2;
  }

  const progress = (step: string, fraction: number) =>
    io.err(`[${String(Math.round(fraction * 100)).padStart(3)} %] ${step}\n`);
  try {
    const logo = await loadLogo(requireDb(ctx));
    const report = await buildReport(requireDb(ctx), years, {
      organisationName: ctx.config.organisationName,
      onProgress: (s, f) => progress(s, f * 0.3),
      ...(logo ? { logo } : {}),
    });
    if (report.warnings.length) {
      io.err(
        `${plural(report.warnings.length, { one: 'sujet semble identifiant', other: 'sujets semblent identifiants' })} :\n`,
      );
      for (const w of report.warnings) io.err(`  ${w.reference} « ${w.subject} » — ${w.hints.join(' ; ')}\n`);
      if (ctx.values.malgre !== true) {
        io.err(
          'vigie : report : export refusé. Corrigez ces sujets dans le registre, ou relancez avec --malgre après vérification.\n',
        );
        return 1;
      }
    }
    const body = await renderExport(report, format, (s, f) => progress(s, 0.3 + f * 0.7));
    progress('Fichier prêt', 1);
    if (out) {
      writeFileSync(out, body);
      io.err(`Rapport ${FORMAT_INFO[format].label} écrit dans ${out}.\n`);
    } else {
      io.out(body);
    }
    return 0;
  } catch (error) {
    if (error instanceof ExportUnavailableError) {
      io.err(`vigie : report : ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
