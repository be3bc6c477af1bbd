// Over 300 lines: an issue's whole life (draft in three languages, test mail, sending to every
// confirmed subscriber in their language, the list and the delivery counts) shares the issue's
// loading and its « still a draft » rule.
import type { Db, DbOrTrx } from '../../db/index.js';
import type { NewsletterIssueStatus } from '../../db/schema.js';
import { AppError, NotFoundError } from '../../errors.js';
import { nowIso } from '../../lib/time.js';
import type { Vault } from '../../lib/vault.js';
import { asLocale, LOCALE_NAMES_FR, type Locale } from '../../web/i18n/index.js';
import { recordAudit } from '../audit/audit.service.js';
import { countByRef, queueMail, type DeliveryCounts } from '../mail/mail.service.js';
import { renderIssueMail, type IssueVersion } from './newsletter.render.js';
import { unsubscribeUrl } from './newsletter.service.js';
import type { MailContext } from '../mail/mail.context.js';

/**
 * Newsletter issues: a draft the board writes in French, and in Dutch and
 * English when it can; a test sent to oneself; then one mail per confirmed
 * subscriber, in their language (French when theirs has no version), each
 * with an HTML and a plain-text part and its own one-click unsubscribe.
 */
export const TRANSLATED_LOCALES = ['nl', 'en'] as const;
export type TranslatedLocale = (typeof TRANSLATED_LOCALES)[number];

export interface IssueInput {
  fr: IssueVersion;
  nl: IssueVersion | null;
  en: IssueVersion | null;
}

export interface Issue {
  id: number;
  status: NewsletterIssueStatus;
  versions: IssueInput;
  author: string | null;
  createdAt: string;
  updatedAt: string | null;
  sentAt: string | null;
  recipients: number;
}

const issueRef = (id: number) => `newsletter_issue:${id}`;

class IssueAlreadySentError extends AppError {
  constructor() {
    super('NEWSLETTER_ALREADY_SENT', 'Cette newsletter est déjà partie : elle ne peut plus être modifiée ni renvoyée.');
  }
}

async function writeTranslations(trx: DbOrTrx, id: number, input: IssueInput): Promise<void> {
  await trx.deleteFrom('newsletter_issue_translations').where('issue_id', '=', id).execute();
  for (const locale of TRANSLATED_LOCALES) {
    const version = input[locale];
    if (version)
      await trx
        .insertInto('newsletter_issue_translations')
        .values({ issue_id: id, locale, subject: version.subject, body: version.body })
        .execute();
  }
}

/** Creates a draft (id null) or saves over one; a sent issue never changes. */
export async function saveDraft(
  db: Db,
  id: number | null,
  input: IssueInput,
  actorId: number | null,
  now: Date = new Date(),
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    let issueId: number;
    if (id === null) {
      const row = await trx
        .insertInto('newsletter_issues')
        .values({
          subject: input.fr.subject,
          body: input.fr.body,
          created_by: actorId,
          created_at: nowIso(now),
          updated_at: nowIso(now),
          sent_at: null,
          recipients: 0,
          status: 'draft',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      issueId = row.id;
    } else {
      const result = await trx
        .updateTable('newsletter_issues')
        .set({ subject: input.fr.subject, body: input.fr.body, updated_at: nowIso(now) })
        .where('id', '=', id)
        .where('status', '=', 'draft')
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) throw await notEditable(trx, id);
      issueId = id;
    }
    await writeTranslations(trx, issueId, input);
    return issueId;
  });
}

async function notEditable(db: DbOrTrx, id: number): Promise<AppError> {
  const row = await db.selectFrom('newsletter_issues').select('id').where('id', '=', id).executeTakeFirst();
  return row ? new IssueAlreadySentError() : new NotFoundError('Cette newsletter n’existe pas.');
}

export async function deleteDraft(db: Db, id: number): Promise<void> {
  const result = await db
    .deleteFrom('newsletter_issues')
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  if (Number(result.numDeletedRows) !== 1) throw await notEditable(db, id);
}

export async function getIssue(db: DbOrTrx, id: number): Promise<Issue | undefined> {
  const row = await db
    .selectFrom('newsletter_issues')
    .leftJoin('users', 'users.id', 'newsletter_issues.created_by')
    .select([
      'newsletter_issues.id',
      'newsletter_issues.status',
      'newsletter_issues.subject',
      'newsletter_issues.body',
      'newsletter_issues.created_at',
      'newsletter_issues.updated_at',
      'newsletter_issues.sent_at',
      'newsletter_issues.recipients',
      'users.display_name as author',
    ])
    .where('newsletter_issues.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const translations = await db
    .selectFrom('newsletter_issue_translations')
    .select(['locale', 'subject', 'body'])
    .where('issue_id', '=', id)
    .execute();
  const version = (locale: TranslatedLocale) => {
    const t = translations.find((r) => r.locale === locale);
    return t ? { subject: t.subject, body: t.body } : null;
  };
  return {
    id: row.id,
    status: row.status,
    versions: { fr: { subject: row.subject, body: row.body }, nl: version('nl'), en: version('en') },
    author: row.author,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    sentAt: row.sent_at,
    recipients: row.recipients,
  };
}

/** The version a subscriber reads: theirs, or French. */
export function versionFor(input: IssueInput, locale: Locale): { version: IssueVersion; locale: Locale } {
  if (locale !== 'fr') {
    const own = input[locale];
    if (own) return { version: own, locale };
  }
  return { version: input.fr, locale: 'fr' };
}

/**
 * A test to oneself: each written version, marked « [Essai] », with a link
 * that unsubscribes nobody. Nothing is archived, the draft stays a draft.
 */
export async function sendTest(
  db: Db,
  id: number,
  to: string,
  mail: MailContext,
  actorId: number | null,
  now: Date = new Date(),
): Promise<Locale[]> {
  const issue = await getIssue(db, id);
  if (!issue) throw new NotFoundError('Cette newsletter n’existe pas.');
  const locales: Locale[] = ['fr', ...TRANSLATED_LOCALES.filter((l) => issue.versions[l])];
  await db.transaction().execute(async (trx) => {
    for (const locale of locales) {
      const { version } = versionFor(issue.versions, locale);
      const rendered = renderIssueMail(version, locale, mail, { kind: 'test' });
      await queueMail(
        trx,
        { to, ...rendered, subject: `[Essai] ${rendered.subject}`, purpose: 'newsletter_test' },
        now,
      );
    }
    await recordAudit(
      trx,
      {
        actorId,
        action: 'newsletter.test',
        entityType: 'newsletter',
        entityId: id,
        summary: locales.map((l) => LOCALE_NAMES_FR[l]).join(', '),
      },
      now,
    );
  });
  return locales;
}

/**
 * Sends a draft: one outbox mail per confirmed subscriber, each with its own
 * one-click unsubscribe link in the text, the HTML and the List-Unsubscribe
 * headers (RFC 2369 and RFC 8058). The issue is then `sent`, with its count.
 */
export async function sendIssue(
  db: Db,
  vault: Vault,
  id: number,
  mail: MailContext,
  actorId: number | null,
  now: Date = new Date(),
): Promise<{ recipients: number; byLocale: Record<Locale, number> }> {
  return db.transaction().execute(async (trx) => {
    const claimed = await trx
      .updateTable('newsletter_issues')
      .set({ status: 'sent', sent_at: nowIso(now), updated_at: nowIso(now) })
      .where('id', '=', id)
      .where('status', '=', 'draft')
      .executeTakeFirst();
    // Two clicks, two tabs: only one send wins, the other is refused.
    if (Number(claimed.numUpdatedRows) !== 1) throw await notEditable(trx, id);
    const issue = await getIssue(trx, id);
    if (!issue) throw new NotFoundError('Cette newsletter n’existe pas.');
    const subscribers = await trx
      .selectFrom('newsletter_subscribers')
      .select(['id', 'email', 'locale', 'unsubscribe_token_sealed'])
      .where('status', '=', 'confirmed')
      .orderBy('id')
      .execute();
    const byLocale: Record<Locale, number> = { fr: 0, nl: 0, en: 0 };
    for (const s of subscribers) {
      const own = asLocale(s.locale);
      const { version, locale } = versionFor(issue.versions, own);
      byLocale[locale]++;
      // The link is in the subscriber's own language, whichever version they read.
      const link = unsubscribeUrl(mail.baseUrl, s.locale, s.unsubscribe_token_sealed, vault);
      const rendered = renderIssueMail(version, locale, mail, { kind: 'subscriber', link }, own);
      await queueMail(
        trx,
        {
          to: s.email,
          ...rendered,
          purpose: 'newsletter_issue',
          ref: issueRef(id),
          headers: {
            'List-Unsubscribe': `<${link}>`,
            'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
            'X-Vigie-Issue': String(id),
          },
        },
        now,
      );
    }
    await trx.updateTable('newsletter_issues').set({ recipients: subscribers.length }).where('id', '=', id).execute();
    await recordAudit(
      trx,
      {
        actorId,
        action: 'newsletter.send',
        entityType: 'newsletter',
        entityId: id,
        summary: `${subscribers.length} destinataire${subscribers.length > 1 ? 's' : ''} (français ${byLocale.fr}, néerlandais ${byLocale.nl}, anglais ${byLocale.en})`,
      },
      now,
    );
    return { recipients: subscribers.length, byLocale };
  });
}

/** Where an issue stands, from its outbox rows (never « envoyé » while mails still wait). */
export type IssueState =
  | { kind: 'draft' }
  | { kind: 'queued'; queued: number; sent: number; failed: number }
  | { kind: 'sent'; sent: number; failed: number }
  /** Sent before the outbox kept references: only the count handed to it is known. */
  | { kind: 'handed'; recipients: number };

function issueState(
  issue: { status: NewsletterIssueStatus; recipients: number },
  counts: DeliveryCounts | undefined,
): IssueState {
  if (issue.status === 'draft') return { kind: 'draft' };
  if (!counts)
    return issue.recipients === 0
      ? { kind: 'sent', sent: 0, failed: 0 }
      : { kind: 'handed', recipients: issue.recipients };
  if (counts.queued > 0) return { kind: 'queued', ...counts };
  return { kind: 'sent', sent: counts.sent, failed: counts.failed };
}

export interface IssueSummary {
  id: number;
  subject: string;
  status: NewsletterIssueStatus;
  sentAt: string | null;
  updatedAt: string | null;
  createdAt: string;
  author: string | null;
  locales: Locale[];
  state: IssueState;
}

/** Drafts first, then what was sent, newest first, each with its honest state. */
export async function listIssues(db: DbOrTrx): Promise<IssueSummary[]> {
  const rows = await db
    .selectFrom('newsletter_issues')
    .leftJoin('users', 'users.id', 'newsletter_issues.created_by')
    .select([
      'newsletter_issues.id',
      'newsletter_issues.subject',
      'newsletter_issues.status',
      'newsletter_issues.sent_at',
      'newsletter_issues.updated_at',
      'newsletter_issues.created_at',
      'newsletter_issues.recipients',
      'users.display_name as author',
    ])
    .orderBy('newsletter_issues.id', 'desc')
    .execute();
  const ids = rows.map((r) => r.id);
  const [counts, translations] = await Promise.all([
    countByRef(db, ids.map(issueRef)),
    ids.length
      ? db
          .selectFrom('newsletter_issue_translations')
          .select(['issue_id', 'locale'])
          .where('issue_id', 'in', ids)
          .execute()
      : Promise.resolve([]),
  ]);
  const summaries = rows.map((r): IssueSummary => ({
    id: r.id,
    subject: r.subject,
    status: r.status,
    sentAt: r.sent_at,
    updatedAt: r.updated_at,
    createdAt: r.created_at,
    author: r.author,
    locales: ['fr', ...translations.filter((t) => t.issue_id === r.id).map((t) => t.locale)],
    state: issueState(r, counts.get(issueRef(r.id))),
  }));
  return [...summaries.filter((s) => s.status === 'draft'), ...summaries.filter((s) => s.status !== 'draft')];
}

export async function issueDeliveries(db: DbOrTrx, issue: Issue): Promise<IssueState> {
  const counts = await countByRef(db, [issueRef(issue.id)]);
  return issueState(issue, counts.get(issueRef(issue.id)));
}
