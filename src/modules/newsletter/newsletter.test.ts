import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { loginAs } from '../../../tests/factories/index.js';
import { Agent } from '../../../tests/setup/agent.js';
import { createTestApp, type TestContext } from '../../../tests/setup/app.js';
import { antibotFieldsOf, linkIn, startSmtp, type SmtpListener } from '../../../tests/support/smtp.js';
import { newUnsubscribeToken } from './newsletter.service.js';

describe(`newsletter (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let ctx: TestContext;
  let smtp: SmtpListener;
  before(async () => {
    smtp = await startSmtp();
    ctx = await createTestApp({ smtpUrl: smtp.url, signupMinSeconds: 0 });
  });
  after(async () => {
    await ctx.close();
    await smtp.close();
  });
  beforeEach(async () => {
    await ctx.app.mailer.flush(ctx.db);
    smtp.received.length = 0;
  });

  const flush = () => ctx.app.mailer.flush(ctx.db);
  const subscriber = (email: string) =>
    ctx.db.selectFrom('newsletter_subscribers').selectAll().where('email', '=', email).executeTakeFirst();

  async function subscribe(email: string, prefix = '/en', extra: Record<string, string> = {}) {
    const agent = new Agent(ctx.app);
    const page = await agent.get(`${prefix}/newsletter`);
    assert.equal(page.statusCode, 200);
    return agent.post(`${prefix}/newsletter`, { ...antibotFieldsOf(page.body), email, ...extra });
  }

  async function confirmedSubscriber(email: string, locale = 'fr'): Promise<void> {
    const unsubscribe = newUnsubscribeToken(ctx.app.vault);
    const now = new Date().toISOString();
    await ctx.db
      .insertInto('newsletter_subscribers')
      .values({
        email,
        locale,
        status: 'confirmed',
        source: 'form',
        quarantine_reasons: '',
        confirm_token_hash: null,
        unsubscribe_token_sealed: unsubscribe.sealed,
        unsubscribe_token_hash: unsubscribe.hash,
        created_at: now,
        confirmed_at: now,
        unsubscribed_at: null,
        expires_at: null,
        updated_at: now,
      })
      .execute();
  }

  it('subscribes with double opt-in: the mailed link shows a button, only the POST confirms', async () => {
    const res = await subscribe('reader@example.org');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<html lang="en"/);
    assert.match(res.body, /If this address can subscribe/);
    assert.equal((await subscriber('reader@example.org'))?.status, 'pending');
    assert.equal((await flush()).sent, 1);
    const link = linkIn(smtp.received[0], '/en/newsletter/confirmer?jeton=');
    const url = new URL(link);
    const agent = new Agent(ctx.app);
    const page = await agent.get(url.pathname + url.search);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /I confirm my subscription/);
    assert.equal((await subscriber('reader@example.org'))?.status, 'pending', 'a GET confirms nothing');
    const done = await agent.post('/en/newsletter/confirmer', { jeton: url.searchParams.get('jeton') ?? '' });
    assert.equal(done.statusCode, 200);
    assert.equal((await subscriber('reader@example.org'))?.status, 'confirmed');
    // Subscribing again: the same neutral page, no mail.
    const again = await subscribe('reader@example.org');
    assert.match(again.body, /If this address can subscribe/);
    assert.deepEqual(await flush(), { sent: 0, failed: 0 });
  });

  it('quarantines a filled honeypot or a disposable address and mails nothing', async () => {
    await subscribe('trap@example.org', '', { site_web: 'http://spam.example' });
    await subscribe('trash@mailinator.com', '/nl');
    assert.equal((await subscriber('trap@example.org'))?.status, 'quarantined');
    assert.equal((await subscriber('trap@example.org'))?.quarantine_reasons, 'honeypot');
    assert.equal((await subscriber('trash@mailinator.com'))?.status, 'quarantined');
    assert.deepEqual(await flush(), { sent: 0, failed: 0 });
  });

  it('sends an issue to confirmed subscribers only, one mail each with its own one-click unsubscribe', async () => {
    await ctx.db.deleteFrom('newsletter_subscribers').execute();
    await confirmedSubscriber('ana@exemple.be', 'fr');
    await confirmedSubscriber('bram@voorbeeld.be', 'nl');
    await confirmedSubscriber('carla@example.org', 'en');
    await subscribe('pending@example.org');
    await flush();
    smtp.received.length = 0;

    const { agent } = await loginAs(ctx, ['board']);
    const compose = await agent.get('/bureau/newsletter/rediger');
    assert.match(compose.body, /L’envoi part à 3 abonné·e\(s\) confirmé·e\(s\)/);
    const preview = await agent.post('/bureau/newsletter/rediger', {
      action: 'preview',
      subject: 'Nouvelles',
      body: '# Journée d’étude\n\n<script>alert(1)</script>\n\n**Bienvenue**',
    });
    assert.match(preview.body, /Envoyer maintenant à 3 abonné·e\(s\)/);
    assert.equal(preview.statusCode, 200);
    assert.match(preview.body, /<strong>Bienvenue<\/strong>/);
    const rendered = /<div class="prose">[\s\S]*?<\/div>/.exec(preview.body)?.[0] ?? '';
    assert.match(rendered, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/, 'raw HTML is shown as text, never run');
    assert.equal(
      await ctx.db.selectFrom('mail_outbox').select('id').where('purpose', '=', 'newsletter_issue').executeTakeFirst(),
      undefined,
      'a preview sends nothing',
    );

    const sent = await agent.post('/bureau/newsletter/rediger', {
      action: 'send',
      subject: 'Nouvelles du comité',
      body: 'Bonjour,\n\n**Journée d’étude** le 12 mars.',
    });
    assert.equal(sent.statusCode, 303);
    const outbox = await ctx.db
      .selectFrom('mail_outbox')
      .selectAll()
      .where('purpose', '=', 'newsletter_issue')
      .orderBy('id')
      .execute();
    assert.deepEqual(
      outbox.map((m) => m.to_address),
      ['ana@exemple.be', 'bram@voorbeeld.be', 'carla@example.org'],
    );
    for (const m of outbox) {
      const headers = JSON.parse(m.headers ?? '{}') as Record<string, string>;
      assert.match(
        headers['List-Unsubscribe'] ?? '',
        /^<http:\/\/vigie\.test\/(nl\/|en\/)?newsletter\/desinscription\?jeton=[\w-]+>$/,
      );
      assert.equal(headers['List-Unsubscribe-Post'], 'List-Unsubscribe=One-Click');
      assert.ok(m.text_body.includes(headers['List-Unsubscribe']?.slice(1, -1) ?? '?'), 'the same link is in the text');
    }
    assert.equal(new Set(outbox.map((m) => m.headers)).size, 3, 'each subscriber has their own link');

    assert.equal((await flush()).sent, 3);
    const bram = smtp.received.find((r) => r.to.includes('bram@voorbeeld.be'));
    assert.match(
      bram?.headers['list-unsubscribe'] ?? '',
      /^<http:\/\/vigie\.test\/nl\/newsletter\/desinscription\?jeton=/,
    );
    assert.equal(bram?.headers['list-unsubscribe-post'], 'List-Unsubscribe=One-Click');
    assert.match(bram?.text ?? '', /Uitschrijven met één klik/);

    const archive = await agent.get(sent.headers.location as string);
    assert.equal(archive.statusCode, 200);
    assert.match(archive.body, /Nouvelles du comité/);
    assert.match(archive.body, /à 3 abonné·e\(s\)/);
    assert.match((await agent.get('/bureau/newsletter')).body, /Nouvelles du comité/);
    const audit = await ctx.db.selectFrom('audit_events').selectAll().where('action', '=', 'newsletter.send').execute();
    assert.equal(audit.length, 1);

    // Unsubscribing with the link page's button (a GET alone changes nothing).
    const link = new URL(linkIn(bram, '/nl/newsletter/desinscription'));
    const visitor = new Agent(ctx.app);
    const page = await visitor.get(link.pathname + link.search);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<html lang="nl-BE"/);
    assert.equal((await subscriber('bram@voorbeeld.be'))?.status, 'confirmed');
    const action = /<form method="post" action="([^"]+)"/.exec(page.body)?.[1]?.replace(/&amp;/g, '&') ?? '';
    const done = await visitor.post(action, { jeton: link.searchParams.get('jeton') ?? '' }, { csrf: false });
    assert.equal(done.statusCode, 200);
    assert.match(done.body, /U bent uitgeschreven/);
    assert.equal((await subscriber('bram@voorbeeld.be'))?.status, 'unsubscribed');

    // RFC 8058: the mail client POSTs `List-Unsubscribe=One-Click` to the header's URL, no cookie, no CSRF token.
    const carla = smtp.received.find((r) => r.to.includes('carla@example.org'));
    const header = new URL((carla?.headers['list-unsubscribe'] ?? '').slice(1, -1));
    const oneClick = await ctx.app.inject({
      method: 'POST',
      url: header.pathname + header.search,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    assert.equal(oneClick.statusCode, 200);
    assert.equal((await subscriber('carla@example.org'))?.status, 'unsubscribed');
    const twice = await ctx.app.inject({
      method: 'POST',
      url: header.pathname + header.search,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    assert.equal(twice.statusCode, 200, 'idempotent');
    const forged = await ctx.app.inject({
      method: 'POST',
      url: '/newsletter/desinscription?jeton=inexistant',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    assert.equal(forged.statusCode, 404);

    // The next issue leaves them out.
    await agent.get('/bureau/newsletter/rediger');
    await agent.post('/bureau/newsletter/rediger', { action: 'send', subject: 'Deuxième envoi', body: 'Texte' });
    const second = await ctx.db
      .selectFrom('mail_outbox')
      .select('to_address')
      .where('subject', '=', 'Deuxième envoi')
      .execute();
    assert.deepEqual(
      second.map((r) => r.to_address),
      ['ana@exemple.be'],
    );
  });

  it('lets the board release a quarantined subscription (a confirmation mail goes out) and mark a bounce', async () => {
    await subscribe('held@example.org', '/en', { site_web: 'filled' });
    await confirmedSubscriber('bouncing@exemple.be');
    const held = await subscriber('held@example.org');
    const bouncing = await subscriber('bouncing@exemple.be');
    const { agent } = await loginAs(ctx, ['board']);
    const list = await agent.get('/bureau/newsletter?statut=quarantined');
    assert.match(list.body, /held@example\.org/);
    assert.match(list.body, /Champ piège rempli \(robot probable\)/);
    assert.equal((await agent.post(`/bureau/newsletter/abonnes/${held?.id}`, { action: 'release' })).statusCode, 303);
    assert.equal((await subscriber('held@example.org'))?.status, 'pending');
    await flush();
    assert.ok(
      linkIn(
        smtp.received.find((r) => r.to.includes('held@example.org')),
        '/en/newsletter/confirmer',
      ),
    );
    await agent.post(`/bureau/newsletter/abonnes/${bouncing?.id}`, { action: 'bounced' });
    assert.equal((await subscriber('bouncing@exemple.be'))?.status, 'bounced');
  });
});
