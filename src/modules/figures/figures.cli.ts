import { parseArgs } from 'node:util';
import type { AppConfig } from '../../config.js';
import { withCliDatabase, type CliOutput } from '../imports/imports.cli.js';
import { FIGURE_KEYS, figureLabel } from './figures.keys.js';
import { FigureValidationError, listFigures, parseFigure, setFigure, yearSchema } from './figures.service.js';

const STD: CliOutput = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };
const USAGE =
  'figures : utilisez « vigie figures set ANNÉE CLÉ VALEUR [--note "…"] », « vigie figures list [ANNÉE] » ou « vigie figures keys ».';

/**
 * `vigie figures set YEAR KEY VALUE [--note "…"]`, `vigie figures list [YEAR]`,
 * `vigie figures keys`. Exit code 0, or 2 for a wrong argument (unknown key…).
 */
export async function figuresCommand(config: AppConfig, args: string[], io: CliOutput = STD): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { note: { type: 'string' } }, allowPositionals: true, strict: true });
  } catch {
    io.err(`vigie : ${USAGE}\n`);
    return 2;
  }
  const [sub, ...rest] = parsed.positionals;
  if (sub === 'keys' && rest.length === 0) {
    for (const k of FIGURE_KEYS)
      io.out(`${k.key}\t${k.label}${k.fromRecords ? ' (calculé par Vigie pour les années du registre)' : ''}\n`);
    return 0;
  }
  if (sub === 'set' && rest.length === 3) {
    const [year, key, value] = rest;
    let input;
    try {
      input = parseFigure({ year, key, value, note: parsed.values.note ?? '' });
    } catch (error) {
      if (!(error instanceof FigureValidationError)) throw error;
      io.err(`vigie : ${error.message}\n`);
      return 2;
    }
    return withCliDatabase(config, async (db) => {
      const what = await setFigure(db, input, null);
      io.out(
        `${what === 'created' ? 'Chiffre ajouté' : 'Chiffre modifié'} : ${input.year} ${input.key} = ${input.value}${input.note ? ` (${input.note})` : ''}.\n`,
      );
      return 0;
    });
  }
  if (sub === 'list' && rest.length <= 1) {
    let year: number | undefined;
    if (rest[0] !== undefined) {
      const y = yearSchema.safeParse(rest[0]);
      if (!y.success) {
        io.err(`vigie : ${y.error.issues[0]?.message ?? 'année invalide'}\n`);
        return 2;
      }
      year = y.data;
    }
    return withCliDatabase(config, async (db) => {
      const figures = await listFigures(db, { year });
      if (figures.length === 0) io.out(year ? `Aucun chiffre saisi pour ${year}.\n` : 'Aucun chiffre saisi.\n');
      for (const f of figures)
        io.out(`${f.year}\t${f.key}\t${f.value}\t${figureLabel(f.key)}${f.note ? ` — ${f.note}` : ''}\n`);
      return 0;
    });
  }
  io.err(`vigie : ${USAGE}\n`);
  return 2;
}
