import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { AppConfig } from '../../config.js';
import { openDatabase, type Db } from '../../db/index.js';
import { migrateToLatest } from '../../db/migrate.js';
import { ensureDefaultTaxonomy } from '../taxonomy/taxonomy.service.js';
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

export interface CliOutput {
  out: (text: string) => void;
  err: (text: string) => void;
}

const STD: CliOutput = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };

/** Opens the configured database as `vigie` does: migrated, default categories installed. */
export async function withCliDatabase<T>(config: AppConfig, fn: (db: Db) => Promise<T>): Promise<T> {
  const handle = openDatabase(config.database);
  try {
    await migrateToLatest(handle.db);
    await ensureDefaultTaxonomy(handle.db);
    return await fn(handle.db);
  } finally {
    await handle.destroy();
  }
}

const USAGE = 'import : utilisez « vigie import requests FICHIER.csv|FICHIER.xlsx [--dry-run] ».';

/**
 * `vigie import requests FILE [--dry-run]`. Exit code: 0 imported (or dry run
 * without error), 1 the file has errors (nothing imported), 2 wrong usage.
 */
export async function importRequestsCommand(config: AppConfig, args: string[], io: CliOutput = STD): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { 'dry-run': { type: 'boolean' } }, allowPositionals: true, strict: true });
  } catch {
    io.err(`vigie : ${USAGE}\n`);
    return 2;
  }
  const [what, file, ...extra] = parsed.positionals;
  if (what !== 'requests' || !file || extra.length) {
    io.err(`vigie : ${USAGE}\n`);
    return 2;
  }
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
  const dryRun = parsed.values['dry-run'] === true;
  return withCliDatabase(config, async (db) => {
    const plan = await planImport(db, read.table);
    const warnings = plan.warnings.map((w) => `  attention, ${formatProblem(w)}\n`).join('');
    if (plan.errors.length) {
      io.err(
        `${file} : ${plan.errors.length} erreur(s), rien n'a été importé :\n${plan.errors.map((p) => `  ${formatProblem(p)}\n`).join('')}`,
      );
      return 1;
    }
    if (dryRun) {
      io.out(
        `Essai (--dry-run) : rien n'a été enregistré.\n${plan.rows.length} demande(s) seraient créées, ${plan.alreadyImported.length} déjà importée(s) seraient ignorées.\n`,
      );
      for (const c of countByYearAndKind(plan.rows)) io.out(`  ${c.year}  ${c.kindLabel} : ${c.count}\n`);
      for (const a of plan.alreadyImported) io.out(`  ligne ${a.line} : déjà importée (${a.reference})\n`);
      if (warnings) io.out(warnings);
      return 0;
    }
    try {
      const result = await applyImport(db, read.table, null, read.format);
      io.out(
        `Import terminé : ${result.created.length} demande(s) créée(s), ${result.alreadyImported.length} déjà importée(s) ignorée(s).\n`,
      );
      for (const a of result.alreadyImported) io.out(`  ligne ${a.line} : déjà importée (${a.reference})\n`);
      if (warnings) io.out(warnings);
      return 0;
    } catch (error) {
      if (!(error instanceof ImportInvalidError)) throw error;
      io.err(`${file} : ${error.message}\n`);
      return 1;
    }
  });
}
