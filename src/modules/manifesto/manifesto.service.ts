/*
 * Signatures (over 300 lines): grouped submission (SQLite and PostgreSQL paths), confirmation, purge,
 * versions of the text and the report's figures. Next split: versions and figures into
 * manifesto.versions.service.ts.
 */
import { recordConsent, signaturePurposes } from '../consent/consent.service.js';
import { sql, type Insertable } from 'kysely';
import type { Database, SignaturesTable } from '../../db/schema.js';
import { isPostgresDb, type Db, type DbOrTrx } from '../../db/index.js';
import { foldText } from '../../lib/text.js';
import { isoDaysFrom, nowIso } from '../../lib/time.js';
import { hashToken, randomToken } from '../../lib/tokens.js';
import type { Vault } from '../../lib/vault.js';
import { LOCALE_NAMES_FR, localePath, translator, type Locale } from '../../web/i18n/index.js';
import type { Assessment } from '../antibot/antibot.service.js';
import { recordAudit } from '../audit/audit.service.js';
import { queueMail, queueMails, type OutgoingMail } from '../mail/mail.service.js';
import {
  addSubscriberFromSignature,
  newUnsubscribeToken,
  confirmSubscriberFromSignature,
  purgeExpiredSubscribers,
  type SignupOutcome,
} from '../newsletter/newsletter.service.js';
import { type SignInput, type VersionInput } from './manifesto.schemas.js';
import type { MailContext } from '../mail/mail.context.js';
import { CONFIRM_DAYS, QUARANTINE_DAYS } from '../../lib/signup-delays.js';

/**
 * Signatures of the Manifesto: double opt-in, quarantine, moderation, expiry.
 * Lifecycle and delays: README.md and docs/public-site.md.
 */

function searchText(s: { name: string; function_or_org: string; town: string; email: string }): string {
  return foldText(`${s.name} ${s.function_or_org} ${s.town} ${s.email}`);
}

function signatureMail(
  to: string,
  locale: Locale,
  token: string,
  newsletter: boolean,
  mail: MailContext,
): OutgoingMail {
  const t = translator(locale);
  const link = `${mail.baseUrl}${localePath(locale, '/manifeste/confirmer')}?jeton=${encodeURIComponent(token)}`;
  let text = t('mail.signature.body', { link, days: CONFIRM_DAYS, organisation: mail.organisationName });
  if (newsletter)
    text = text.replace(
      `\n\n${mail.organisationName}`,
      `\n\n${t('mail.signature.newsletter')}\n\n${mail.organisationName}`,
    );
  return { to, subject: t('mail.signature.subject'), text, purpose: 'signature_confirm', lang: locale };
}

export async function queueSignatureMail(
  db: DbOrTrx,
  to: string,
  locale: Locale,
  token: string,
  newsletter: boolean,
  mail: MailContext,
  now: Date,
): Promise<void> {
  await queueMail(db, signatureMail(to, locale, token, newsletter, mail), now);
}

/** One submission of the public form, already assessed by the anti-bot defences. */
export interface SignatureSubmission {
  input: SignInput;
  locale: Locale;
  assessment: Assessment;
  mail: MailContext;
}

/**
 * Signatures from the public form, already assessed by the anti-bot
 * defences (a `reject` never reaches here: the route answers 429), saved
 * together in one transaction (the route groups concurrent submissions:
 * a GroupCommit in manifesto.public.routes.tsx, src/lib/group-commit.ts). For each, in order:
 * - accepted → pending, one confirmation mail in the signer's language;
 * - suspicious → quarantined, no mail, the board reviews it;
 * - the address has already signed (before, or earlier in the same group)
 *   → nothing at all (the page says the same).
 * The unique index on the address decides: no look-up before the insert.
 */
export async function submitSignatures(
  db: Db,
  vault: Vault,
  items: readonly SignatureSubmission[],
  now: Date = new Date(),
): Promise<SignupOutcome[]> {
  const outcomes: SignupOutcome[] = items.map(() => 'exists');
  const first = new Map<string, number>();
  items.forEach((item, i) => {
    const email = item.input.email.trim().toLowerCase();
    if (!first.has(email)) first.set(email, i);
  });
  if (first.size === 0) return outcomes;
  const created = nowIso(now);
  const entries: SignatureEntry[] = [...first].map(([email, i]) => {
    const item = items[i] as SignatureSubmission;
    const { input, assessment } = item;
    const accepted = assessment.verdict === 'accept';
    const token = accepted ? randomToken() : null;
    const expiresAt = isoDaysFrom(now, accepted ? CONFIRM_DAYS : QUARANTINE_DAYS);
    const text = { name: input.name, function_or_org: input.functionOrOrg, town: input.town, email };
    const row = {
      kind: input.kind,
      ...text,
      locale: item.locale,
      show_publicly: input.showPublicly ? 1 : 0,
      newsletter: input.newsletter ? 1 : 0,
      contact: input.contact ? 1 : 0,
      hidden: 0,
      status: accepted ? 'pending' : 'quarantined',
      quarantine_reasons: assessment.reasons.join(','),
      search_text: searchText(text),
      token_hash: token ? hashToken(token) : null,
      created_at: created,
      confirmed_at: null,
      expires_at: expiresAt,
      updated_at: created,
    } satisfies Insertable<SignaturesTable>;
    return { i, email, item, accepted, token, expiresAt, row };
  });
  if (isPostgresDb(db)) return saveSignaturesPostgres(db, vault, entries, outcomes, created);
  return db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('signatures')
      .values(entries.map((e) => e.row))
      .onConflict((oc) => oc.column('email').doNothing())
      .returning('email')
      .execute();
    const fresh = new Set(inserted.map((r) => r.email));
    const mails: OutgoingMail[] = [];
    for (const e of entries) {
      if (!fresh.has(e.email)) continue;
      const { input, locale, assessment, mail } = e.item;
      if (input.newsletter) {
        await addSubscriberFromSignature(
          trx,
          vault,
          {
            email: e.email,
            locale,
            status: e.accepted ? 'pending' : 'quarantined',
            reasons: assessment.reasons.join(','),
            expiresAt: e.expiresAt,
          },
          now,
        );
      }
      if (e.token) mails.push(signatureMail(e.email, locale, e.token, input.newsletter, mail));
      outcomes[e.i] = e.token ? 'queued' : 'quarantined';
    }
    await queueMails(trx, mails, now);
    return outcomes;
  });
}

type SignatureEntry = {
  i: number;
  email: string;
  item: SignatureSubmission;
  accepted: boolean;
  token: string | null;
  expiresAt: string;
  row: Insertable<Database['signatures']>;
};

/**
 * PostgreSQL: the same three writes as one statement (data-modifying CTEs over
 * arrays), so one round trip and one commit instead of five round trips; the
 * SQLite path above runs in-process and needs none of this. The conflict rule
 * for subscribers is addSubscriberFromSignature's: only an unsubscribed
 * address is signed up again. Both paths pass the same tests.
 */
async function saveSignaturesPostgres(
  db: Db,
  vault: Vault,
  entries: SignatureEntry[],
  outcomes: SignupOutcome[],
  created: string,
): Promise<SignupOutcome[]> {
  const column = <T>(pick: (e: SignatureEntry) => T): T[] => entries.map(pick);
  const mails = entries.map((e) =>
    e.token ? signatureMail(e.email, e.item.locale, e.token, e.item.input.newsletter, e.item.mail) : null,
  );
  const unsubscribe = entries.map((e) => (e.item.input.newsletter ? newUnsubscribeToken(vault) : null));
  const { rows } = await sql<{ email: string }>`
    with input as (
      select * from unnest(
        ${column((e) => e.row.kind)}::text[], ${column((e) => e.row.name)}::text[], ${column((e) => e.row.function_or_org)}::text[], ${column((e) => e.row.town)}::text[],
        ${column((e) => e.email)}::text[], ${column((e) => e.row.locale)}::text[], ${column((e) => e.row.show_publicly)}::int[], ${column((e) => e.row.newsletter)}::int[],
        ${column((e) => e.row.contact)}::int[], ${column((e) => e.row.status)}::text[], ${column((e) => e.row.quarantine_reasons)}::text[], ${column((e) => e.row.search_text)}::text[],
        ${column((e) => e.row.token_hash)}::text[], ${column((e) => e.expiresAt)}::text[],
        ${mails.map((m) => m?.subject ?? null)}::text[], ${mails.map((m) => m?.text ?? null)}::text[],
        ${unsubscribe.map((u) => u?.sealed ?? null)}::text[], ${unsubscribe.map((u) => u?.hash ?? null)}::text[]
      ) as t(kind, name, function_or_org, town, email, locale, show_publicly, newsletter, contact, status, quarantine_reasons, search_text,
             token_hash, expires_at, mail_subject, mail_text, unsubscribe_sealed, unsubscribe_hash)
    ),
    fresh as (
      insert into signatures (kind, name, function_or_org, town, email, locale, show_publicly, newsletter, contact, hidden, status, quarantine_reasons,
                              search_text, token_hash, created_at, confirmed_at, expires_at, updated_at)
      select kind, name, function_or_org, town, email, locale, show_publicly, newsletter, contact, 0, status, quarantine_reasons,
             search_text, token_hash, ${created}, null, expires_at, ${created}
      from input
      on conflict (email) do nothing
      returning email
    ),
    mails as (
      insert into mail_outbox (to_address, subject, text_body, html_body, headers, purpose, status, attempts, next_attempt_at, created_at)
      select i.email, i.mail_subject, i.mail_text, null, null, 'signature_confirm', 'queued', 0, ${created}, ${created}
      from input i join fresh f on f.email = i.email
      where i.mail_subject is not null
    ),
    subscribers as (
      insert into newsletter_subscribers (email, locale, status, source, quarantine_reasons, confirm_token_hash, unsubscribe_token_sealed, unsubscribe_token_hash,
                                          created_at, confirmed_at, unsubscribed_at, expires_at, updated_at)
      select i.email, i.locale, i.status, 'signature', i.quarantine_reasons, null, i.unsubscribe_sealed, i.unsubscribe_hash,
             ${created}, null, null, i.expires_at, ${created}
      from input i join fresh f on f.email = i.email
      where i.newsletter = 1
      on conflict (email) do update set
        locale = excluded.locale, status = excluded.status, source = excluded.source, quarantine_reasons = excluded.quarantine_reasons,
        confirm_token_hash = null, confirmed_at = null, unsubscribed_at = null, expires_at = excluded.expires_at, updated_at = excluded.updated_at
      where newsletter_subscribers.status = 'unsubscribed'
    )
    select email from fresh`.execute(db);
  const fresh = new Set(rows.map((r) => r.email));
  for (const e of entries) if (fresh.has(e.email)) outcomes[e.i] = e.token ? 'queued' : 'quarantined';
  return outcomes;
}

export async function findPendingByToken(db: DbOrTrx, token: string, now: Date = new Date()) {
  if (!token) return undefined;
  return db
    .selectFrom('signatures')
    .select(['id', 'locale'])
    .where('token_hash', '=', hashToken(token))
    .where('status', '=', 'pending')
    .where('expires_at', '>', nowIso(now))
    .executeTakeFirst();
}

/** A link whose signature is already confirmed (by its owner or the board): said so, not « sign again ». */
export async function isConfirmedToken(db: DbOrTrx, token: string): Promise<boolean> {
  if (!token) return false;
  const row = await db
    .selectFrom('signatures')
    .select('id')
    .where('token_hash', '=', hashToken(token))
    .where('status', '=', 'confirmed')
    .executeTakeFirst();
  return row !== undefined;
}

/** The POST behind the confirmation button. A GET of the link never gets here. */
export async function confirmSignature(db: Db, token: string, now: Date = new Date()): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const pending = await findPendingByToken(trx, token, now);
    if (!pending) return false;
    const row = await trx
      .selectFrom('signatures')
      .select(['email', 'newsletter', 'show_publicly', 'contact'])
      .where('id', '=', pending.id)
      .executeTakeFirstOrThrow();
    const result = await trx
      .updateTable('signatures')
      .set({
        status: 'confirmed',
        confirmed_at: nowIso(now),
        // The hash stays: a second click on the link then says « already confirmed ».
        expires_at: null,
        quarantine_reasons: '',
        updated_at: nowIso(now),
      })
      .where('id', '=', pending.id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return false;
    if (row.newsletter === 1) await confirmSubscriberFromSignature(trx, row.email, now);
    await recordConsent(
      trx,
      { email: row.email, purposes: signaturePurposes(row), action: 'given', form: 'manifesto' },
      now,
    );
    return true;
  });
}

/**
 * Erases what was never confirmed: pending signatures and subscriptions after
 * CONFIRM_DAYS, quarantined or rejected ones after QUARANTINE_DAYS. Called by
 * the server's mail worker (src/server.ts) and by tests.
 */
export async function purgeExpiredSignups(
  db: Db,
  now: Date = new Date(),
): Promise<{ signatures: number; subscribers: number }> {
  const result = await db
    .deleteFrom('signatures')
    .where('status', 'in', ['pending', 'quarantined', 'rejected'])
    .where('expires_at', '<', nowIso(now))
    .executeTakeFirst();
  const subscribers = await purgeExpiredSubscribers(db, now);
  return { signatures: Number(result.numDeletedRows), subscribers };
}

export async function publishVersion(
  db: Db,
  input: VersionInput,
  actorId: number | null,
  now: Date = new Date(),
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('manifesto_versions')
      .values({
        locale: input.locale,
        version_label: input.versionLabel,
        published_on: input.publishedOn,
        summary: input.summary,
        body: input.body,
        is_placeholder: 0,
        created_by: actorId,
        created_at: nowIso(now),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(
      trx,
      {
        actorId,
        action: 'manifesto.publish',
        entityType: 'manifesto',
        entityId: id,
        summary: `${LOCALE_NAMES_FR[input.locale]} : ${input.versionLabel}`,
      },
      now,
    );
    return id;
  });
}

export type ManifestoFigures = Record<
  | 'manifesto.signatures.individuals.new'
  | 'manifesto.signatures.organisations.new'
  | 'manifesto.signatures.individuals.total'
  | 'manifesto.signatures.organisations.total',
  number
>;

/**
 * The report's key figures from confirmed signatures: confirmed during `year`
 * (new) and confirmed by its end (total). Years are cut at midnight UTC.
 * A signature removed by the board no longer counts.
 */
export async function manifestoFigures(db: DbOrTrx, year: number): Promise<ManifestoFigures> {
  const start = `${year}-01-01`;
  const end = `${year + 1}-01-01`;
  const rows = await db
    .selectFrom('signatures')
    .select(['kind', 'confirmed_at'])
    .where('status', '=', 'confirmed')
    .where('confirmed_at', 'is not', null)
    .where('confirmed_at', '<', end)
    .execute();
  const figures: ManifestoFigures = {
    'manifesto.signatures.individuals.new': 0,
    'manifesto.signatures.organisations.new': 0,
    'manifesto.signatures.individuals.total': 0,
    'manifesto.signatures.organisations.total': 0,
  };
  for (const r of rows) {
    const kind = r.kind === 'organisation' ? 'organisations' : 'individuals';
    figures[`manifesto.signatures.${kind}.total`]++;
    if ((r.confirmed_at ?? '') >= start) figures[`manifesto.signatures.${kind}.new`]++;
  }
  return figures;
}
