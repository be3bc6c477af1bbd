import { z } from 'zod';
import type { Db, DbOrTrx } from '../../db/index.js';
import { nowIso } from '../../lib/time.js';
import { parseForm, str, yearField } from '../../web/validation.js';
import { recordAudit } from '../audit/audit.service.js';
import { FIGURE_KEYS, figureKey } from './figures.keys.js';
import { FieldValidationError } from '../../errors.js';

/**
 * Yearly figures typed by hand (table yearly_figures, one value per year and
 * key). The report uses them only where Vigie has no records of its own: see
 * figures.keys.ts (`fromRecords`) and docs/import.md.
 */
export interface Figure {
  year: number;
  key: string;
  value: number;
  note: string;
  updatedAt: string;
  updatedBy: string | null;
}

export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;
const MAX_VALUE = 2_147_483_647; // PostgreSQL integer

/** « 2000 », « 2 000 », « 147.263 » (Belgian thousands) → a whole number; anything else → null. */
export function parseFigureValue(raw: string): number | null {
  const v = raw.trim().replace(/[\s\u00a0\u202f']/g, '');
  const plain = /^\d+$/.test(v) ? v : /^\d{1,3}(\.\d{3})+$/.test(v) ? v.replace(/\./g, '') : null;
  if (plain === null) return null;
  const n = Number(plain);
  return Number.isSafeInteger(n) && n <= MAX_VALUE ? n : null;
}

function knownKeysText(): string {
  return FIGURE_KEYS.map((k) => k.key).join(', ');
}

export const yearSchema = yearField('Année', { min: MIN_YEAR, max: MAX_YEAR });

export const keySchema = z.preprocess(
  (v) => str(v).trim(),
  z
    .string()
    .min(1, 'Chiffre : choisissez une clé.')
    .refine((k) => figureKey(k) !== undefined, {
      error: (issue) => `Chiffre : clé inconnue « ${String(issue.input)} » (clés possibles : ${knownKeysText()}).`,
    }),
);

export const figureSchema = z.object({
  year: yearSchema,
  key: keySchema,
  value: z.preprocess(
    (v) => str(v).trim(),
    z
      .string()
      .min(1, 'Valeur : ce champ est obligatoire.')
      .refine((s) => parseFigureValue(s) !== null, 'Valeur : un nombre entier positif (ex. 39 ou 2 000).')
      .transform((s) => parseFigureValue(s) as number),
  ),
  note: z.preprocess((v) => str(v).trim(), z.string().max(500, 'Note : 500 caractères au maximum.')),
});

export type FigureInput = z.output<typeof figureSchema>;

/** Validates raw values (a form or the command line): French messages per field. */
export function parseFigure(raw: Record<string, unknown>): FigureInput {
  const r = parseForm(figureSchema, raw);
  if (!r.ok) throw new FieldValidationError(r.errors);
  return r.data;
}

/** Creates or replaces the figure for this year and key. */
export async function setFigure(db: Db, input: FigureInput, actorId: number | null): Promise<'created' | 'updated'> {
  return db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('yearly_figures')
      .select('value')
      .where('year', '=', input.year)
      .where('key', '=', input.key)
      .executeTakeFirst();
    const values = { value: input.value, note: input.note, updated_by: actorId, updated_at: nowIso() };
    if (existing)
      await trx
        .updateTable('yearly_figures')
        .set(values)
        .where('year', '=', input.year)
        .where('key', '=', input.key)
        .execute();
    else
      await trx
        .insertInto('yearly_figures')
        .values({ year: input.year, key: input.key, ...values })
        .execute();
    await recordAudit(trx, {
      actorId,
      action: 'figure.set',
      entityType: 'figure',
      entityId: `${input.year}:${input.key}`,
      summary: `${existing ? `${existing.value} → ` : ''}${input.value}`,
    });
    return existing ? 'updated' : 'created';
  });
}

export async function deleteFigure(db: Db, year: number, key: string, actorId: number | null): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const res = await trx
      .deleteFrom('yearly_figures')
      .where('year', '=', year)
      .where('key', '=', key)
      .executeTakeFirst();
    if (Number(res.numDeletedRows) === 0) return false;
    await recordAudit(trx, { actorId, action: 'figure.delete', entityType: 'figure', entityId: `${year}:${key}` });
    return true;
  });
}

export async function getFigure(db: DbOrTrx, year: number, key: string): Promise<Figure | undefined> {
  return (await listFigures(db, { year, key }))[0];
}

/** Newest year first, then in the order of FIGURE_KEYS. */
export async function listFigures(
  db: DbOrTrx,
  filter: { year?: number | undefined; key?: string | undefined } = {},
): Promise<Figure[]> {
  let q = db
    .selectFrom('yearly_figures')
    .leftJoin('users', 'users.id', 'yearly_figures.updated_by')
    .select([
      'yearly_figures.year',
      'yearly_figures.key',
      'yearly_figures.value',
      'yearly_figures.note',
      'yearly_figures.updated_at',
      'users.display_name',
    ]);
  if (filter.year !== undefined) q = q.where('yearly_figures.year', '=', filter.year);
  if (filter.key !== undefined) q = q.where('yearly_figures.key', '=', filter.key);
  const rows = await q.orderBy('yearly_figures.year', 'desc').execute();
  const order = new Map(FIGURE_KEYS.map((k, i) => [k.key, i]));
  return rows
    .map((r) => ({
      year: r.year,
      key: r.key,
      value: Number(r.value),
      note: r.note,
      updatedAt: r.updated_at,
      updatedBy: r.display_name,
    }))
    .sort(
      (a, b) => b.year - a.year || (order.get(a.key) ?? 999) - (order.get(b.key) ?? 999) || a.key.localeCompare(b.key),
    );
}

export type ManualFigures = Record<number, Record<string, { value: number; note: string }>>;

/**
 * For the report: year → key → the figure typed by hand. Every requested year
 * is present (an empty object when nothing was typed). The report decides,
 * key by key, whether its records win (see FigureKey.fromRecords).
 */
export async function manualFigures(db: DbOrTrx, years: number[]): Promise<ManualFigures> {
  const out: ManualFigures = {};
  for (const y of years) out[y] = {};
  if (years.length === 0) return out;
  const rows = await db
    .selectFrom('yearly_figures')
    .select(['year', 'key', 'value', 'note'])
    .where('year', 'in', years)
    .execute();
  for (const r of rows) (out[r.year] ??= {})[r.key] = { value: Number(r.value), note: r.note };
  return out;
}

/** Years that have requests in the register (their computed figures win). */
export async function yearsWithRecords(db: DbOrTrx): Promise<Set<number>> {
  const rows = await db.selectFrom('requests').select('year').distinct().execute();
  return new Set(rows.map((r) => r.year));
}
