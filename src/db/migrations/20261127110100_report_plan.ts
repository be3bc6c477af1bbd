import type { Kysely } from 'kysely';
import { withId } from './dialect.js';

// Frozen in time. The whole report as the committee writes it:
// - per request, the anonymised text printed in the report, and the board's
//   check that nothing in it identifies anyone (valid while the texts it saw,
//   by their hash, are unchanged);
// - per report (span of years), the board's plan: sections, their order, their
//   texts and notes, as one JSON document (validated by the app on read);
// - figures quoted in a report that are not yearly counts: free labels,
//   figures over a period, the month of a minimum or maximum, the date measured.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('requests').addColumn('report_text', 'text').execute();
  await db.schema.alterTable('requests').addColumn('identifying_checked_hash', 'text').execute();
  await db.schema
    .alterTable('requests')
    .addColumn('identifying_checked_by', 'integer', (c) => c.references('users.id'))
    .execute();
  await db.schema.alterTable('requests').addColumn('identifying_checked_at', 'text').execute();

  await withId(db, db.schema.createTable('report_plans'))
    .addColumn('first_year', 'integer', (c) => c.notNull())
    .addColumn('last_year', 'integer', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'integer', (c) => c.references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('report_plans_years_uq', ['first_year', 'last_year'])
    .execute();

  await withId(db, db.schema.createTable('report_figures'))
    .addColumn('first_year', 'integer', (c) => c.notNull())
    .addColumn('last_year', 'integer', (c) => c.notNull())
    .addColumn('group_label', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('value', 'integer', (c) => c.notNull())
    .addColumn('month', 'integer')
    .addColumn('measured_on', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_by', 'integer', (c) => c.references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('report_figures').execute();
  await db.schema.dropTable('report_plans').execute();
  for (const column of ['identifying_checked_at', 'identifying_checked_by', 'identifying_checked_hash', 'report_text'])
    await db.schema.alterTable('requests').dropColumn(column).execute();
}
