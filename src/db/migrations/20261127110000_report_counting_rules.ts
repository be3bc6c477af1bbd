import type { Kysely } from 'kysely';

// Frozen in time. Which requests a year's figures count, dated like the
// taxonomy's labels: a rule set from year Y applies to Y and the years after,
// until another rule. No row: every request received counts.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('report_counting_rules')
    .addColumn('from_year', 'integer', (c) => c.primaryKey())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'integer', (c) => c.references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('report_counting_rules').execute();
}
