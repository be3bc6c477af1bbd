import type { Kysely } from 'kysely';
import { withId } from './dialect.js';

// Frozen in time. Yearly figures typed in by hand (years before the register,
// or what Vigie does not track), the report's written parts, and a fingerprint
// on imported requests so that importing the same file twice adds nothing.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('yearly_figures')
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('value', 'integer', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('updated_by', 'integer', (c) => c.references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('yearly_figures_pk', ['year', 'key'])
    .execute();

  await withId(db, db.schema.createTable('report_texts'))
    .addColumn('first_year', 'integer', (c) => c.notNull())
    .addColumn('last_year', 'integer', (c) => c.notNull())
    .addColumn('introduction', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('analysis', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('updated_by', 'integer', (c) => c.references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('report_texts_years_uq', ['first_year', 'last_year'])
    .execute();

  await db.schema.alterTable('requests').addColumn('import_fingerprint', 'text').execute();
  await db.schema.createIndex('requests_import_fingerprint_idx').on('requests').column('import_fingerprint').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('requests_import_fingerprint_idx').execute();
  await db.schema.alterTable('requests').dropColumn('import_fingerprint').execute();
  await db.schema.dropTable('report_texts').execute();
  await db.schema.dropTable('yearly_figures').execute();
}
