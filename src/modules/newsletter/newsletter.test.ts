// Over 300 lines: the newsletter's journeys (double opt-in, quarantine, sending an issue in three
// languages with one-click unsubscribe, drafts, release and bounces) share one app and one SMTP
// listener; the sending test alone reads back every mail part, about two hundred lines.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { loginAs } from '../../../tests/factories/index.js';
import { buildSubscriber } from '../../../tests/factories/newsletter.js';
import type { Locale } from '../../db/schema.js';
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

  async function confirmedSubscriber(email: string, locale: Locale = 'fr'): Promise<void> {
    const unsubscribe = newUnsubscribeToken(ctx.app.vault);
    const now = new Date().toISOString();
    await buildSubscriber(ctx.db, {
      email,
      locale,
      unsubscribe_token_sealed: unsubscribe.sealed,
      unsubscribe_token_hash: unsubscribe.hash,
      created_at: now,
      confirmed_at: now,
      updated_at: now,
    });
  }

  it('says how people subscribe while nobody has, and that the quarantine is empty', async () => {
    // Arrange
    const { agent } = await loginAs(ctx, ['board']);

    // Act
    const page = (await agent.get('/bureau/newsletter')).body;
    const quarantine = (await agent.get('/bureau/newsletter?statut=quarantined')).body;

    // Assert
    assert.match(page, /Aucune adresse pour l’instant\. Les personnes s’abonnent elles-mêmes sur la page publique/);
    assert.match(page, /<a href="\/newsletter">«\u00a0Newsletter\u00a0»<\/a>/);
    assert.match(quarantine, /Rien à examiner\u00a0: aucune adresse n’est en quarantaine\./);
  });

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

  it('tells someone who opens their confirmation link again that the subscription is already confirmed, in their language', async () => {
    // Arrange: a Dutch subscription, confirmed with the button
    await subscribe('opnieuw@voorbeeld.be', '/nl');
    await flush();
    const link = new URL(linkIn(smtp.received[0], '/nl/newsletter/confirmer?jeton='));
    const jeton = link.searchParams.get('jeton') ?? '';
    const person = new Agent(ctx.app);
    await person.get(link.pathname + link.search);
    assert.equal((await person.post('/nl/newsletter/confirmer', { jeton })).statusCode, 200);

    // Act: the same mail opened again, and its button pressed again
    const again = await person.get(link.pathname + link.search);
    const twice = await person.post('/nl/newsletter/confirmer', { jeton });

    // Assert: « already confirmed », not « subscribe again »
    for (const page of [again, twice]) {
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Uw abonnement is al bevestigd/);
      assert.doesNotMatch(page.body, /opnieuw abonneren/);
    }
    assert.equal((await subscriber('opnieuw@voorbeeld.be'))?.status, 'confirmed');
    const unknown = await new Agent(ctx.app).get('/nl/newsletter/confirmer?jeton=onbekend');
    assert.equal(unknown.statusCode, 404);
    assert.match(unknown.body, /niet \(meer\) geldig/);
  });

  it('quarantines a filled honeypot or a disposable address and mails nothing', async () => {
    await subscribe('trap@example.org', '', { site_web: 'http://spam.example' });
    await subscribe('trash@mailinator.com', '/nl');
    assert.equal((await subscriber('trap@example.org'))?.status, 'quarantined');
    assert.equal((await subscriber('trap@example.org'))?.quarantine_reasons, 'honeypot');
    assert.equal((await subscriber('trash@mailinator.com'))?.status, 'quarantined');
    assert.deepEqual(await flush(), { sent: 0, failed: 0 });
  });

  it('sends an issue to confirmed subscribers only, each in their language with HTML and text parts and their own one-click unsubscribe', async () => {
    await ctx.db.deleteFrom('newsletter_subscribers').execute();
    await confirmedSubscriber('ana@exemple.be', 'fr');
    await confirmedSubscriber('bram@voorbeeld.be', 'nl');
    await confirmedSubscriber('carla@example.org', 'en');
    await subscribe('pending@example.org');
    await flush();
    smtp.received.length = 0;

    const { agent, user } = await loginAs(ctx, ['board']);
    const compose = await agent.get('/bureau/newsletter/rediger');
    assert.match(compose.body, /Elle partira à 3 abonné·e·s/);
    assert.doesNotMatch(compose.body, /Markdown/, 'volunteers read « mise en forme », not « Markdown »');
    assert.match(compose.body, /Aide à la mise en forme/);
    const issue = {
      subjectFr: 'Nouvelles du comité',
      bodyFr: '## Journée d’étude\n\n<script>alert(1)</script>\n\n**Le 12 mars**, voir [l’agenda](/agenda).',
      subjectNl: 'Nieuws van het comité',
      bodyNl: '## Studiedag\n\n**Op 12 maart**, zie [de agenda](/nl/agenda).',
      subjectEn: '',
      bodyEn: '',
    };
    const preview = await agent.post('/bureau/newsletter/rediger', { ...issue, action: 'preview' });
    assert.equal(preview.statusCode, 200);
    assert.match(preview.body, /<strong>Le 12 mars<\/strong>/);
    const rendered = /<div class="prose">[\s\S]*?<\/div>/.exec(preview.body)?.[0] ?? '';
    assert.match(rendered, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/, 'raw HTML is shown as text, never run');
    const draft = await ctx.db.selectFrom('newsletter_issues').selectAll().executeTakeFirstOrThrow();
    assert.equal(draft.status, 'draft', 'a preview keeps a draft');
    assert.equal(
      await ctx.db
        .selectFrom('mail_outbox')
        .select('id')
        .where('purpose', 'in', ['newsletter_issue', 'newsletter_test'])
        .executeTakeFirst(),
      undefined,
      'a preview sends nothing',
    );

    // A test to oneself: each written version, marked, unsubscribing nobody; the draft stays a draft.
    const test = await agent.post(`/bureau/newsletter/envois/${draft.id}/modifier`, { ...issue, action: 'test' });
    assert.equal(test.statusCode, 303);
    assert.equal((await flush()).sent, 2);
    assert.deepEqual(
      smtp.received.map((m) => [m.to.join(), m.subject]),
      [
        [user.email, '[Essai] Nouvelles du comité'],
        [user.email, '[Essai] Nieuws van het comité'],
      ],
    );
    for (const m of smtp.received) {
      assert.ok(m.html, 'an HTML part');
      assert.doesNotMatch(`${m.text}${m.html}`, /desinscription/, 'a test unsubscribes nobody');
    }
    assert.match(smtp.received[0]?.text ?? '', /Essai\u00a0: voici comment l’envoi apparaîtra/);
    smtp.received.length = 0;
    assert.equal((await agent.get('/bureau/newsletter')).body.match(/>Brouillon</g)?.length, 1);

    // The send has its own page, saying who reads which version.
    const confirm = await agent.get(`/bureau/newsletter/envois/${draft.id}/envoyer`);
    assert.match(confirm.body, /partira à 3 abonné·e·s/);
    assert.match(confirm.body, /1 abonné·e en anglais\u00a0: ils recevront la version française/);
    const sent = await agent.post(`/bureau/newsletter/envois/${draft.id}/envoyer`, {});
    assert.equal(sent.statusCode, 303);
    const outbox = await ctx.db
      .selectFrom('mail_outbox')
      .selectAll()
      .where('purpose', '=', 'newsletter_issue')
      .orderBy('id')
      .execute();
    assert.deepEqual(
      outbox.map((m) => [m.to_address, m.subject]),
      [
        ['ana@exemple.be', 'Nouvelles du comité'],
        ['bram@voorbeeld.be', 'Nieuws van het comité'],
        ['carla@example.org', 'Nouvelles du comité'],
      ],
    );
    for (const m of outbox) {
      const headers = JSON.parse(m.headers ?? '{}') as Record<string, string>;
      assert.match(
        headers['List-Unsubscribe'] ?? '',
        /^<http:\/\/vigie\.test\/(nl\/|en\/)?newsletter\/desinscription\?jeton=[\w-]+>$/,
      );
      assert.equal(headers['List-Unsubscribe-Post'], 'List-Unsubscribe=One-Click');
      assert.ok(m.text_body.includes(headers['List-Unsubscribe']?.slice(1, -1) ?? '?'), 'the same link is in the text');
      assert.ok(m.html_body?.includes(headers['List-Unsubscribe']?.slice(1, -1) ?? '?'), 'and in the HTML');
    }
    assert.equal(new Set(outbox.map((m) => m.headers)).size, 3, 'each subscriber has their own link');

    // Honest states: « en file » until the mails have left, then « envoyé à 3 ».
    const issuePage = sent.headers.location as string;
    assert.match((await agent.get(issuePage)).body, /En file\u00a0: 0 envoyé sur 3/);
    assert.match((await agent.get('/bureau/newsletter')).body, /En file\u00a0: 0 envoyé sur 3/);
    assert.equal((await flush()).sent, 3);
    assert.match((await agent.get(issuePage)).body, /Envoyé à 3 abonné·e·s/);
    assert.doesNotMatch((await agent.get(issuePage)).body, /En file/);

    // What Bram receives, read by a real MIME parser: Dutch, two parts, no formatting marks.
    const bram = smtp.received.find((r) => r.to.includes('bram@voorbeeld.be'));
    assert.ok(bram);
    assert.equal(bram.subject, 'Nieuws van het comité');
    assert.match(bram.headers['content-type'] ?? '', /^multipart\/alternative/);
    assert.match(
      bram.headers['list-unsubscribe'] ?? '',
      /^<http:\/\/vigie\.test\/nl\/newsletter\/desinscription\?jeton=/,
    );
    assert.equal(bram.headers['list-unsubscribe-post'], 'List-Unsubscribe=One-Click');
    assert.match(bram.text, /^Studiedag\n-+\n\nOp 12 maart, zie de agenda \(http:\/\/vigie\.test\/nl\/agenda\)\./);
    assert.doesNotMatch(bram.text, /\*\*|##|\]\(/, 'no formatting marks in the text part');
    assert.match(bram.text, /Uitschrijven met één klik/);
    const html = bram.html ?? '';
    assert.match(html, /<html lang="nl-BE">/);
    assert.match(html, /<h2 style="[^"]+">Studiedag<\/h2>/);
    assert.match(html, /<strong>Op 12 maart<\/strong>/);
    assert.match(html, /<a href="http:\/\/vigie\.test\/nl\/agenda" style="[^"]+">de agenda<\/a>/);
    assert.match(html, />Comité de test</, 'the organisation’s name');
    assert.match(
      html,
      /<a href="http:\/\/vigie\.test\/nl\/newsletter\/desinscription\?jeton=[\w-]+" style="[^"]+">Uitschrijven met één klik<\/a>/,
    );
    assert.doesNotMatch(html, /<script|<style/, 'inline styles only, never a script');
    // Carla reads English, which this issue lacks: the French version, with her English link and footer.
    const carla = smtp.received.find((r) => r.to.includes('carla@example.org'));
    assert.equal(carla?.subject, 'Nouvelles du comité');
    assert.match(carla?.html ?? '', /<html lang="fr-BE">/);
    assert.match(carla?.text ?? '', /Unsubscribe in one click: http:\/\/vigie\.test\/en\/newsletter\/desinscription/);
    // Ana's footer says « de » with the organisation's article (« Comité de test » → « du Comité de test »).
    const ana = smtp.received.find((r) => r.to.includes('ana@exemple.be'));
    assert.match(ana?.text ?? '', /abonné·e à la newsletter du Comité de test\./);

    // Sending again (a second tab, a double click) is refused, and nothing more is queued.
    const again = await agent.post(`/bureau/newsletter/envois/${draft.id}/envoyer`, {});
    assert.equal(again.statusCode, 409);
    assert.equal(
      (await ctx.db.selectFrom('mail_outbox').select('id').where('purpose', '=', 'newsletter_issue').execute()).length,
      3,
    );
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
    await agent.post('/bureau/newsletter/rediger', { subjectFr: 'Deuxième envoi', bodyFr: 'Texte', action: 'save' });
    const secondIssue = await ctx.db
      .selectFrom('newsletter_issues')
      .select('id')
      .where('subject', '=', 'Deuxième envoi')
      .executeTakeFirstOrThrow();
    await agent.post(`/bureau/newsletter/envois/${secondIssue.id}/envoyer`, {});
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

  it('keeps a draft to edit later, shows the mail as it will arrive, deletes it; a sent issue no longer changes', async () => {
    const { agent } = await loginAs(ctx, ['board']);
    const saved = await agent.post('/bureau/newsletter/rediger', {
      subjectFr: 'Brouillon de décembre',
      bodyFr: 'Premier jet.',
      subjectNl: 'Alleen een onderwerp',
      bodyNl: '',
      action: 'save',
    });
    assert.equal(saved.statusCode, 422, 'a Dutch subject without text is refused');
    assert.match(saved.body, /Texte \(version néerlandaise\)\u00a0: écrivez le texte, ou effacez l’objet\./);
    assert.equal(
      (
        await ctx.db
          .selectFrom('newsletter_issues')
          .select('id')
          .where('subject', '=', 'Brouillon de décembre')
          .execute()
      ).length,
      0,
      'nothing half-saved',
    );
    const ok = await agent.post('/bureau/newsletter/rediger', {
      subjectFr: 'Brouillon de décembre',
      bodyFr: 'Premier jet.',
      action: 'save',
    });
    assert.equal(ok.statusCode, 303);
    const edit = ok.headers.location as string;
    assert.match(edit, /^\/bureau\/newsletter\/envois\/\d+\/modifier$/);
    const id = Number(/envois\/(\d+)/.exec(edit)?.[1]);
    assert.match((await agent.get(edit)).body, /Premier jet\./);
    await agent.post(edit, { subjectFr: 'Brouillon de décembre', bodyFr: 'Deuxième jet, **relu**.', action: 'save' });
    assert.match((await agent.get(edit)).body, /Deuxième jet/);

    // The HTML part as a page of its own, with a policy that allows its inline styles and nothing else.
    const mail = await agent.get(`/bureau/newsletter/envois/${id}/courriel/fr`);
    assert.equal(mail.statusCode, 200);
    assert.match(mail.body, /<strong>relu<\/strong>/);
    assert.match(String(mail.headers['content-security-policy']), /^default-src 'none'; style-src 'unsafe-inline';/);
    assert.doesNotMatch(String(mail.headers['content-security-policy']), /script-src/);
    assert.equal((await agent.get(`/bureau/newsletter/envois/${id}/courriel/nl`)).statusCode, 404);

    assert.equal((await agent.post(`/bureau/newsletter/envois/${id}/supprimer`, {})).statusCode, 303);
    assert.equal((await agent.get(edit)).statusCode, 404);

    const other = await agent.post('/bureau/newsletter/rediger', {
      subjectFr: 'Partie',
      bodyFr: 'Texte',
      action: 'save',
    });
    const otherId = Number(/envois\/(\d+)/.exec(other.headers.location as string)?.[1]);
    await agent.post(`/bureau/newsletter/envois/${otherId}/envoyer`, {});
    const late = await agent.post(`/bureau/newsletter/envois/${otherId}/modifier`, {
      subjectFr: 'Partie, corrigée',
      bodyFr: 'Texte',
      action: 'save',
    });
    assert.equal(late.statusCode, 409);
    assert.equal((await agent.post(`/bureau/newsletter/envois/${otherId}/supprimer`, {})).statusCode, 409);
    const row = await ctx.db
      .selectFrom('newsletter_issues')
      .selectAll()
      .where('id', '=', otherId)
      .executeTakeFirstOrThrow();
    assert.equal(row.subject, 'Partie');
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
