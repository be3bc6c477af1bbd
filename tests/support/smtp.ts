import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/**
 * Test support (not app code): a real SMTP listener on a free port, and
 * helpers to read what it received. Used by the Manifesto and newsletter tests
 * and by the browser test.
 */
export interface ReceivedMail {
  to: string[];
  raw: string;
  /** The decoded subject. */
  subject: string;
  /** The plain-text part, decoded (by mailparser, a real MIME parser). */
  text: string;
  /** The HTML part, decoded; null when the mail has none. */
  html: string | null;
  /** Each header's unfolded value as sent, by lower-case name. */
  headers: Record<string, string>;
}

export interface SmtpListener {
  url: string;
  received: ReceivedMail[];
  /** Resolves once what was received satisfies `done` (checked now, then at each arrival): no polling. */
  waitFor(done: (received: ReceivedMail[]) => boolean): Promise<void>;
  close(): Promise<void>;
}

async function parse(raw: Buffer): Promise<Omit<ReceivedMail, 'to' | 'raw'>> {
  const mail = await simpleParser(raw);
  const headers: Record<string, string> = {};
  for (const { key, line } of mail.headerLines) {
    headers[key] = line
      .slice(line.indexOf(':') + 1)
      .replace(/\r?\n[ \t]+/g, ' ')
      .trim();
  }
  return {
    subject: mail.subject ?? '',
    text: mail.text ?? '',
    html: typeof mail.html === 'string' ? mail.html : null,
    headers,
  };
}

/**
 * `holdUntilSessions`: every message waits (its DATA unanswered) until that
 * many SMTP sessions have been opened — so that two senders are surely
 * sending at the same time (the outbox's « sent once » tests), without a timer.
 */
export async function startSmtp(options: { holdUntilSessions?: number } = {}): Promise<SmtpListener> {
  const received: ReceivedMail[] = [];
  const waiting = new Set<() => void>();
  let sessions = 0;
  let release: () => void = () => undefined;
  const enough = new Promise<void>((resolve) => {
    release = resolve;
  });
  if (!options.holdUntilSessions) release();
  const server = new SMTPServer({
    authOptional: true,
    secure: false,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onConnect(_session, callback) {
      sessions++;
      if (sessions >= (options.holdUntilSessions ?? 0)) release();
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        // Answered once parsed: the sender's flush() returns with the mail already readable here.
        Promise.all([parse(raw), enough]).then(
          ([parsed]) => {
            received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: raw.toString('utf8'), ...parsed });
            callback();
            for (const check of [...waiting]) check();
          },
          (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
        );
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    waitFor: (done) =>
      new Promise<void>((resolve) => {
        const check = () => {
          if (!done(received)) return;
          waiting.delete(check);
          resolve();
        };
        waiting.add(check);
        check();
      }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The first link in a mail's text that contains `path`. */
export function linkIn(mail: ReceivedMail | undefined, path: string): string {
  const match = mail?.text.match(/https?:\/\/\S+/g)?.find((l) => l.includes(path));
  if (!match) throw new Error(`no link to ${path} in the mail`);
  return match;
}

/** The hidden anti-bot values of a form page, as a browser would send them back. */
export function antibotFieldsOf(html: string): Record<string, string> {
  const value = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? '';
  return { jeton_formulaire: value('jeton_formulaire'), defi: value('defi'), preuve: '', site_web: '' };
}
