import type { SelectQueryBuilder } from 'kysely';
import { isPostgresDb, type DbOrTrx } from './index.js';

/**
 * For a query choosing rows to claim (work several processes share, like the
 * outbox): with PostgreSQL, rows another transaction is claiming are locked
 * and skipped (`for update skip locked`), so two processes never claim the
 * same row and neither waits for the other. SQLite has one writer: the claim
 * runs alone, nothing to skip (and the clause does not exist there).
 */
export function skippingLockedRows<DB, TB extends keyof DB, O>(
  db: DbOrTrx,
  query: SelectQueryBuilder<DB, TB, O>,
): SelectQueryBuilder<DB, TB, O> {
  return isPostgresDb(db) ? query.forUpdate().skipLocked() : query;
}
