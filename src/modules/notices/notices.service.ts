import type { Db, DbOrTrx } from '../../db/index.js';
import type { NoticeReason } from '../../db/schema.js';
import { nowIso } from '../../lib/time.js';
import { activeBoardMembers } from '../auth/auth.board.service.js';
import type { MailContext } from '../mail/mail.context.js';
import { queueMails, type OutgoingMail } from '../mail/mail.service.js';
import { noticeMail, type NoticeLine } from './notices.mail.js';
import { updateNoticePreferences, type NoticePreferences } from './notices.preferences.queries.js';

/**
 * E-mail notices to board members: a request assigned to them, or flagged for
 * the board. A notice is written in the transaction of the change (so it
 * exists exactly when the change does); the `notices.send` job turns pending
 * notices into one e-mail per person, with references and links only.
 */

/** Notices for these people (never the one who made the change: they know). */
export async function recordNotices(
  trx: DbOrTrx,
  notice: { requestId: number; userIds: readonly number[]; reason: NoticeReason; actorId: number | null },
  now: Date = new Date(),
): Promise<void> {
  const userIds = [...new Set(notice.userIds)].filter((id) => id !== notice.actorId);
  if (userIds.length === 0) return;
  await trx
    .insertInto('request_notices')
    .values(
      userIds.map((user_id) => ({
        user_id,
        request_id: notice.requestId,
        reason: notice.reason,
        created_at: nowIso(now),
      })),
    )
    .execute();
}

/** A request is flagged « à discuter en bureau »: every active board member is told. */
export async function recordFlagged(
  trx: DbOrTrx,
  requestId: number,
  actorId: number | null,
  now: Date = new Date(),
): Promise<void> {
  const members = await activeBoardMembers(trx);
  await recordNotices(trx, { requestId, userIds: members.map((m) => m.id), reason: 'flagged', actorId }, now);
}

/**
 * Sends the pending notices: each is claimed (deleted) and its e-mail queued
 * in one transaction, so that two processes never send the same notice. A
 * person who turned that kind of notice off, left the board or was
 * deactivated gets nothing. Returns the number of e-mails queued.
 */
export async function deliverNotices(db: Db, mail: MailContext, now: Date = new Date()): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const claimed = await trx.deleteFrom('request_notices').returningAll().execute();
    if (claimed.length === 0) return 0;
    const members = new Map((await activeBoardMembers(trx)).map((m) => [m.id, m]));
    const userIds = [...new Set(claimed.map((n) => n.user_id))];
    const prefs = await trx
      .selectFrom('users')
      .select(['id', 'notify_assigned', 'notify_flagged'])
      .where('id', 'in', userIds)
      .execute();
    const wants = new Map(
      prefs.map((p) => [p.id, { assigned: p.notify_assigned === 1, flagged: p.notify_flagged === 1 }]),
    );
    const requestIds = [...new Set(claimed.map((n) => n.request_id))];
    const references = new Map(
      (await trx.selectFrom('requests').select(['id', 'reference']).where('id', 'in', requestIds).execute()).map(
        (r) => [r.id, r.reference],
      ),
    );
    const mails: OutgoingMail[] = [];
    for (const userId of userIds) {
      const member = members.get(userId);
      const wanted = wants.get(userId);
      if (!member || !wanted) continue;
      const lines: NoticeLine[] = [];
      const seen = new Set<string>();
      for (const n of claimed.filter((c) => c.user_id === userId).sort((a, b) => a.id - b.id)) {
        const reference = references.get(n.request_id);
        const key = `${n.reason}:${n.request_id}`;
        if (!reference || !wanted[n.reason] || seen.has(key)) continue;
        seen.add(key);
        lines.push({ reason: n.reason, requestId: n.request_id, reference });
      }
      if (lines.length) mails.push({ ...noticeMail(lines, mail), to: member.email, purpose: 'notice' });
    }
    await queueMails(trx, mails, now);
    return mails.length;
  });
}

/** A board member turns their own notices on or off (their account, nothing another person sees: no audit entry). */
export async function saveNoticePreferences(db: DbOrTrx, userId: number, prefs: NoticePreferences): Promise<void> {
  await updateNoticePreferences(db, userId, prefs);
}
