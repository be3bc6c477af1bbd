import type { Kysely } from 'kysely';
import { withId } from './dialect.js';

// Frozen in time. The consent ledger (src/modules/consent/): one row per
// consent given or withdrawn — whose (an e-mail address, or a name when there
// is none), what for, on which form and which version of its text, when.
// Erasing a person replaces their address and name by a fingerprint and keeps
// the rows: the counts stay, nobody can be read back.
export async function up(db: Kysely<unknown>): Promise<void> {
  await withId(db, db.schema.createTable('consent_events'))
    .addColumn('email', 'text')
    .addColumn('name', 'text')
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('form', 'text', (c) => c.notNull())
    .addColumn('text_version', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('consent_events_email_idx').on('consent_events').column('email').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('consent_events').execute();
}
