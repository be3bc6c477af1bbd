import type { Db } from '../../db/index.js';
import { FieldValidationError, NotFoundError } from '../../errors.js';
import { recordAudit } from '../audit/audit.service.js';
import type { z } from 'zod';
import type { newEntrySchema, renameSchema, yearsSchema } from './taxonomy.schemas.js';
import {
  addEntry,
  findEntry,
  findEntryByCode,
  listEntries,
  setLabelFrom,
  updateEntryYears,
  type TaxonomyEntry,
} from './taxonomy.service.js';

/**
 * What an admin does to the categories from the back office, each in one
 * transaction with its audit entry. The rules live here, not in the routes:
 * a code is unique in its list; only a theme has a parent, one level deep;
 * only a kind counts (or not) in the yearly total.
 */
type NewEntryInput = z.output<typeof newEntrySchema>;
type RenameInput = z.output<typeof renameSchema>;
type YearsInput = z.output<typeof yearsSchema>;

/** One entry with its label for `year`; 404 when the id names none. */
export async function findEntryForAdmin(db: Db, id: number | undefined, year: number): Promise<TaxonomyEntry> {
  const row = id === undefined ? undefined : await findEntry(db, id);
  const entry = row && (await listEntries(db, row.type, year)).find((e) => e.id === row.id);
  if (!entry) throw new NotFoundError("Cette catégorie n'existe pas.");
  return entry;
}

export async function createEntry(db: Db, d: NewEntryInput, actorId: number | null): Promise<number> {
  if (await findEntryByCode(db, d.type, d.code))
    throw new FieldValidationError({ code: 'Code : ce code existe déjà dans cette liste.' });
  if (d.parentId !== null) {
    const parent = await findEntry(db, d.parentId);
    if (d.type !== 'theme' || !parent || parent.type !== 'theme' || parent.parent_id !== null)
      throw new FieldValidationError({
        parentId: 'Thème parent : seul un thème peut avoir un thème parent (sur un niveau).',
      });
  }
  return db.transaction().execute(async (trx) => {
    const id = await addEntry(trx, d.type, {
      code: d.code,
      label: d.label,
      countsInTotal: d.type === 'kind' && d.countsInTotal,
      parentId: d.parentId,
    });
    await recordAudit(trx, {
      actorId,
      action: 'taxonomy.create',
      entityType: 'taxonomy',
      entityId: id,
      summary: `${d.type}:${d.code}`,
    });
    return id;
  });
}

/** A new label from a year on: earlier years keep theirs. */
export async function renameEntry(db: Db, entry: TaxonomyEntry, d: RenameInput, actorId: number | null): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await setLabelFrom(trx, entry.id, d.fromYear, d.label, entry.type === 'kind' ? d.countsInTotal : false);
    await recordAudit(trx, {
      actorId,
      action: 'taxonomy.update',
      entityType: 'taxonomy',
      entityId: entry.id,
      summary: `libellé à partir de ${d.fromYear}`,
    });
  });
}

export async function setEntryYears(
  db: Db,
  entry: TaxonomyEntry,
  d: YearsInput,
  actorId: number | null,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await updateEntryYears(trx, entry.id, d.inUseFrom, d.inUseUntil);
    await recordAudit(trx, {
      actorId,
      action: 'taxonomy.update',
      entityType: 'taxonomy',
      entityId: entry.id,
      summary: `en usage ${d.inUseFrom ?? '…'}–${d.inUseUntil ?? '…'}`,
    });
  });
}
