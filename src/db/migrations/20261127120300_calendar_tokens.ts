import type { Kysely } from 'kysely';
import { withId } from './dialect.js';

// Frozen in time. A board member's private calendar link: the token is kept
// hashed; revoking it (or making a new one) ends the old link.
export async function up(db: Kysely<unknown>): Promise<void> {
  await withId(db, db.schema.createTable('calendar_tokens'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('calendar_tokens').execute();
}
