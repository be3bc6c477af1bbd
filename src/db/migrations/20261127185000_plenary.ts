import type { Kysely } from 'kysely';
import { withId } from './dialect.js';

// Frozen in time. The plenary: members' consent to receive its mailings by
// e-mail (with when and how it was given or withdrawn); assemblies with an
// ordered agenda, the convocation sent once (one row per member convened,
// each with its own one-click unsubscribe token, kept hashed), attendance and
// minutes approved then frozen; working groups with their members (board
// accounts or plenary members) and meetings.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('members')
    .addColumn('mail_consent', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('members').addColumn('mail_consent_at', 'text').execute();
  await db.schema.alterTable('members').addColumn('mail_consent_source', 'text').execute();

  await withId(db, db.schema.createTable('plenary_assemblies'))
    .addColumn('title', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('held_on', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text')
    .addColumn('ends_at', 'text')
    .addColumn('place', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('video_url', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('is_public', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('cancelled_at', 'text')
    .addColumn('convocation_sent_at', 'text')
    .addColumn('convocation_sent_by', 'integer', (c) => c.references('users.id'))
    .addColumn('approved_at', 'text')
    .addColumn('approved_by', 'integer', (c) => c.references('users.id'))
    .addColumn('minutes_snapshot', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('plenary_assemblies_held_idx').on('plenary_assemblies').columns(['held_on']).execute();

  await withId(db, db.schema.createTable('plenary_agenda_items'))
    .addColumn('assembly_id', 'integer', (c) => c.notNull().references('plenary_assemblies.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('plenary_agenda_items_assembly_idx')
    .on('plenary_agenda_items')
    .columns(['assembly_id', 'position'])
    .execute();

  await db.schema
    .createTable('plenary_attendance')
    .addColumn('assembly_id', 'integer', (c) => c.notNull().references('plenary_assemblies.id').onDelete('cascade'))
    .addColumn('member_id', 'integer', (c) => c.notNull().references('members.id').onDelete('cascade'))
    .addColumn('presence', 'text', (c) => c.notNull())
    .addColumn('representative', 'text', (c) => c.notNull().defaultTo(''))
    .addPrimaryKeyConstraint('plenary_attendance_pk', ['assembly_id', 'member_id'])
    .execute();

  await withId(db, db.schema.createTable('plenary_convocations'))
    .addColumn('assembly_id', 'integer', (c) => c.notNull().references('plenary_assemblies.id').onDelete('cascade'))
    .addColumn('member_id', 'integer', (c) => c.notNull().references('members.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('plenary_convocations_once', ['assembly_id', 'member_id'])
    .execute();

  await withId(db, db.schema.createTable('working_groups'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('working_group_members'))
    .addColumn('group_id', 'integer', (c) => c.notNull().references('working_groups.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('cascade'))
    .addColumn('member_id', 'integer', (c) => c.references('members.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('working_group_members_user', ['group_id', 'user_id'])
    .addUniqueConstraint('working_group_members_member', ['group_id', 'member_id'])
    .execute();

  await withId(db, db.schema.createTable('working_group_meetings'))
    .addColumn('group_id', 'integer', (c) => c.notNull().references('working_groups.id').onDelete('cascade'))
    .addColumn('held_on', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text')
    .addColumn('place', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('working_group_meetings_group_idx')
    .on('working_group_meetings')
    .columns(['group_id', 'held_on'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'working_group_meetings',
    'working_group_members',
    'working_groups',
    'plenary_convocations',
    'plenary_attendance',
    'plenary_agenda_items',
    'plenary_assemblies',
  ])
    await db.schema.dropTable(table).execute();
  await db.schema.alterTable('members').dropColumn('mail_consent_source').execute();
  await db.schema.alterTable('members').dropColumn('mail_consent_at').execute();
  await db.schema.alterTable('members').dropColumn('mail_consent').execute();
}
