import { sql, type Kysely } from 'kysely';
import { isPostgres, withId } from './dialect.js';

// Frozen in time: never import app code here. Dates are ISO-8601 text
// (YYYY-MM-DD for days, full timestamps for instants) and booleans are 0/1
// integers, so the same SQL runs on SQLite and PostgreSQL.

export async function up(db: Kysely<unknown>): Promise<void> {
  await withId(db, db.schema.createTable('users'))
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_login_at', 'text')
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('password_resets')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();

  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('taxonomy_entries'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('parent_id', 'integer', (c) => c.references('taxonomy_entries.id'))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('in_use_from', 'integer')
    .addColumn('in_use_until', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('taxonomy_entries_type_code_uq', ['type', 'code'])
    .execute();

  // Labels are dated by year: renaming from year Y adds a row, so the reports
  // of earlier years keep the wording they were written with.
  await withId(db, db.schema.createTable('taxonomy_labels'))
    .addColumn('entry_id', 'integer', (c) => c.notNull().references('taxonomy_entries.id').onDelete('cascade'))
    .addColumn('from_year', 'integer', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('counts_in_total', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('taxonomy_labels_entry_year_uq', ['entry_id', 'from_year'])
    .execute();

  await withId(db, db.schema.createTable('requests'))
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('received_on', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('kind_id', 'integer', (c) => c.notNull().references('taxonomy_entries.id'))
    .addColumn('requester_type', 'text', (c) => c.notNull())
    .addColumn('sector_id', 'integer', (c) => c.references('taxonomy_entries.id'))
    .addColumn('region', 'text')
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addColumn('outcome_reason_id', 'integer', (c) => c.references('taxonomy_entries.id'))
    .addColumn('outcome_detail', 'text')
    .addColumn('event_on', 'text')
    .addColumn('planned_year', 'integer')
    .addColumn('search_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .execute();
  await db.schema.createIndex('requests_received_idx').on('requests').columns(['received_on', 'id']).execute();
  await db.schema.createIndex('requests_year_status_idx').on('requests').columns(['year', 'status']).execute();
  await db.schema.createIndex('requests_status_idx').on('requests').column('status').execute();
  await db.schema.createIndex('requests_kind_idx').on('requests').column('kind_id').execute();
  await db.schema.createIndex('requests_sector_idx').on('requests').column('sector_id').execute();

  await db.schema
    .createTable('request_themes')
    .addColumn('request_id', 'integer', (c) => c.notNull().references('requests.id').onDelete('cascade'))
    .addColumn('theme_id', 'integer', (c) => c.notNull().references('taxonomy_entries.id'))
    .addPrimaryKeyConstraint('request_themes_pk', ['request_id', 'theme_id'])
    .execute();
  await db.schema
    .createIndex('request_themes_theme_idx')
    .on('request_themes')
    .columns(['theme_id', 'request_id'])
    .execute();

  await db.schema
    .createTable('request_assignees')
    .addColumn('request_id', 'integer', (c) => c.notNull().references('requests.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addPrimaryKeyConstraint('request_assignees_pk', ['request_id', 'user_id'])
    .execute();
  await db.schema
    .createIndex('request_assignees_user_idx')
    .on('request_assignees')
    .columns(['user_id', 'request_id'])
    .execute();

  // Identities live apart from the request, encrypted (AES-256-GCM). Nothing
  // here is searchable or listed.
  await db.schema
    .createTable('requester_identities')
    .addColumn('request_id', 'integer', (c) => c.primaryKey().references('requests.id').onDelete('cascade'))
    .addColumn('ciphertext', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('request_events'))
    .addColumn('request_id', 'integer', (c) => c.notNull().references('requests.id').onDelete('cascade'))
    .addColumn('occurred_on', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('data', 'text')
    .addColumn('actor_id', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('request_events_request_idx')
    .on('request_events')
    .columns(['request_id', 'occurred_on'])
    .execute();

  await withId(db, db.schema.createTable('audit_events'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'integer', (c) => c.references('users.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text')
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('audit_events_at_idx').on('audit_events').column('at').execute();
  await db.schema
    .createIndex('audit_events_entity_idx')
    .on('audit_events')
    .columns(['entity_type', 'entity_id'])
    .execute();
  // The audit trail is append-only at the database level too.
  if (isPostgres(db)) {
    await sql`create function audit_events_append_only() returns trigger language plpgsql as $$
      begin raise exception 'audit_events is append-only'; end $$`.execute(db);
    await sql`create trigger audit_events_no_change before update or delete on audit_events
      for each row execute function audit_events_append_only()`.execute(db);
  } else {
    await sql`create trigger audit_events_no_update before update on audit_events
      begin select raise(abort, 'audit_events is append-only'); end`.execute(db);
    await sql`create trigger audit_events_no_delete before delete on audit_events
      begin select raise(abort, 'audit_events is append-only'); end`.execute(db);
  }

  await withId(db, db.schema.createTable('mail_outbox'))
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('text_body', 'text', (c) => c.notNull())
    .addColumn('html_body', 'text')
    .addColumn('headers', 'text')
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute();
  await db.schema
    .createIndex('mail_outbox_status_idx')
    .on('mail_outbox')
    .columns(['status', 'next_attempt_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) await sql`drop function if exists audit_events_append_only() cascade`.execute(db);
  for (const t of [
    'mail_outbox',
    'audit_events',
    'request_events',
    'requester_identities',
    'request_assignees',
    'request_themes',
    'requests',
    'taxonomy_labels',
    'taxonomy_entries',
    'settings',
    'password_resets',
    'sessions',
    'users',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
