import type { Db } from '../../db/index.js';
import type { ConsentPurpose } from '../../db/schema.js';
import type { Vault } from '../../lib/vault.js';
import { nowIso } from '../../lib/time.js';
import type { CurrentUser } from '../../web/access.js';
import { recordAudit } from '../audit/audit.service.js';
import { recordConsent } from '../consent/consent.service.js';
import { addressProof, reduceSubscriberToProof } from '../retention/retention.queries.js';
import { collectPerson, recordCounts, type PersonQuery } from './people.search.service.js';

/**
 * Erases a person on request, in one transaction. Rows that statistics count
 * stay, emptied of everything that identifies: a signature keeps its kind,
 * status and dates (the Manifesto's counts), a subscription its status and
 * dates (the newsletter's yearly figures), a member their kind and dates; a
 * requester identity is deleted (the request stays); e-mails sent to them
 * lose address and content; their consents are kept under a fingerprint, and
 * each consent still given is withdrawn. Accounts of volunteers are not
 * erased here: an administrator deactivates them (the audit trail names them).
 */
export async function erasePerson(
  db: Db,
  vault: Vault,
  q: PersonQuery,
  actor: CurrentUser,
  now: Date = new Date(),
): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const { record } = await collectPerson(trx, vault, q);
    const at = nowIso(now);
    for (const s of record.signatures) {
      await trx
        .updateTable('signatures')
        .set({
          name: 'Signature effacée',
          function_or_org: '',
          town: '',
          email: addressProof(vault, s.email),
          show_publicly: 0,
          newsletter: 0,
          contact: 0,
          hidden: 1,
          search_text: '',
          token_hash: null,
          quarantine_reasons: '',
          updated_at: at,
        })
        .where('id', '=', s.id)
        .execute();
    }
    for (const sub of record.subscriptions) {
      if (sub.email === null) continue;
      if (!['unsubscribed', 'bounced'].includes(sub.status))
        await trx
          .updateTable('newsletter_subscribers')
          .set({ status: 'unsubscribed', unsubscribed_at: at, expires_at: null })
          .where('id', '=', sub.id)
          .execute();
      await reduceSubscriberToProof(trx, vault, { id: sub.id, email: sub.email }, now);
    }
    for (const m of record.members) {
      await trx
        .updateTable('members')
        .set({
          name: `Membre effacé·e (n° ${m.id})`,
          contact_email: '',
          contact_phone: '',
          notes: '',
          show_publicly: 0,
          updated_at: at,
        })
        .where('id', '=', m.id)
        .execute();
    }
    const requestIds = record.requests.map((r) => r.requestId);
    if (requestIds.length) await trx.deleteFrom('requester_identities').where('request_id', 'in', requestIds).execute();
    if (record.mails.length)
      await trx
        .updateTable('mail_outbox')
        .set({ to_address: addressProof(vault, q.email ?? ''), text_body: '', html_body: null, headers: null })
        .where(
          'id',
          'in',
          record.mails.map((m) => m.id),
        )
        .execute();

    // The ledger: what was still agreed to is withdrawn, then every row keeps only a fingerprint.
    const still = new Map<string, Set<ConsentPurpose>>();
    for (const c of record.consents) {
      const key = c.email ?? `nom:${c.name ?? ''}`;
      const set = still.get(key) ?? new Set<ConsentPurpose>();
      if (c.action === 'given') set.add(c.purpose);
      else set.delete(c.purpose);
      still.set(key, set);
    }
    const proofOf = (key: string) => addressProof(vault, key);
    for (const c of record.consents)
      await trx
        .updateTable('consent_events')
        .set({ email: proofOf(c.email ?? `nom:${c.name ?? ''}`), name: null })
        .where('id', '=', c.id)
        .execute();
    for (const [key, purposes] of still)
      await recordConsent(
        trx,
        { email: proofOf(key), purposes: [...purposes], action: 'withdrawn', form: 'erasure' },
        now,
      );

    const summary = `effacé : ${recordCounts(record)} (comptes de bénévoles non effacés : ${record.accounts.length})`;
    await recordAudit(trx, { actorId: actor.id, action: 'person.erase', entityType: 'person', summary }, now);
    return summary;
  });
}
