import type { Db, DbOrTrx } from '../../db/index.js';
import type { Vault } from '../../lib/vault.js';
import type { CurrentUser } from '../../web/access.js';
import { recordAudit } from '../audit/audit.service.js';
import { consentsOf, type ConsentRow } from '../consent/consent.service.js';
import { addressProof } from '../retention/retention.queries.js';
import { openIdentity, type RequesterIdentity } from '../requests/requests.service.js';

/** Who the board looks for: an address, a name, or both (either matches). */
export interface PersonQuery {
  email: string | null;
  name: string | null;
}

/** Everything Vigie holds about one person, as exported (JSON) and shown. */
export interface PersonRecord {
  query: PersonQuery;
  signatures: Array<{
    id: number;
    kind: string;
    name: string;
    functionOrOrg: string;
    town: string;
    email: string;
    locale: string;
    showPublicly: boolean;
    newsletter: boolean;
    contact: boolean;
    status: string;
    createdAt: string;
    confirmedAt: string | null;
  }>;
  subscriptions: Array<{
    id: number;
    email: string | null;
    /** The address was already reduced to a fingerprint (retention): only the dates remain. */
    reduced: boolean;
    locale: string;
    status: string;
    source: string;
    createdAt: string;
    confirmedAt: string | null;
    unsubscribedAt: string | null;
  }>;
  members: Array<{
    id: number;
    kind: string;
    name: string;
    contactEmail: string;
    contactPhone: string;
    joinedOn: string | null;
    leftOn: string | null;
    showPublicly: boolean;
    notes: string;
  }>;
  requests: Array<{
    requestId: number;
    reference: string;
    receivedOn: string;
    status: string;
    subject: string;
    identity: RequesterIdentity;
  }>;
  accounts: Array<{ id: number; email: string; displayName: string; active: boolean; createdAt: string }>;
  mails: Array<{
    id: number;
    subject: string;
    purpose: string;
    status: string;
    createdAt: string;
    sentAt: string | null;
  }>;
  consents: ConsentRow[];
}

/** Names compared without case, accents or repeated spaces. */
function foldName(value: string): string {
  return value.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

export function recordIsEmpty(r: PersonRecord): boolean {
  return (
    r.signatures.length + r.subscriptions.length + r.members.length + r.requests.length + r.accounts.length === 0 &&
    r.mails.length + r.consents.length === 0
  );
}

/**
 * Every requester identity is decrypted to compare it, in memory, only here:
 * the caller records the search in the audit trail.
 */
async function matchingIdentities(db: DbOrTrx, vault: Vault, q: PersonQuery, name: string | null) {
  const rows = await db
    .selectFrom('requester_identities')
    .innerJoin('requests', 'requests.id', 'requester_identities.request_id')
    .select([
      'requester_identities.request_id',
      'requester_identities.ciphertext',
      'requests.reference',
      'requests.received_on',
      'requests.status',
      'requests.subject',
    ])
    .execute();
  const found: PersonRecord['requests'] = [];
  for (const row of rows) {
    const identity = openIdentity(vault, row.ciphertext, row.request_id);
    const byEmail = q.email !== null && identity.email.trim().toLowerCase() === q.email;
    const byName = name !== null && foldName(identity.name) === name;
    if (byEmail || byName)
      found.push({
        requestId: row.request_id,
        reference: row.reference,
        receivedOn: row.received_on,
        status: row.status,
        subject: row.subject,
        identity,
      });
  }
  return { found, decrypted: rows.length };
}

/** Finds everything held about a person, without recording anything (erasure reuses it). */
export async function collectPerson(db: DbOrTrx, vault: Vault, q: PersonQuery) {
  const name = q.name ? foldName(q.name) : null;
  const email = q.email;
  const proof = email ? addressProof(vault, email) : null;
  const byName = <T extends { name: string }>(rows: T[]) =>
    rows.filter((r) => name !== null && foldName(r.name) === name);

  const signatureRows = await db.selectFrom('signatures').selectAll().execute();
  const signatures = signatureRows.filter((r) => r.email === email || byName([r]).length > 0);
  const subscriptionRows = email
    ? await db
        .selectFrom('newsletter_subscribers')
        .selectAll()
        .where('email', 'in', [email, proof ?? email])
        .execute()
    : [];
  const memberRows = await db.selectFrom('members').selectAll().execute();
  const members = memberRows.filter(
    (r) => (email !== null && r.contact_email.toLowerCase() === email) || byName([r]).length > 0,
  );
  const { found: requests, decrypted } = await matchingIdentities(db, vault, q, name);
  const accounts = email ? await db.selectFrom('users').selectAll().where('email', '=', email).execute() : [];
  const mails = email
    ? await db
        .selectFrom('mail_outbox')
        .select(['id', 'subject', 'purpose', 'status', 'created_at', 'sent_at'])
        .where('to_address', '=', email)
        .orderBy('id')
        .execute()
    : [];
  const consents = await consentsOf(db, { email, name: q.name });
  const record: PersonRecord = {
    query: q,
    signatures: signatures.map((r) => ({
      id: r.id,
      kind: r.kind,
      name: r.name,
      functionOrOrg: r.function_or_org,
      town: r.town,
      email: r.email,
      locale: r.locale,
      showPublicly: r.show_publicly === 1,
      newsletter: r.newsletter === 1,
      contact: r.contact === 1,
      status: r.status,
      createdAt: r.created_at,
      confirmedAt: r.confirmed_at,
    })),
    subscriptions: subscriptionRows.map((r) => ({
      id: r.id,
      email: r.email === proof ? null : r.email,
      reduced: r.email === proof,
      locale: r.locale,
      status: r.status,
      source: r.source,
      createdAt: r.created_at,
      confirmedAt: r.confirmed_at,
      unsubscribedAt: r.unsubscribed_at,
    })),
    members: members.map((r) => ({
      id: r.id,
      kind: r.kind,
      name: r.name,
      contactEmail: r.contact_email,
      contactPhone: r.contact_phone,
      joinedOn: r.joined_on,
      leftOn: r.left_on,
      showPublicly: r.show_publicly === 1,
      notes: r.notes,
    })),
    requests,
    accounts: accounts.map((r) => ({
      id: r.id,
      email: r.email,
      displayName: r.display_name,
      active: r.active === 1,
      createdAt: r.created_at,
    })),
    mails: mails.map((m) => ({
      id: m.id,
      subject: m.subject,
      purpose: m.purpose,
      status: m.status,
      createdAt: m.created_at,
      sentAt: m.sent_at,
    })),
    consents,
  };
  return { record, decrypted };
}

/** Counts only: what the audit trail may say about a search, an export or an erasure. */
export function recordCounts(r: PersonRecord): string {
  return [
    `signatures : ${r.signatures.length}`,
    `abonnements : ${r.subscriptions.length}`,
    `membres : ${r.members.length}`,
    `identités de demandeurs : ${r.requests.length}`,
    `comptes : ${r.accounts.length}`,
    `e-mails : ${r.mails.length}`,
    `consentements : ${r.consents.length}`,
  ].join(', ');
}

/** The board's search (or export): the identities decrypted for it are recorded in the audit trail. */
export async function findPerson(
  db: Db,
  vault: Vault,
  q: PersonQuery,
  actor: CurrentUser,
  action: 'person.search' | 'person.export' = 'person.search',
  now: Date = new Date(),
): Promise<PersonRecord> {
  const { record, decrypted } = await collectPerson(db, vault, q);
  await recordAudit(
    db,
    {
      actorId: actor.id,
      action,
      entityType: 'person',
      summary: `identités déchiffrées pour comparer : ${decrypted} ; trouvé : ${recordCounts(record)}`,
    },
    now,
  );
  return record;
}
