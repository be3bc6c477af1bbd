import { z } from 'zod';
import type { Db, DbOrTrx } from '../../db/index.js';
import type { ReportFigureSource } from '../../db/schema.js';
import { nowIso } from '../../lib/time.js';
import { optionalDateField, parseForm, str, yearField } from '../../web/validation.js';
import { recordAudit } from '../audit/audit.service.js';
import { FieldValidationError } from '../../errors.js';
import { MAX_YEAR, MIN_YEAR, parseFigureValue } from './figures.service.js';

/**
 * Figures the report quotes as the committee does, beside the yearly keyed
 * figures: a free label (« Facebook : mentions J'aime »), one year or a period
 * (« 2019–2020 : 26 nouvelles personnes »), the month of a minimum or maximum
 * (« 1 214 visites (août) »), the date it was measured (« au 29/09/2021 »),
 * and where it comes from (typed by hand, or historical: a past report).
 */
export interface QuotedFigureRow {
  id: number;
  group: string;
  label: string;
  firstYear: number;
  lastYear: number;
  value: number;
  month: number | null;
  measuredOn: string | null;
  source: ReportFigureSource;
  note: string;
  sortOrder: number;
}

export const QUOTED_SOURCES: Record<ReportFigureSource, string> = {
  manual: 'encodé à la main',
  historical: 'historique (rapport précédent, archives)',
};

const year = (label: string) => yearField(label, { min: MIN_YEAR, max: MAX_YEAR });

export const quotedFigureSchema = z
  .object({
    group: z.preprocess((v) => str(v).trim(), z.string().max(80, 'Rubrique : 80 caractères au maximum.')),
    label: z.preprocess(
      (v) => str(v).trim(),
      z.string().min(1, 'Libellé : ce champ est obligatoire.').max(200, 'Libellé : 200 caractères au maximum.'),
    ),
    firstYear: year('Première année'),
    lastYear: z.preprocess((v) => (str(v).trim() === '' ? undefined : v), year('Dernière année').optional()),
    value: z.preprocess(
      (v) => str(v).trim(),
      z
        .string()
        .min(1, 'Valeur : ce champ est obligatoire.')
        .refine((s) => parseFigureValue(s) !== null, 'Valeur : un nombre entier positif (ex. 968 ou 2 000).')
        .transform((s) => parseFigureValue(s) as number),
    ),
    month: z.preprocess(
      (v) => (str(v).trim() === '' ? null : Number(str(v).trim())),
      z.number().int().min(1, 'Mois : choisissez un mois.').max(12, 'Mois : choisissez un mois.').nullable(),
    ),
    measuredOn: optionalDateField('Mesuré le'),
    source: z.preprocess(
      (v) => str(v) || 'manual',
      z.enum(['manual', 'historical'], { error: 'Source : choisissez « encodé à la main » ou « historique ».' }),
    ),
    note: z.preprocess((v) => str(v).trim(), z.string().max(500, 'Note : 500 caractères au maximum.')),
  })
  .transform((v) => ({ ...v, lastYear: v.lastYear ?? v.firstYear }))
  .refine((v) => v.lastYear >= v.firstYear, {
    path: ['lastYear'],
    message: 'Dernière année : pas avant la première.',
  });

export type QuotedFigureInput = z.output<typeof quotedFigureSchema>;

export function parseQuotedFigure(raw: Record<string, unknown>): QuotedFigureInput {
  const r = parseForm(quotedFigureSchema, raw);
  if (!r.ok) throw new FieldValidationError(r.errors);
  return r.data;
}

function toRow(r: {
  id: number;
  group_label: string;
  label: string;
  first_year: number;
  last_year: number;
  value: number;
  month: number | null;
  measured_on: string | null;
  source: ReportFigureSource;
  note: string;
  sort_order: number;
}): QuotedFigureRow {
  return {
    id: Number(r.id),
    group: r.group_label,
    label: r.label,
    firstYear: Number(r.first_year),
    lastYear: Number(r.last_year),
    value: Number(r.value),
    month: r.month === null ? null : Number(r.month),
    measuredOn: r.measured_on,
    source: r.source,
    note: r.note,
    sortOrder: Number(r.sort_order),
  };
}

const COLUMNS = [
  'id',
  'group_label',
  'label',
  'first_year',
  'last_year',
  'value',
  'month',
  'measured_on',
  'source',
  'note',
  'sort_order',
] as const;

/** The quoted figures whose period lies within [first, last] (all when no years are given), in their order. */
export async function listQuotedFigures(db: DbOrTrx, first?: number, last?: number): Promise<QuotedFigureRow[]> {
  let q = db.selectFrom('report_figures').select([...COLUMNS]);
  if (first !== undefined) q = q.where('first_year', '>=', first);
  if (last !== undefined) q = q.where('last_year', '<=', last);
  const rows = await q.orderBy('sort_order').orderBy('id').execute();
  return rows.map(toRow);
}

export async function addQuotedFigure(db: Db, input: QuotedFigureInput, actorId: number | null): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const max = await trx
      .selectFrom('report_figures')
      .select((eb) => eb.fn.max('sort_order').as('m'))
      .executeTakeFirst();
    const { id } = await trx
      .insertInto('report_figures')
      .values({
        first_year: input.firstYear,
        last_year: input.lastYear,
        group_label: input.group,
        label: input.label,
        value: input.value,
        month: input.month,
        measured_on: input.measuredOn,
        source: input.source,
        note: input.note,
        sort_order: Number(max?.m ?? 0) + 10,
        updated_by: actorId,
        updated_at: nowIso(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actorId,
      action: 'report.figure.set',
      entityType: 'figure',
      entityId: `cite:${id}`,
      summary: `${input.firstYear === input.lastYear ? input.firstYear : `${input.firstYear}-${input.lastYear}`} : ${input.value}`,
    });
    return Number(id);
  });
}

export async function deleteQuotedFigure(db: Db, id: number, actorId: number | null): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const res = await trx.deleteFrom('report_figures').where('id', '=', id).executeTakeFirst();
    if (Number(res.numDeletedRows) === 0) return false;
    await recordAudit(trx, { actorId, action: 'report.figure.delete', entityType: 'figure', entityId: `cite:${id}` });
    return true;
  });
}
