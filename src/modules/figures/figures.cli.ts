import { requireDb, stringValue, type CliContext } from '../../cli/context.js';
import { FIGURE_KEYS, figureLabel } from './figures.keys.js';
import { listFigures, parseFigure, setFigure, yearSchema } from './figures.service.js';
import { FieldValidationError } from '../../errors.js';

/** `vigie figures keys`: the keys a yearly figure may have. */
export async function figuresKeys({ io }: CliContext): Promise<number> {
  for (const k of FIGURE_KEYS)
    io.out(`${k.key}\t${k.label}${k.fromRecords ? ' (calculé par Vigie pour les années du registre)' : ''}\n`);
  return 0;
}

/** `vigie figures set YEAR KEY VALUE [--note "…"]`. Exit code 0, or 2 for a wrong argument (unknown key…). */
export async function figuresSet(ctx: CliContext): Promise<number> {
  const [year, key, value] = ctx.positionals;
  let input;
  try {
    input = parseFigure({ year, key, value, note: stringValue(ctx, 'note') ?? '' });
  } catch (error) {
    if (!(error instanceof FieldValidationError)) throw error;
    ctx.io.err(`vigie : ${error.message}\n`);
    return 2;
  }
  const what = await setFigure(requireDb(ctx), input, null);
  ctx.io.out(
    `${what === 'created' ? 'Chiffre ajouté' : 'Chiffre modifié'} : ${input.year} ${input.key} = ${input.value}${input.note ? ` (${input.note})` : ''}.\n`,
  );
  return 0;
}

/** `vigie figures list [YEAR]`. */
export async function figuresList(ctx: CliContext): Promise<number> {
  let year: number | undefined;
  if (ctx.positionals[0] !== undefined) {
    const y = yearSchema.safeParse(ctx.positionals[0]);
    if (!y.success) {
      ctx.io.err(`vigie : ${y.error.issues[0]?.message ?? 'année invalide'}\n`);
      return 2;
    }
    year = y.data;
  }
  const figures = await listFigures(requireDb(ctx), { year });
  if (figures.length === 0) ctx.io.out(year ? `Aucun chiffre saisi pour ${year}.\n` : 'Aucun chiffre saisi.\n');
  for (const f of figures)
    ctx.io.out(`${f.year}\t${f.key}\t${f.value}\t${figureLabel(f.key)}${f.note ? ` — ${f.note}` : ''}\n`);
  return 0;
}
