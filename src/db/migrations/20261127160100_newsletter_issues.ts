import type { Kysely } from 'kysely';

// Frozen in time. Newsletter issues become drafts the board can save, test
// and send later, with one version per language (French is the reference and
// the fallback: it stays on `newsletter_issues`). Issues sent before this
// migration are `sent`. Outbox rows may carry a reference to what they belong
// to (`newsletter_issue:12`), so an issue can say honestly how many of its
// mails have left and how many still wait.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('newsletter_issues')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('sent'))
    .execute();
  await db.schema.alterTable('newsletter_issues').addColumn('updated_at', 'text').execute();
  await db.schema
    .createTable('newsletter_issue_translations')
    .addColumn('issue_id', 'integer', (c) => c.notNull().references('newsletter_issues.id').onDelete('cascade'))
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('newsletter_issue_translations_pk', ['issue_id', 'locale'])
    .execute();
  await db.schema.alterTable('mail_outbox').addColumn('ref', 'text').execute();
  await db.schema.createIndex('mail_outbox_ref_idx').on('mail_outbox').columns(['ref', 'status']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('mail_outbox_ref_idx').execute();
  await db.schema.alterTable('mail_outbox').dropColumn('ref').execute();
  await db.schema.dropTable('newsletter_issue_translations').execute();
  await db.schema.alterTable('newsletter_issues').dropColumn('updated_at').execute();
  await db.schema.alterTable('newsletter_issues').dropColumn('status').execute();
}
