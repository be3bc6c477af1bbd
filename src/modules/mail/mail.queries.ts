import type { Db } from '../../db/index.js';
import type { MailOutboxRow } from '../../db/schema.js';
import { skippingLockedRows } from '../../db/skip-locked.js';
import { nowIso } from '../../lib/time.js';

/**
 * Claims up to `limit` due messages for one sender: their next attempt moves
 * to `leaseUntil`, in the same statement that picks them, so another process
 * flushing at the same time takes other rows (PostgreSQL skips the rows being
 * claimed; SQLite runs one writer at a time). A sender that dies while
 * sending leaves its rows due again once the lease is over.
 */
export async function claimDueMail(db: Db, now: Date, leaseUntil: Date, limit: number): Promise<MailOutboxRow[]> {
  return db
    .updateTable('mail_outbox')
    .set({ next_attempt_at: nowIso(leaseUntil) })
    .where('id', 'in', (eb) =>
      skippingLockedRows(
        db,
        eb
          .selectFrom('mail_outbox')
          .select('id')
          .where('status', '=', 'queued')
          .where('next_attempt_at', '<=', nowIso(now))
          .orderBy('id')
          .limit(limit),
      ),
    )
    .returningAll()
    .execute();
}
