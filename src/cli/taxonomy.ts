import { readFileSync, writeFileSync } from 'node:fs';
import {
  exportTaxonomy,
  importSummary,
  importTaxonomy,
  parseTaxonomyYaml,
  TaxonomyImportError,
} from '../modules/taxonomy/taxonomy.yaml.js';
import { CommandError, requireDb, type CliContext } from './context.js';

function refused(file: string, error: TaxonomyImportError): CommandError {
  return new CommandError(`${file} :\n${error.problems.map((p) => `  ${p}`).join('\n')}\nRien n'a été importé.`);
}

/** `vigie taxonomy export FILE.yaml`. */
export async function taxonomyExport(ctx: CliContext): Promise<number> {
  const [file = ''] = ctx.positionals;
  writeFileSync(file, await exportTaxonomy(requireDb(ctx)));
  ctx.io.out(`Catégories exportées dans ${file}.\n`);
  return 0;
}

/** `vigie taxonomy import FILE.yaml`: all or nothing. */
export async function taxonomyImport(ctx: CliContext): Promise<number> {
  const [file = ''] = ctx.positionals;
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch {
    throw new CommandError(`taxonomy import : impossible de lire le fichier « ${file} ».`);
  }
  try {
    const report = await importTaxonomy(requireDb(ctx), parseTaxonomyYaml(source), null);
    ctx.io.out(`${importSummary(report)}\n`);
    return 0;
  } catch (error) {
    if (error instanceof TaxonomyImportError) throw refused(file, error);
    throw error;
  }
}
