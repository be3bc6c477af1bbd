import type { Kysely } from 'kysely';
import { binaryType, withId } from './dialect.js';

// Frozen in time: never import app code here. The public site's content
// (pages, news, resources, testimonies, events) with their attachments, the
// members of the plenary, the days the helpline is closed, and the daily visit
// counts. Visit counts hold no IP address, no User-Agent and no hash: only
// totals per day and per page (see docs/content-and-stats.md).

/**
 * Closures seeded for 2025–2026 and 2026–2027: Fédération Wallonie-Bruxelles
 * school holidays (reformed calendar) and Belgian public holidays falling on a
 * Thursday. Dates marked « à vérifier » are computed from the calendar's rules,
 * not copied from the official decree: the board checks and edits them in the
 * back office (/bureau/contenu/fermetures).
 */
const CLOSURES: Array<[string, string, string, string]> = [
  ['2025-10-20', '2025-11-02', 'Congé d’automne 2025', 'school_holiday'],
  ['2025-12-22', '2026-01-04', 'Vacances d’hiver 2025-2026', 'school_holiday'],
  ['2025-12-25', '2025-12-25', 'Noël', 'public_holiday'],
  ['2026-01-01', '2026-01-01', 'Jour de l’an', 'public_holiday'],
  ['2026-02-16', '2026-03-01', 'Congé de détente (carnaval) 2026', 'school_holiday'],
  ['2026-05-04', '2026-05-17', 'Vacances de printemps 2026', 'school_holiday'],
  ['2026-05-14', '2026-05-14', 'Ascension', 'public_holiday'],
  ['2026-07-04', '2026-08-30', 'Vacances d’été 2026 (fin à vérifier)', 'school_holiday'],
  ['2026-10-19', '2026-11-01', 'Congé d’automne 2026 (à vérifier)', 'school_holiday'],
  ['2026-12-21', '2027-01-03', 'Vacances d’hiver 2026-2027', 'school_holiday'],
  ['2027-02-08', '2027-02-21', 'Congé de détente (carnaval) 2027 (à vérifier)', 'school_holiday'],
  ['2027-05-03', '2027-05-16', 'Vacances de printemps 2027 (à vérifier)', 'school_holiday'],
  ['2027-05-06', '2027-05-06', 'Ascension', 'public_holiday'],
  ['2027-07-03', '2027-08-29', 'Vacances d’été 2027 (à vérifier)', 'school_holiday'],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await withId(db, db.schema.createTable('content_items'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    // Items sharing a translation_group are the same text in other languages.
    .addColumn('translation_group', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('body', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('event_starts_on', 'text')
    .addColumn('event_ends_on', 'text')
    .addColumn('event_place', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft'))
    .addColumn('published_at', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('content_items_type_locale_slug_uq', ['type', 'locale', 'slug'])
    .execute();
  await db.schema
    .createIndex('content_items_listing_idx')
    .on('content_items')
    .columns(['type', 'locale', 'status', 'published_at'])
    .execute();
  await db.schema.createIndex('content_items_group_idx').on('content_items').column('translation_group').execute();

  await withId(db, db.schema.createTable('attachments'))
    .addColumn('content_item_id', 'integer', (c) => c.notNull().references('content_items.id').onDelete('cascade'))
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('data', binaryType(db), (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('attachments_item_idx').on('attachments').column('content_item_id').execute();

  await withId(db, db.schema.createTable('members'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('contact_email', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('contact_phone', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('joined_on', 'text')
    .addColumn('left_on', 'text')
    .addColumn('show_publicly', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('members_kind_idx').on('members').columns(['kind', 'joined_on']).execute();

  await withId(db, db.schema.createTable('helpline_closures'))
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('other'))
    .execute();
  await db.schema
    .createIndex('helpline_closures_range_idx')
    .on('helpline_closures')
    .columns(['starts_on', 'ends_on'])
    .execute();
  const closures = db as Kysely<{
    helpline_closures: { starts_on: string; ends_on: string; label: string; kind: string };
  }>;
  await closures
    .insertInto('helpline_closures')
    .values(CLOSURES.map(([starts_on, ends_on, label, kind]) => ({ starts_on, ends_on, label, kind })))
    .execute();

  // One row per day and page, plus one row per day with path_key '*' for the
  // whole site (visitors of the whole site are not the sum of each page's).
  await db.schema
    .createTable('page_views_daily')
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('path_key', 'text', (c) => c.notNull())
    .addColumn('section', 'text', (c) => c.notNull())
    .addColumn('views', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('visitors', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('page_views_daily_pk', ['day', 'path_key'])
    .execute();
  await db.schema
    .createIndex('page_views_daily_section_idx')
    .on('page_views_daily')
    .columns(['section', 'day'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('page_views_daily').execute();
  await db.schema.dropTable('helpline_closures').execute();
  await db.schema.dropTable('members').execute();
  await db.schema.dropTable('attachments').execute();
  await db.schema.dropTable('content_items').execute();
}
