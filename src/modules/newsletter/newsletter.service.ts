/*
 * Subscriptions (over 300 lines): sign-up, confirmation, unsubscribe, purge, the board's moderation
 * and the report's figures. Next split: moderation and figures into newsletter.subscribers.service.ts.
 */
import { recordConsent } from '../consent/consent.service.js';
import type { Db, DbOrTrx } from '../../db/index.js';
import { containsText } from '../../db/like.js';
import { foldText } from '../../lib/text.js';
import { isoDaysFrom, nowIso } from '../../lib/time.js';
import { hashToken, randomToken } from '../../lib/tokens.js';
import type { Vault } from '../../lib/vault.js';
import { localePath, translator, type Locale } from '../../web/i18n/index.js';
import type { Assessment } from '../antibot/antibot.service.js';
import { recordAudit } from '../audit/audit.service.js';
import { queueMail } from '../mail/mail.service.js';
import type { MailContext } from '../mail/mail.context.js';
import { asLocale } from '../../web/i18n/index.js';
import { CONFIRM_DAYS, QUARANTINE_DAYS } from '../../lib/signup-delays.js';
import type { Updateable } from 'kysely';
import {
  SUBSCRIBER_STATUSES,
  type NewsletterSubscribersTable,
  type SubscriberSource,
  type SubscriberStatus,
} from '../../db/schema.js';

/**
 * The newsletter: double opt-in subscription, one-click unsubscribe, issues
 * written in Markdown and sent through the mail outbox, one mail per confirmed
 * subscriber. See README.md for the lifecycle and docs/public-site.md.
 */
export { SUBSCRIBER_STATUSES, type SubscriberStatus };

export const SUBSCRIBER_STATUS_LABELS: Record<SubscriberStatus, string> = {
  pending: 'En attente de confirmation',
  confirmed: 'Abonné·e',
  unsubscribed: 'Désinscrit·e',
  quarantined: 'En quarantaine',
  bounced: 'Adresse en erreur (rebond)',
};

export const SOURCE_LABELS: Record<SubscriberSource, string> = {
  form: 'Formulaire newsletter',
  signature: 'Signature du Manifeste',
  demo: 'Démo',
};

const UNSUBSCRIBE_AAD = 'newsletter-unsubscribe';
export type SignupOutcome = 'queued' | 'quarantined' | 'exists';

/** A fresh unsubscribe token: sealed (to write it in every issue) and hashed (to look it up). */
export function newUnsubscribeToken(vault: Vault): { sealed: string; hash: string } {
  const token = randomToken();
  return { sealed: vault.encrypt(token, UNSUBSCRIBE_AAD), hash: hashToken(token) };
}

export function unsubscribeUrl(baseUrl: string, locale: string, sealed: string, vault: Vault): string {
  const token = vault.decrypt(sealed, UNSUBSCRIBE_AAD);
  return `${baseUrl}${localePath(asLocale(locale), '/newsletter/desinscription')}?jeton=${encodeURIComponent(token)}`;
}

async function queueConfirmation(
  db: DbOrTrx,
  email: string,
  locale: Locale,
  token: string,
  mail: MailContext,
  now: Date,
): Promise<void> {
  const t = translator(locale);
  const link = `${mail.baseUrl}${localePath(locale, '/newsletter/confirmer')}?jeton=${encodeURIComponent(token)}`;
  await queueMail(
    db,
    {
      to: email,
      subject: t('mail.newsletter.subject'),
      text: t('mail.newsletter.body', { link, days: CONFIRM_DAYS, organisation: mail.organisationName }),
      purpose: 'newsletter_confirm',
      lang: locale,
    },
    now,
  );
}

function findSubscriberByEmail(db: DbOrTrx, email: string) {
  return db
    .selectFrom('newsletter_subscribers')
    .selectAll()
    .where('email', '=', email.trim().toLowerCase())
    .executeTakeFirst();
}

/**
 * The public form. The same neutral answer whatever happens; a mail goes out
 * only for a new (or formerly unsubscribed) address whose submission passed
 * the defences. Quarantined entries get no mail and wait for the board.
 */
export async function requestSubscription(
  db: Db,
  vault: Vault,
  input: { email: string; locale: Locale; assessment: Assessment },
  mail: MailContext,
  now: Date = new Date(),
): Promise<SignupOutcome> {
  const email = input.email.trim().toLowerCase();
  const accepted = input.assessment.verdict === 'accept';
  const reasons = input.assessment.reasons.join(',');
  return db.transaction().execute(async (trx) => {
    const existing = await findSubscriberByEmail(trx, email);
    if (existing && existing.status !== 'unsubscribed') return 'exists';
    const token = accepted ? randomToken() : null;
    const fields = {
      locale: input.locale,
      status: accepted ? 'pending' : 'quarantined',
      source: 'form',
      quarantine_reasons: reasons,
      confirm_token_hash: token ? hashToken(token) : null,
      confirmed_at: null,
      unsubscribed_at: null,
      expires_at: isoDaysFrom(now, accepted ? CONFIRM_DAYS : QUARANTINE_DAYS),
      updated_at: nowIso(now),
    } satisfies Updateable<NewsletterSubscribersTable>;
    if (existing) {
      await trx.updateTable('newsletter_subscribers').set(fields).where('id', '=', existing.id).execute();
    } else {
      const unsubscribe = newUnsubscribeToken(vault);
      await trx
        .insertInto('newsletter_subscribers')
        .values({
          email,
          ...fields,
          unsubscribe_token_sealed: unsubscribe.sealed,
          unsubscribe_token_hash: unsubscribe.hash,
          created_at: nowIso(now),
        })
        .execute();
    }
    if (!token) return 'quarantined';
    await queueConfirmation(trx, email, input.locale, token, mail, now);
    return 'queued';
  });
}

/**
 * A signature with the newsletter consent: a subscription waiting for the
 * signature's own confirmation (no second link to click). An address already
 * subscribed is left as it is.
 */
export async function addSubscriberFromSignature(
  trx: DbOrTrx,
  vault: Vault,
  input: { email: string; locale: Locale; status: 'pending' | 'quarantined'; reasons: string; expiresAt: string },
  now: Date,
): Promise<void> {
  const existing = await findSubscriberByEmail(trx, input.email);
  const fields = {
    locale: input.locale,
    status: input.status,
    source: 'signature',
    quarantine_reasons: input.reasons,
    confirm_token_hash: null,
    confirmed_at: null,
    unsubscribed_at: null,
    expires_at: input.expiresAt,
    updated_at: nowIso(now),
  } satisfies Updateable<NewsletterSubscribersTable>;
  if (existing) {
    if (existing.status === 'unsubscribed')
      await trx.updateTable('newsletter_subscribers').set(fields).where('id', '=', existing.id).execute();
    return;
  }
  const unsubscribe = newUnsubscribeToken(vault);
  await trx
    .insertInto('newsletter_subscribers')
    .values({
      email: input.email,
      ...fields,
      unsubscribe_token_sealed: unsubscribe.sealed,
      unsubscribe_token_hash: unsubscribe.hash,
      created_at: nowIso(now),
    })
    .execute();
}

/** The signature's confirmation proved the address: its waiting subscription is confirmed too. */
export async function confirmSubscriberFromSignature(trx: DbOrTrx, email: string, now: Date): Promise<void> {
  await trx
    .updateTable('newsletter_subscribers')
    .set({
      status: 'confirmed',
      confirmed_at: nowIso(now),
      confirm_token_hash: null,
      expires_at: null,
      quarantine_reasons: '',
      updated_at: nowIso(now),
    })
    .where('email', '=', email)
    .where('source', '=', 'signature')
    .where('status', 'in', ['pending', 'quarantined'])
    .execute();
}

/** A signature released from quarantine: its waiting subscription follows it. */
export async function followSignature(
  trx: DbOrTrx,
  email: string,
  change: { status: 'pending' | 'delete'; expiresAt?: string },
  now: Date,
): Promise<void> {
  if (change.status === 'delete') {
    await trx
      .deleteFrom('newsletter_subscribers')
      .where('email', '=', email)
      .where('source', '=', 'signature')
      .where('status', 'in', ['pending', 'quarantined'])
      .execute();
    return;
  }
  await trx
    .updateTable('newsletter_subscribers')
    .set({ status: 'pending', expires_at: change.expiresAt ?? null, updated_at: nowIso(now) })
    .where('email', '=', email)
    .where('source', '=', 'signature')
    .where('status', 'in', ['pending', 'quarantined'])
    .execute();
}

export async function findPendingByConfirmToken(db: DbOrTrx, token: string, now: Date = new Date()) {
  if (!token) return undefined;
  return db
    .selectFrom('newsletter_subscribers')
    .select(['id', 'locale'])
    .where('confirm_token_hash', '=', hashToken(token))
    .where('status', '=', 'pending')
    .where('expires_at', '>', nowIso(now))
    .executeTakeFirst();
}

/**
 * A confirmation link opened again after it served: the subscription it
 * confirmed is still on. (The link's hash is kept until unsubscribing.)
 */
export async function isConfirmedByToken(db: DbOrTrx, token: string): Promise<boolean> {
  if (!token) return false;
  const row = await db
    .selectFrom('newsletter_subscribers')
    .select('id')
    .where('confirm_token_hash', '=', hashToken(token))
    .where('status', '=', 'confirmed')
    .executeTakeFirst();
  return row !== undefined;
}

/** The POST behind the confirmation button (a GET never confirms). */
export async function confirmSubscription(db: Db, token: string, now: Date = new Date()): Promise<boolean> {
  const row = await findPendingByConfirmToken(db, token, now);
  if (!row) return false;
  return db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('newsletter_subscribers')
      .set({
        status: 'confirmed',
        confirmed_at: nowIso(now),
        expires_at: null,
        updated_at: nowIso(now),
      })
      .where('id', '=', row.id)
      .where('status', '=', 'pending')
      .returning('email')
      .executeTakeFirst();
    if (!result) return false;
    await recordConsent(
      trx,
      { email: result.email, purposes: ['newsletter'], action: 'given', form: 'newsletter' },
      now,
    );
    return true;
  });
}

export function findByUnsubscribeToken(db: DbOrTrx, token: string) {
  if (!token) return Promise.resolve(undefined);
  return db
    .selectFrom('newsletter_subscribers')
    .select(['id', 'status', 'locale'])
    .where('unsubscribe_token_hash', '=', hashToken(token))
    .executeTakeFirst();
}

/** One click, idempotent: a valid token always ends unsubscribed. */
export async function unsubscribe(db: Db, token: string, now: Date = new Date()): Promise<boolean> {
  const row = await findByUnsubscribeToken(db, token);
  if (!row) return false;
  if (row.status !== 'unsubscribed') {
    await db.transaction().execute(async (trx) => {
      const done = await trx
        .updateTable('newsletter_subscribers')
        .set({
          status: 'unsubscribed',
          unsubscribed_at: nowIso(now),
          confirm_token_hash: null,
          expires_at: null,
          updated_at: nowIso(now),
        })
        .where('id', '=', row.id)
        .where('status', '!=', 'unsubscribed')
        .returning('email')
        .executeTakeFirst();
      if (done)
        await recordConsent(
          trx,
          { email: done.email, purposes: ['newsletter'], action: 'withdrawn', form: 'unsubscribe' },
          now,
        );
    });
  }
  return true;
}

/** Pending and quarantined subscriptions past their delay are erased. */
export async function purgeExpiredSubscribers(db: DbOrTrx, now: Date = new Date()): Promise<number> {
  const result = await db
    .deleteFrom('newsletter_subscribers')
    .where('status', 'in', ['pending', 'quarantined'])
    .where('expires_at', '<', nowIso(now))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

// ——— Back office ———

export interface SubscriberFilter {
  status?: SubscriberStatus | undefined;
  q?: string | undefined;
  page: number;
  pageSize: number;
}

export async function listSubscribers(db: DbOrTrx, f: SubscriberFilter) {
  let q = db.selectFrom('newsletter_subscribers');
  if (f.status) q = q.where('status', '=', f.status);
  const term = foldText(f.q ?? '');
  if (term) q = q.where(containsText('email', term));
  const [rows, total] = await Promise.all([
    q
      .select([
        'id',
        'email',
        'locale',
        'status',
        'source',
        'quarantine_reasons',
        'created_at',
        'confirmed_at',
        'unsubscribed_at',
      ])
      .orderBy('id', 'desc')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export async function subscriberCounts(db: DbOrTrx): Promise<Record<SubscriberStatus, number>> {
  const rows = await db
    .selectFrom('newsletter_subscribers')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  const counts: Record<SubscriberStatus, number> = {
    pending: 0,
    confirmed: 0,
    unsubscribed: 0,
    quarantined: 0,
    bounced: 0,
  };
  for (const r of rows) counts[r.status] = Number(r.n);
  return counts;
}

/** Confirmed subscribers by the language they chose (what an issue will reach). */
export async function confirmedByLocale(db: DbOrTrx): Promise<Record<Locale, number>> {
  const rows = await db
    .selectFrom('newsletter_subscribers')
    .select(['locale', (eb) => eb.fn.countAll<number>().as('n')])
    .where('status', '=', 'confirmed')
    .groupBy('locale')
    .execute();
  const out: Record<Locale, number> = { fr: 0, nl: 0, en: 0 };
  for (const r of rows) out[asLocale(r.locale)] += Number(r.n);
  return out;
}

/** The board lets a quarantined subscription through: the confirmation mail goes out now. */
export async function releaseSubscriber(
  db: Db,
  id: number,
  mail: MailContext,
  actorId: number | null,
  now: Date = new Date(),
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('newsletter_subscribers')
      .selectAll()
      .where('id', '=', id)
      .where('status', '=', 'quarantined')
      .executeTakeFirst();
    if (!row) return false;
    const token = randomToken();
    await trx
      .updateTable('newsletter_subscribers')
      .set({
        status: 'pending',
        confirm_token_hash: hashToken(token),
        expires_at: isoDaysFrom(now, CONFIRM_DAYS),
        updated_at: nowIso(now),
      })
      .where('id', '=', id)
      .execute();
    await queueConfirmation(trx, row.email, asLocale(row.locale), token, mail, now);
    await recordAudit(
      trx,
      {
        actorId,
        action: 'newsletter.moderate',
        entityType: 'newsletter',
        entityId: id,
        summary: 'quarantaine levée, e-mail de confirmation envoyé',
      },
      now,
    );
    return true;
  });
}

/** Board actions on one subscriber: a bounce reported by the mailbox, or erasure on request. */
export async function moderateSubscriber(
  db: Db,
  id: number,
  action: 'bounced' | 'delete',
  actorId: number | null,
  now: Date = new Date(),
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('newsletter_subscribers')
      .select(['id', 'status'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) return false;
    if (action === 'delete') await trx.deleteFrom('newsletter_subscribers').where('id', '=', id).execute();
    else
      await trx
        .updateTable('newsletter_subscribers')
        .set({
          status: 'bounced',
          unsubscribed_at: nowIso(now),
          confirm_token_hash: null,
          expires_at: null,
          updated_at: nowIso(now),
        })
        .where('id', '=', id)
        .execute();
    await recordAudit(
      trx,
      {
        actorId,
        action: 'newsletter.moderate',
        entityType: 'newsletter',
        entityId: id,
        summary: action === 'delete' ? 'abonné·e effacé·e' : 'adresse marquée en erreur (rebond)',
      },
      now,
    );
    return true;
  });
}

/**
 * The report's key figure: subscribers confirmed at the end of `year` (those
 * confirmed by then, minus those who had left — unsubscribed or bounced — by then).
 */
export async function newsletterFigures(db: DbOrTrx, year: number): Promise<{ 'newsletter.subscribers': number }> {
  const end = `${year + 1}-01-01`;
  const row = await db
    .selectFrom('newsletter_subscribers')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('confirmed_at', 'is not', null)
    .where('confirmed_at', '<', end)
    .where((eb) =>
      eb.or([
        eb('status', '=', 'confirmed'),
        eb.and([eb('status', 'in', ['unsubscribed', 'bounced']), eb('unsubscribed_at', '>=', end)]),
      ]),
    )
    .executeTakeFirstOrThrow();
  return { 'newsletter.subscribers': Number(row.n) };
}
