import type { DbOrTrx } from '../../db/index.js';

/**
 * The register's numbering, in one place for the register and the import: requests are numbered
 * per year of reception, `YYYY-NNN` (2026-001, 2026-002…), the number following the highest one
 * already given that year. Two transactions may pick the same number at the same instant: the
 * unique reference refuses the second, which runs again (`retryOnUniqueViolation`, src/db).
 *
 * A request whose date of reception is moved into another year takes a new reference in that
 * year (requests.service.ts, `updateRequest`): its old number stays in its timeline, and leaves a
 * gap in the old year's numbering. So the year of a reference is always the year it was received.
 */
function formatReference(year: number, seq: number): string {
  return `${year}-${String(seq).padStart(3, '0')}`;
}

/** The next free reference of `year`. Call it inside the transaction that inserts the row. */
export async function allocateReference(trx: DbOrTrx, year: number): Promise<{ seq: number; reference: string }> {
  const row = await trx
    .selectFrom('requests')
    .select((eb) => eb.fn.max('seq').as('m'))
    .where('reference', 'like', `${year}-%`)
    .executeTakeFirst();
  const seq = Number(row?.m ?? 0) + 1;
  return { seq, reference: formatReference(year, seq) };
}
