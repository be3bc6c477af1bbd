import type { Kysely } from 'kysely';
import { withId } from './dialect.js';

// Frozen in time. The helpline rota: one row per shift (a date and the
// slot's hours), the board member who holds it, when their reminder and the
// board's « nobody yet » alert were sent; and swaps proposed between two
// members' shifts, accepted or declined by the other member.
export async function up(db: Kysely<unknown>): Promise<void> {
  await withId(db, db.schema.createTable('helpline_shifts'))
    .addColumn('held_on', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('reminder_sent_at', 'text')
    .addColumn('alert_sent_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('helpline_shifts_slot_uq', ['held_on', 'starts_at'])
    .execute();

  await withId(db, db.schema.createTable('helpline_shift_swaps'))
    .addColumn('from_shift_id', 'integer', (c) => c.notNull().references('helpline_shifts.id').onDelete('cascade'))
    .addColumn('to_shift_id', 'integer', (c) => c.notNull().references('helpline_shifts.id').onDelete('cascade'))
    .addColumn('requested_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('asked_user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('helpline_shift_swaps').execute();
  await db.schema.dropTable('helpline_shifts').execute();
}
