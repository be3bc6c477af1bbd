import { PostgresAdapter, type ColumnDefinitionBuilder, type CreateTableBuilder, type Kysely } from 'kysely';

/**
 * The one place migrations fork per engine: an auto-incremented integer key is
 * `integer primary key autoincrement` in SQLite and `serial` in PostgreSQL.
 * Kept next to the migrations (not app code) so migrations stay frozen.
 */
export function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

export function withId<T extends string>(
  db: Kysely<unknown>,
  table: CreateTableBuilder<T, never>,
): CreateTableBuilder<T, 'id'> {
  return isPostgres(db)
    ? table.addColumn('id', 'serial', (c: ColumnDefinitionBuilder) => c.primaryKey())
    : table.addColumn('id', 'integer', (c: ColumnDefinitionBuilder) => c.primaryKey().autoIncrement());
}

/**
 * The one place migrations fork for binary data: `blob` in SQLite, `bytea` in
 * PostgreSQL (PostgreSQL has no `blob` type). Both drivers read and write a
 * Node Buffer, so app code never sees the difference.
 */
export function binaryType(db: Kysely<unknown>): 'blob' | 'bytea' {
  return isPostgres(db) ? 'bytea' : 'blob';
}
