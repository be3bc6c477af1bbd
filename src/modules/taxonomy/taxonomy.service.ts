import type { Db, DbOrTrx } from '../../db/index.js';
import { nowIso } from '../../lib/time.js';
import { TAXONOMY_TYPES, type TaxonomyType } from '../../db/schema.js';
import { DEFAULT_TAXONOMY, type DefaultEntry } from './taxonomy.defaults.js';

/**
 * Taxonomy entries (kinds, themes, sectors, outcome reasons) are identified by
 * a stable code. Their label (and, for kinds, whether they count in the yearly
 * total) is dated by year: a rename from year Y never changes what earlier
 * years show. Retiring sets the last year in use; past requests keep the entry.
 */
export { TAXONOMY_TYPES };

/** Label rows with from_year 0 apply to every year. */
const ALWAYS = 0;

export interface TaxonomyEntry {
  id: number;
  type: TaxonomyType;
  code: string;
  parentId: number | null;
  sortOrder: number;
  inUseFrom: number | null;
  inUseUntil: number | null;
  label: string;
  countsInTotal: boolean;
  /** Dated labels, oldest first. */
  history: Array<{ fromYear: number; label: string; countsInTotal: boolean }>;
}

export function isInUse(entry: Pick<TaxonomyEntry, 'inUseFrom' | 'inUseUntil'>, year: number): boolean {
  return (
    (entry.inUseFrom === null || entry.inUseFrom <= year) && (entry.inUseUntil === null || entry.inUseUntil >= year)
  );
}

/** All entries of a type, with the label in force for `year`. */
export async function listEntries(db: DbOrTrx, type: TaxonomyType, year: number): Promise<TaxonomyEntry[]> {
  const rows = await db
    .selectFrom('taxonomy_entries')
    .innerJoin('taxonomy_labels', 'taxonomy_labels.entry_id', 'taxonomy_entries.id')
    .select([
      'taxonomy_entries.id',
      'taxonomy_entries.code',
      'taxonomy_entries.parent_id',
      'taxonomy_entries.sort_order',
      'taxonomy_entries.in_use_from',
      'taxonomy_entries.in_use_until',
      'taxonomy_labels.from_year',
      'taxonomy_labels.label',
      'taxonomy_labels.counts_in_total',
    ])
    .where('taxonomy_entries.type', '=', type)
    .orderBy('taxonomy_entries.sort_order')
    .orderBy('taxonomy_entries.id')
    .orderBy('taxonomy_labels.from_year')
    .execute();
  const byId = new Map<number, TaxonomyEntry>();
  for (const r of rows) {
    let e = byId.get(r.id);
    if (!e) {
      e = {
        id: r.id,
        type,
        code: r.code,
        parentId: r.parent_id,
        sortOrder: r.sort_order,
        inUseFrom: r.in_use_from,
        inUseUntil: r.in_use_until,
        label: r.label,
        countsInTotal: r.counts_in_total === 1,
        history: [],
      };
      byId.set(r.id, e);
    }
    e.history.push({ fromYear: r.from_year, label: r.label, countsInTotal: r.counts_in_total === 1 });
    if (r.from_year <= year) {
      e.label = r.label;
      e.countsInTotal = r.counts_in_total === 1;
    }
  }
  return orderTree([...byId.values()]);
}

/** Parents first, each followed by its children. */
function orderTree(entries: TaxonomyEntry[]): TaxonomyEntry[] {
  const roots = entries.filter((e) => e.parentId === null);
  const out: TaxonomyEntry[] = [];
  for (const root of roots) {
    out.push(root);
    out.push(...entries.filter((e) => e.parentId === root.id));
  }
  const orphans = entries.filter((e) => e.parentId !== null && !roots.some((r) => r.id === e.parentId));
  return [...out, ...orphans];
}

export interface Taxonomy {
  year: number;
  kind: TaxonomyEntry[];
  theme: TaxonomyEntry[];
  sector: TaxonomyEntry[];
  outcome_reason: TaxonomyEntry[];
}

export async function loadTaxonomy(db: DbOrTrx, year: number): Promise<Taxonomy> {
  const [kind, theme, sector, outcome_reason] = await Promise.all(TAXONOMY_TYPES.map((t) => listEntries(db, t, year)));
  return { year, kind: kind ?? [], theme: theme ?? [], sector: sector ?? [], outcome_reason: outcome_reason ?? [] };
}

export function labelOf(entries: TaxonomyEntry[], id: number | null | undefined): string {
  if (id === null || id === undefined) return '';
  return entries.find((e) => e.id === id)?.label ?? '';
}

/** A theme's label with its parent's ("Le secret professionnel › Dans une institution"). */
export function themePath(themes: TaxonomyEntry[], id: number): string {
  const t = themes.find((e) => e.id === id);
  if (!t) return '';
  const parent = t.parentId === null ? undefined : themes.find((e) => e.id === t.parentId);
  return parent ? `${parent.label} › ${t.label}` : t.label;
}

async function insertEntry(
  db: DbOrTrx,
  type: TaxonomyType,
  input: {
    code: string;
    label: string;
    countsInTotal?: boolean;
    parentId?: number | null;
    inUseFrom?: number | null;
    inUseUntil?: number | null;
    fromYear?: number;
  },
  sortOrder: number,
): Promise<number> {
  const { id } = await db
    .insertInto('taxonomy_entries')
    .values({
      type,
      code: input.code,
      parent_id: input.parentId ?? null,
      sort_order: sortOrder,
      in_use_from: input.inUseFrom ?? null,
      in_use_until: input.inUseUntil ?? null,
      created_at: nowIso(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('taxonomy_labels')
    .values({
      entry_id: id,
      from_year: input.fromYear ?? ALWAYS,
      label: input.label,
      counts_in_total: input.countsInTotal ? 1 : 0,
    })
    .execute();
  return id;
}

/** Sets the label (and counting rule) in force from `fromYear` on. */
export async function setLabelFrom(
  db: DbOrTrx,
  entryId: number,
  fromYear: number,
  label: string,
  countsInTotal: boolean,
): Promise<void> {
  const existing = await db
    .selectFrom('taxonomy_labels')
    .select('id')
    .where('entry_id', '=', entryId)
    .where('from_year', '=', fromYear)
    .executeTakeFirst();
  if (existing) {
    await db
      .updateTable('taxonomy_labels')
      .set({ label, counts_in_total: countsInTotal ? 1 : 0 })
      .where('id', '=', existing.id)
      .execute();
  } else {
    await db
      .insertInto('taxonomy_labels')
      .values({ entry_id: entryId, from_year: fromYear, label, counts_in_total: countsInTotal ? 1 : 0 })
      .execute();
  }
}

async function nextSortOrder(db: DbOrTrx, type: TaxonomyType): Promise<number> {
  const row = await db
    .selectFrom('taxonomy_entries')
    .select((eb) => eb.fn.max('sort_order').as('m'))
    .where('type', '=', type)
    .executeTakeFirst();
  return Number(row?.m ?? 0) + 10;
}

export async function addEntry(
  db: DbOrTrx,
  type: TaxonomyType,
  input: {
    code: string;
    label: string;
    countsInTotal?: boolean;
    parentId?: number | null;
    inUseFrom?: number | null;
    inUseUntil?: number | null;
  },
): Promise<number> {
  return insertEntry(db, type, input, await nextSortOrder(db, type));
}

async function insertDefaults(
  db: DbOrTrx,
  type: TaxonomyType,
  entries: DefaultEntry[],
  parentId: number | null,
  start: number,
): Promise<number> {
  let order = start;
  for (const e of entries) {
    order += 10;
    const id = await insertEntry(
      db,
      type,
      { code: e.code, label: e.label, countsInTotal: e.countsInTotal ?? false, parentId },
      order,
    );
    if (e.children) order = await insertDefaults(db, type, e.children, id, order);
  }
  return order;
}

/** Installs the committee's categories on an empty database. */
export async function ensureDefaultTaxonomy(db: Db): Promise<boolean> {
  const any = await db.selectFrom('taxonomy_entries').select('id').limit(1).executeTakeFirst();
  if (any) return false;
  await db.transaction().execute(async (trx) => {
    for (const type of TAXONOMY_TYPES) await insertDefaults(trx, type, DEFAULT_TAXONOMY[type], null, 0);
  });
  return true;
}

export async function findEntry(db: DbOrTrx, id: number) {
  return db.selectFrom('taxonomy_entries').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findEntryByCode(db: DbOrTrx, type: TaxonomyType, code: string) {
  return db
    .selectFrom('taxonomy_entries')
    .selectAll()
    .where('type', '=', type)
    .where('code', '=', code)
    .executeTakeFirst();
}

export async function updateEntryYears(
  db: DbOrTrx,
  id: number,
  inUseFrom: number | null,
  inUseUntil: number | null,
): Promise<void> {
  await db
    .updateTable('taxonomy_entries')
    .set({ in_use_from: inUseFrom, in_use_until: inUseUntil })
    .where('id', '=', id)
    .execute();
}
