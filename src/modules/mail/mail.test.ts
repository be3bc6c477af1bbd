import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { loginAs } from '../../../tests/factories/index.js';
import { createTestApp, type TestContext } from '../../../tests/setup/app.js';
import { startSmtp as startListener } from '../../../tests/support/smtp.js';
import { openDatabase } from '../../db/index.js';
import { backoffMs, MailSender, MAX_ATTEMPTS, queueMail } from './mail.service.js';

/** A real SMTP listener on a free port; what it receives is read back by the tests. */
interface Received {
  from: string;
  to: string[];
  raw: string;
}

async function startSmtp(
  options: { refuse?: boolean } = {},
): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    secure: false,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (options.refuse) {
        const error = Object.assign(new Error('Boîte aux lettres indisponible'), { responseCode: 550 });
        callback(error);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
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

describe(`outgoing mail (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await createTestApp();
  });
  after(async () => ctx.close());
  beforeEach(async () => {
    await ctx.db.deleteFrom('mail_outbox').execute();
  });

  const outbox = () => ctx.db.selectFrom('mail_outbox').selectAll().orderBy('id').execute();

  it('sends queued mail through SMTP and marks it sent', async () => {
    const smtp = await startSmtp();
    const sender = new MailSender(smtp.url, 'Vigie <vigie@test.invalid>');
    try {
      await queueMail(ctx.db, {
        to: 'marie@exemple.be',
        subject: 'Vigie : choisir un nouveau mot de passe',
        text: 'Ouvrez ce lien : http://vigie.test/reinitialiser?jeton=abc',
        purpose: 'password_reset',
      });
      await queueMail(ctx.db, {
        to: 'paul@exemple.be',
        subject: 'Deuxième message',
        text: 'Bonjour Paul',
        purpose: 'test',
        headers: { 'X-Vigie-Purpose': 'test' },
      });
      const result = await sender.flush(ctx.db);
      assert.deepEqual(result, { sent: 2, failed: 0 });
      assert.equal(smtp.received.length, 2);
      assert.equal(smtp.received[0]?.from, 'vigie@test.invalid');
      assert.deepEqual(smtp.received[0]?.to, ['marie@exemple.be']);
      // Read through a MIME parser: the typeset text (no-break spaces) travels quoted-printable.
      const first = await simpleParser(smtp.received[0]?.raw ?? '');
      assert.equal(first.text?.trim(), 'Ouvrez ce lien\u00a0: http://vigie.test/reinitialiser?jeton=abc');
      assert.equal(first.subject, 'Vigie\u00a0: choisir un nouveau mot de passe');
      assert.match(smtp.received[1]?.raw ?? '', /X-Vigie-Purpose: test/);
      const rows = await outbox();
      assert.deepEqual(
        rows.map((r) => [r.status, r.attempts, r.last_error]),
        [
          ['sent', 1, null],
          ['sent', 1, null],
        ],
      );
      assert.ok(rows.every((r) => r.sent_at));
      assert.deepEqual(await sender.flush(ctx.db), { sent: 0, failed: 0 }, 'sent mail is not sent twice');
      assert.equal(smtp.received.length, 2);
    } finally {
      sender.close();
      await smtp.close();
    }
  });

  // Issue 15: several server processes flush the one outbox. Each claims its
  // rows before sending; the listener holds every message until both senders
  // have connected, so the two flushes surely overlap.
  it('sends each message once when two processes flush at the same time', async () => {
    const smtp = await startListener({ holdUntilSessions: 2 });
    const second = openDatabase(ctx.app.config.database);
    const senders = [0, 1].map(() => new MailSender(smtp.url, 'Vigie <vigie@test.invalid>'));
    try {
      for (let i = 1; i <= 10; i++)
        await queueMail(ctx.db, {
          to: `personne${i}@exemple.be`,
          subject: `Message ${i}`,
          text: 'Bonjour',
          purpose: 'test',
        });
      const [first, other] = await Promise.all([
        senders[0]?.flush(ctx.db, new Date(), 5),
        senders[1]?.flush(second.db, new Date(), 5),
      ]);
      assert.deepEqual(
        [first, other],
        [
          { sent: 5, failed: 0 },
          { sent: 5, failed: 0 },
        ],
      );
      const recipients = smtp.received.map((m) => m.to.join()).sort();
      assert.deepEqual(recipients, Array.from({ length: 10 }, (_, i) => `personne${i + 1}@exemple.be`).sort());
      assert.deepEqual(
        (await outbox()).map((r) => [r.status, r.attempts]),
        Array.from({ length: 10 }, () => ['sent', 1]),
      );
    } finally {
      for (const sender of senders) sender.close();
      await second.destroy();
      await smtp.close();
    }
  });

  it('retries a refused message with growing delays, then gives up as failed', async () => {
    const smtp = await startSmtp({ refuse: true });
    const sender = new MailSender(smtp.url, 'Vigie <vigie@test.invalid>');
    try {
      let now = new Date('2026-11-23T10:00:00Z');
      const id = await queueMail(
        ctx.db,
        { to: 'refuse@exemple.be', subject: 'Essai', text: 'Texte', purpose: 'test' },
        now,
      );
      const delays: number[] = [];
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        assert.deepEqual(await sender.flush(ctx.db, now), { sent: 0, failed: 1 }, `attempt ${attempt}`);
        const row = await ctx.db.selectFrom('mail_outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
        assert.equal(row.attempts, attempt);
        assert.match(row.last_error ?? '', /550|indisponible/);
        if (attempt < MAX_ATTEMPTS) {
          assert.equal(row.status, 'queued');
          const delay = new Date(row.next_attempt_at).getTime() - now.getTime();
          delays.push(delay);
          // Not retried before its time.
          assert.deepEqual(await sender.flush(ctx.db, new Date(now.getTime() + delay - 1000)), { sent: 0, failed: 0 });
          now = new Date(row.next_attempt_at);
        } else {
          assert.equal(row.status, 'failed');
        }
      }
      assert.deepEqual(delays, [1, 2, 3, 4, 5].map(backoffMs));
      assert.ok(
        delays.every((d, i) => i === 0 || d > (delays[i - 1] ?? 0)),
        'each delay is longer than the last',
      );
      assert.deepEqual(
        await sender.flush(ctx.db, new Date(now.getTime() + 86_400_000)),
        { sent: 0, failed: 0 },
        'a failed message is not retried forever',
      );
      assert.equal(smtp.received.length, 0);
    } finally {
      sender.close();
      await smtp.close();
    }
  });

  it('without SMTP_URL sends nothing, keeps mail queued and says so on /admin/courriels', async () => {
    assert.equal(ctx.app.mailer.enabled, false);
    await queueMail(ctx.db, {
      to: 'marie@exemple.be',
      subject: 'Vigie : votre compte',
      text: 'Lien : http://vigie.test/reinitialiser?jeton=xyz',
      purpose: 'test',
    });
    assert.deepEqual(await ctx.app.mailer.flush(ctx.db), { sent: 0, failed: 0 });
    assert.deepEqual(
      (await outbox()).map((r) => [r.status, r.attempts]),
      [['queued', 0]],
    );
    const { agent } = await loginAs(ctx, ['admin']);
    const page = await agent.get('/admin/courriels');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Aucun e-mail n’est envoyé\u00a0:/);
    assert.match(page.body, /aucun serveur SMTP n’est configuré \(variable SMTP_URL\)/);
    assert.match(page.body, /À marie@exemple\.be · [^<]* · En file/);
    assert.match(page.body, /http:\/\/vigie\.test\/reinitialiser\?jeton=xyz/, 'the admin can pass the link on by hand');
  });

  it('with SMTP_URL configured, /admin/courriels shows no warning', async () => {
    const smtp = await startSmtp();
    const other = await createTestApp({ smtpUrl: smtp.url });
    try {
      assert.equal(other.app.mailer.enabled, true);
      const { agent } = await loginAs(other, ['admin']);
      const page = await agent.get('/admin/courriels');
      assert.doesNotMatch(page.body, /Aucun e-mail n’est envoyé/);
      assert.match(page.body, /envoyés par le serveur SMTP configuré/);
    } finally {
      await other.close();
      await smtp.close();
    }
  });
});
