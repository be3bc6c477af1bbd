import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/**
 * Test support (not app code): a real SMTP listener on a free port, and
 * helpers to read what it received. Used by the Manifesto and newsletter tests
 * and by the browser test.
 */
export interface ReceivedMail {
  to: string[];
  raw: string;
  /** Decoded text part (quoted-printable undone), for links and wording. */
  text: string;
  headers: Record<string, string>;
}

export interface SmtpListener {
  url: string;
  received: ReceivedMail[];
  close(): Promise<void>;
}

function decodeQuotedPrintable(body: string): string {
  const bytes: number[] = [];
  const soft = body.replace(/=\r?\n/g, '');
  for (let i = 0; i < soft.length; i++) {
    const c = soft[i] as string;
    if (c === '=' && /^[0-9A-F]{2}$/i.test(soft.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(c, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

function parse(raw: string): Pick<ReceivedMail, 'text' | 'headers'> {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const body = raw.slice(split + 4);
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n')) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
  }
  const encoding = (headers['content-transfer-encoding'] ?? '').toLowerCase();
  const text =
    encoding === 'quoted-printable'
      ? decodeQuotedPrintable(body)
      : encoding === 'base64'
        ? Buffer.from(body, 'base64').toString('utf8')
        : body;
  return { text, headers };
}

/**
 * `holdUntilSessions`: every message waits (its DATA unanswered) until that
 * many SMTP sessions have been opened — so that two senders are surely
 * sending at the same time (the outbox's « sent once » tests), without a timer.
 */
export async function startSmtp(options: { holdUntilSessions?: number } = {}): Promise<SmtpListener> {
  const received: ReceivedMail[] = [];
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
        const raw = Buffer.concat(chunks).toString('utf8');
        void enough.then(() => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw, ...parse(raw) });
          callback();
        });
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
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
