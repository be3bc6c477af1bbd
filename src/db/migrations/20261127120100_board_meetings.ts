import type { Kysely } from 'kysely';
import { withId } from './dialect.js';

// Frozen in time. Board meetings (and the yearly retreat) as records:
// attendance, an ordered agenda (requests flagged for discussion, free items,
// board hearings), notes and decisions per item, and minutes approved at a
// later meeting, then frozen (the approved text is kept as a snapshot).
export async function up(db: Kysely<unknown>): Promise<void> {
  await withId(db, db.schema.createTable('board_meetings'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('held_on', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text')
    .addColumn('ends_at', 'text')
    .addColumn('place', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('video_url', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('cancelled_at', 'text')
    .addColumn('approved_at', 'text')
    .addColumn('approved_by', 'integer', (c) => c.references('users.id'))
    .addColumn('approved_in_meeting_id', 'integer')
    .addColumn('minutes_snapshot', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('board_meetings_held_idx').on('board_meetings').columns(['held_on']).execute();

  await db.schema
    .createTable('board_meeting_attendance')
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('board_meetings.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('presence', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('board_meeting_attendance_pk', ['meeting_id', 'user_id'])
    .execute();

  await withId(db, db.schema.createTable('board_meeting_items'))
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('board_meetings.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('request_id', 'integer', (c) => c.references('requests.id'))
    .addColumn('title', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('board_meeting_items_meeting_idx')
    .on('board_meeting_items')
    .columns(['meeting_id', 'position'])
    .execute();
  await db.schema
    .createIndex('board_meeting_items_request_idx')
    .on('board_meeting_items')
    .columns(['request_id'])
    .execute();

  await withId(db, db.schema.createTable('board_decisions'))
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('board_meetings.id').onDelete('cascade'))
    .addColumn('item_id', 'integer', (c) => c.notNull().references('board_meeting_items.id').onDelete('cascade'))
    .addColumn('request_id', 'integer', (c) => c.references('requests.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('board_decisions_meeting_idx').on('board_decisions').columns(['meeting_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('board_decisions').execute();
  await db.schema.dropTable('board_meeting_items').execute();
  await db.schema.dropTable('board_meeting_attendance').execute();
  await db.schema.dropTable('board_meetings').execute();
}
