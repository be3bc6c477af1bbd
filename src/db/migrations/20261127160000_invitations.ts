import type { Kysely } from 'kysely';

// Frozen in time. A link to choose a password is either a reset (one hour,
// asked for by the person) or an invitation (seven days, sent by an admin
// with a welcome). Accounts remember who invited them and when, so the admin
// sees who has not yet chosen a password and can send the welcome again.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('password_resets')
    .addColumn('purpose', 'text', (c) => c.notNull().defaultTo('reset'))
    .execute();
  await db.schema.alterTable('users').addColumn('invited_by', 'integer').execute();
  await db.schema.alterTable('users').addColumn('invited_at', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('invited_at').execute();
  await db.schema.alterTable('users').dropColumn('invited_by').execute();
  await db.schema.alterTable('password_resets').dropColumn('purpose').execute();
}
