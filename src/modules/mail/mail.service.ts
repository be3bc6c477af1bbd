import nodemailer, { type Transporter } from 'nodemailer';
import type { Db, DbOrTrx } from '../../db/index.js';
import { isoDaysFrom, nowIso } from '../../lib/time.js';
import { isFrenchDocument, typesetHtml, typesetText } from '../../lib/typography-html.js';
import { claimDueMail } from './mail.queries.js';
import { z } from 'zod';

/** A queued mail's extra headers (List-Unsubscribe…), as `queueMail` stored them. */
const storedHeadersSchema = z.record(z.string(), z.string());

/**
 * Durable outbox: every e-mail is first a row. A worker sends queued rows
 * through SMTP when SMTP_URL is set, with retries and exponential backoff;
 * without SMTP the rows stay queued and the admin sees them in the app.
 */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /** An HTML alternative of the same message (mail.render.ts); the text part is always sent too. */
  html?: string;
  purpose: string;
  headers?: Record<string, string>;
  /** What it belongs to (`newsletter_issue:12`): `countByRef` then says how many left. */
  ref?: string;
  /** The language of a text-only message ('fr' when absent); an HTML part declares its own. */
  lang?: string;
}

/** French mails are typeset like French pages (docs/typography.md): subject, text and HTML parts. */
function typeset(mail: OutgoingMail): OutgoingMail {
  const french = mail.html !== undefined ? isFrenchDocument(mail.html) : (mail.lang ?? 'fr').startsWith('fr');
  if (!french) return mail;
  return {
    ...mail,
    subject: typesetText(mail.subject),
    text: typesetText(mail.text),
    ...(mail.html !== undefined ? { html: typesetHtml(mail.html) } : {}),
  };
}

export async function queueMail(db: DbOrTrx, outgoing: OutgoingMail, now: Date = new Date()): Promise<number> {
  const mail = typeset(outgoing);
  const { id } = await db
    .insertInto('mail_outbox')
    .values({
      to_address: mail.to,
      subject: mail.subject,
      text_body: mail.text,
      html_body: mail.html ?? null,
      headers: mail.headers ? JSON.stringify(mail.headers) : null,
      purpose: mail.purpose,
      status: 'queued',
      attempts: 0,
      next_attempt_at: nowIso(now),
      created_at: nowIso(now),
      ref: mail.ref ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Several e-mails in one statement (a group of sign-ups saved together); nothing when the list is empty. */
export async function queueMails(db: DbOrTrx, mails: readonly OutgoingMail[], now: Date = new Date()): Promise<void> {
  if (mails.length === 0) return;
  const at = nowIso(now);
  await db
    .insertInto('mail_outbox')
    .values(
      mails.map(typeset).map((mail) => ({
        to_address: mail.to,
        subject: mail.subject,
        text_body: mail.text,
        html_body: mail.html ?? null,
        headers: mail.headers ? JSON.stringify(mail.headers) : null,
        purpose: mail.purpose,
        status: 'queued',
        attempts: 0,
        next_attempt_at: at,
        created_at: at,
        ref: mail.ref ?? null,
      })),
    )
    .execute();
}

export const MAX_ATTEMPTS = 6;
/** How long claimed messages are kept from other senders: longer than nodemailer's 10-minute socket timeout. */
const CLAIM_MS = 15 * 60_000;

export function backoffMs(attempts: number): number {
  return Math.min(60 * 60_000, 30_000 * 2 ** Math.max(0, attempts - 1));
}

export class MailSender {
  readonly #transport: Transporter | null;
  readonly #from: string;

  constructor(smtpUrl: string | undefined, from: string) {
    this.#transport = smtpUrl ? nodemailer.createTransport(smtpUrl) : null;
    this.#from = from;
  }

  get enabled(): boolean {
    return this.#transport !== null;
  }

  /**
   * Sends what is due; returns how many were sent. Several processes may
   * flush at once: each claims its own rows first (`claimDueMail`), so a
   * message is sent once.
   */
  async flush(db: Db, now: Date = new Date(), limit = 20): Promise<{ sent: number; failed: number }> {
    if (!this.#transport) return { sent: 0, failed: 0 };
    const due = (await claimDueMail(db, now, new Date(now.getTime() + CLAIM_MS), limit)).sort((a, b) => a.id - b.id);
    let sent = 0;
    let failed = 0;
    for (const row of due) {
      try {
        await this.#transport.sendMail({
          from: this.#from,
          // An object, not a string: nodemailer reads a string as a list (« a@b.be, c@d.be »,
          // « Nom <a@b.be> »), so a stored address could otherwise name other recipients.
          to: { name: '', address: row.to_address },
          subject: row.subject,
          text: row.text_body,
          ...(row.html_body ? { html: row.html_body } : {}),
          headers: row.headers ? storedHeadersSchema.parse(JSON.parse(row.headers)) : {},
        });
        await db
          .updateTable('mail_outbox')
          .set({ status: 'sent', sent_at: nowIso(), attempts: row.attempts + 1, last_error: null })
          .where('id', '=', row.id)
          .execute();
        sent++;
      } catch (error) {
        const attempts = row.attempts + 1;
        const message = error instanceof Error ? error.message.slice(0, 500) : 'erreur inconnue';
        await db
          .updateTable('mail_outbox')
          .set({
            attempts,
            last_error: message,
            status: attempts >= MAX_ATTEMPTS ? 'failed' : 'queued',
            next_attempt_at: nowIso(new Date(now.getTime() + backoffMs(attempts))),
          })
          .where('id', '=', row.id)
          .execute();
        failed++;
      }
    }
    return { sent, failed };
  }

  close(): void {
    this.#transport?.close();
  }
}

export function listOutbox(db: DbOrTrx, limit = 100) {
  return db
    .selectFrom('mail_outbox')
    .select([
      'id',
      'to_address',
      'subject',
      'text_body',
      'purpose',
      'status',
      'attempts',
      'last_error',
      'created_at',
      'sent_at',
    ])
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/**
 * Days a sent e-mail keeps its body. After that only who, when, subject and
 * purpose remain: the body may hold a name, a newsletter's text or a link, and
 * nobody needs it once it has left (docs/operations.md, « E-mail »).
 */
export const SENT_BODY_DAYS = 30;

/** Empties the bodies (text, HTML, headers) of e-mails sent more than `days` ago; returns how many. */
export async function purgeSentMailBodies(db: DbOrTrx, now: Date = new Date(), days = SENT_BODY_DAYS): Promise<number> {
  const result = await db
    .updateTable('mail_outbox')
    .set({ text_body: '', html_body: null, headers: null })
    .where('status', '=', 'sent')
    .where('sent_at', '<', isoDaysFrom(now, -days))
    .where((eb) => eb.or([eb('text_body', '!=', ''), eb('html_body', 'is not', null), eb('headers', 'is not', null)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * What the outbox page shows of a body: once an e-mail has left, the links it
 * carried (password, welcome, confirmation, unsubscribe) belong to their
 * recipient alone, so their tokens are masked. A queued or failed e-mail keeps
 * them: without SMTP an admin passes the link on by hand.
 */
export function outboxBody(row: { status: string; text_body: string }): string {
  return row.status === 'sent' ? row.text_body.replace(/([?&]jeton=)[^\s&#>)"']+/g, '$1[masqué]') : row.text_body;
}

export interface DeliveryCounts {
  queued: number;
  sent: number;
  failed: number;
}

/** How many mails of each reference wait, have left, or failed for good (an issue's honest state). */
export async function countByRef(db: DbOrTrx, refs: readonly string[]): Promise<Map<string, DeliveryCounts>> {
  const out = new Map<string, DeliveryCounts>();
  if (refs.length === 0) return out;
  const rows = await db
    .selectFrom('mail_outbox')
    .select(['ref', 'status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('ref', 'in', [...refs])
    .groupBy(['ref', 'status'])
    .execute();
  for (const r of rows) {
    if (!r.ref) continue;
    const counts = out.get(r.ref) ?? { queued: 0, sent: 0, failed: 0 };
    if (r.status === 'queued' || r.status === 'sent' || r.status === 'failed') counts[r.status] += Number(r.n);
    out.set(r.ref, counts);
  }
  return out;
}
