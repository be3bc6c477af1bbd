import { plural, pluralForm, NOUNS } from '../../lib/plural.js';
import { readFileSync } from 'node:fs';
import { requireDb, type CliContext } from '../../cli/context.js';
import type { Table } from './imports.csv.js';
import { FileFormatError } from './imports.csv.js';
import { formatProblem } from './imports.rows.js';
import {
  applyImport,
  countByYearAndKind,
  ImportInvalidError,
  planImport,
  readTable,
  type ImportFormat,
} from './imports.service.js';

/**
 * `vigie import requests FILE [--dry-run]`. Exit code: 0 imported (or dry run
 * without error), 1 the file has errors (nothing imported), 2 wrong usage.
 */
export async function importRequestsCommand(ctx: CliContext): Promise<number> {
  const { io } = ctx;
  const [file = ''] = ctx.positionals;
  let data: Buffer;
  try {
    data = readFileSync(file);
  } catch {
    io.err(`vigie : import : impossible de lire le fichier « ${file} ».\n`);
    return 2;
  }
  let read: { format: ImportFormat; table: Table };
  try {
    read = readTable(data);
  } catch (error) {
    if (!(error instanceof FileFormatError)) throw error;
    io.err(`${file} : ${error.message}\nRien n'a été importé.\n`);
    return 1;
  }
  const dryRun = ctx.values['dry-run'] === true;
  const db = requireDb(ctx);
  const plan = await planImport(db, read.table);
  const warnings = plan.warnings.map((w) => `  attention, ${formatProblem(w)}\n`).join('');
  if (plan.errors.length) {
    io.err(
      `${file} : ${plural(plan.errors.length, { one: 'erreur', other: 'erreurs' })}, rien n’a été importé :\n${plan.errors.map((p) => `  ${formatProblem(p)}\n`).join('')}`,
    );
    return 1;
  }
  if (dryRun) {
    io.out(
      `Essai (--dry-run) : rien n'a été enregistré.\n${plural(plan.rows.length, NOUNS.request)} ${pluralForm(plan.rows.length, { one: 'serait créée', other: 'seraient créées' })}, ${plan.alreadyImported.length} déjà ${pluralForm(plan.alreadyImported.length, { one: 'importée serait ignorée', other: 'importées seraient ignorées' })}.\n`,
    );
    for (const c of countByYearAndKind(plan.rows)) io.out(`  ${c.year}  ${c.kindLabel} : ${c.count}\n`);
    for (const a of plan.alreadyImported) io.out(`  ligne ${a.line} : déjà importée (${a.reference})\n`);
    if (warnings) io.out(warnings);
    return 0;
  }
  try {
    const result = await applyImport(db, read.table, null, read.format);
    io.out(
      `Import terminé : ${plural(result.created.length, { one: 'demande créée', other: 'demandes créées' })}, ${result.alreadyImported.length} déjà ${pluralForm(result.alreadyImported.length, { one: 'importée ignorée', other: 'importées ignorées' })}.\n`,
    );
    for (const a of result.alreadyImported) io.out(`  ligne ${a.line} : déjà importée (${a.reference})\n`);
    if (warnings) io.out(warnings);
    return 0;
  } catch (error) {
    if (!(error instanceof ImportInvalidError)) throw error;
    io.err(`${file} : ${error.message}\n`);
    return 1;
  }
}
