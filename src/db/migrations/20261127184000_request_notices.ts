import type { Kysely } from 'kysely';
import { withId } from './dialect.js';

// Frozen in time. A board member is told by e-mail when a request is assigned
// to them or flagged for the board, unless they turned it off (one setting
// each, on by default). A notice is written in the same transaction as the
// change; the `notices.send` job turns pending notices into e-mails.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('notify_assigned', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .alterTable('users')
    .addColumn('notify_flagged', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await withId(db, db.schema.createTable('request_notices'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('request_id', 'integer', (c) => c.notNull().references('requests.id').onDelete('cascade'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('request_notices').execute();
  await db.schema.alterTable('users').dropColumn('notify_flagged').execute();
  await db.schema.alterTable('users').dropColumn('notify_assigned').execute();
}
