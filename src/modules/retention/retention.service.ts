import type { RetentionDelays } from '../../config.js';
import type { Db, Trx } from '../../db/index.js';
import type { Vault } from '../../lib/vault.js';
import { isoDaysFrom, nowIso } from '../../lib/time.js';
import { recordAudit } from '../audit/audit.service.js';
import { purgeSentMailBodies } from '../mail/mail.service.js';
import { reduceSubscriberToProof } from './retention.queries.js';

/** What one retention run erased: counts only, never what they were. */
export interface RetentionCounts {
  identities: number;
  unsubscribed: number;
  mailBodies: number;
  sessions: number;
  tokens: number;
}

function daysBefore(now: Date, days: number): string {
  return isoDaysFrom(now, -days);
}

/** Identities of requests closed more than `days` ago. The request and every statistic stay. */
async function eraseIdentities(trx: Trx, now: Date, days: number): Promise<number> {
  const result = await trx
    .deleteFrom('requester_identities')
    .where('request_id', 'in', (eb) =>
      eb
        .selectFrom('requests')
        .select('id')
        .where('status', '=', 'closed')
        .where('closed_at', 'is not', null)
        .where('closed_at', '<', daysBefore(now, days)),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Addresses unsubscribed (or bounced) more than `days` ago are replaced by a
 * keyed fingerprint: the dates and the status stay (the newsletter's yearly
 * figures need them), and an address someone gives later can still be shown
 * to have unsubscribed on that date.
 */
async function reduceUnsubscribed(trx: Trx, vault: Vault, now: Date, days: number): Promise<number> {
  const rows = await trx
    .selectFrom('newsletter_subscribers')
    .select(['id', 'email'])
    .where('status', 'in', ['unsubscribed', 'bounced'])
    .where('unsubscribed_at', '<', daysBefore(now, days))
    .where('email', 'like', '%@%')
    .execute();
  for (const row of rows) await reduceSubscriberToProof(trx, vault, row, now);
  return rows.length;
}

/**
 * Sessions past their end or idle limit, second-factor challenges past their
 * delay, and password, welcome and reset links used or expired.
 */
async function clearSessionsAndTokens(
  trx: Trx,
  now: Date,
  idleMinutes: number,
): Promise<{ sessions: number; tokens: number }> {
  const at = nowIso(now);
  const idleSince = nowIso(new Date(now.getTime() - idleMinutes * 60_000));
  const sessions = await trx
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('expires_at', '<=', at), eb('last_seen_at', '<=', idleSince)]))
    .executeTakeFirst();
  const challenges = await trx.deleteFrom('auth_challenges').where('expires_at', '<=', at).executeTakeFirst();
  const links = await trx
    .deleteFrom('password_resets')
    .where((eb) => eb.or([eb('used_at', 'is not', null), eb('expires_at', '<=', at)]))
    .executeTakeFirst();
  return {
    sessions: Number(sessions.numDeletedRows),
    tokens: Number(challenges.numDeletedRows) + Number(links.numDeletedRows),
  };
}

export interface RetentionOptions {
  vault: Vault;
  delays: RetentionDelays;
  /** SESSION_IDLE_MINUTES: a session unused this long is over. */
  sessionIdleMinutes: number;
}

/**
 * Everything the retention delays say is due at `now`, in one transaction
 * with the audit entry that records the counts (so a run retried after a crash
 * never records twice what it did once).
 */
export async function applyRetention(db: Db, now: Date, options: RetentionOptions): Promise<RetentionCounts> {
  return db.transaction().execute(async (trx) => {
    const { delays } = options;
    const identities = await eraseIdentities(trx, now, delays.identityDays);
    const unsubscribed = await reduceUnsubscribed(trx, options.vault, now, delays.unsubscribedDays);
    const mailBodies = await purgeSentMailBodies(trx, now, delays.mailBodyDays);
    const { sessions, tokens } = await clearSessionsAndTokens(trx, now, options.sessionIdleMinutes);
    const counts = { identities, unsubscribed, mailBodies, sessions, tokens };
    await recordAudit(
      trx,
      { actorId: null, action: 'retention.run', entityType: 'retention', summary: retentionSummary(counts) },
      now,
    );
    return counts;
  });
}

/** « identités effacées : 2, adresses réduites : 0, … » — French, counts only. */
function retentionSummary(c: RetentionCounts): string {
  return [
    `identités de demandeurs effacées : ${c.identities}`,
    `adresses désinscrites réduites à une preuve : ${c.unsubscribed}`,
    `contenus d’e-mails effacés : ${c.mailBodies}`,
    `sessions closes : ${c.sessions}`,
    `liens et codes périmés effacés : ${c.tokens}`,
  ].join(', ');
}
