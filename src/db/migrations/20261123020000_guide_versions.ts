import type { Kysely } from 'kysely';
import { withId } from './dialect.js';

// Frozen in time. Each published state of the guide's content is one row:
// the whole document as JSON, so any version can be shown or restored.
export async function up(db: Kysely<unknown>): Promise<void> {
  await withId(db, db.schema.createTable('guide_versions'))
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('reverted_from', 'integer')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('guide_versions').execute();
}
