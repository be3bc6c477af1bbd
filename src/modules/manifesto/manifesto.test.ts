// Over 300 lines: three groups of the public signing journey (signing and confirming, too fast or too
// many, signatures arriving together), each with its own app, SMTP listener and settings. Split next
// along these describes once their setup is shared with manifesto.moderation.test.ts.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { publishManifesto } from '../../../tests/factories/index.js';
import { buildSignature } from '../../../tests/factories/manifesto.js';
import { buildSubscriber } from '../../../tests/factories/newsletter.js';
import type { SignatureKind, SignatureStatus, SubscriberStatus } from '../../db/schema.js';
import { Agent } from '../../../tests/setup/agent.js';
import { createTestApp, type TestContext } from '../../../tests/setup/app.js';
import { newsletterFigures } from '../newsletter/newsletter.service.js';
import type { SignInput } from './manifesto.schemas.js';
import { manifestoFigures, purgeExpiredSignups, submitSignatures } from './manifesto.service.js';
import { antibotFieldsOf, linkIn, startSmtp, type SmtpListener } from '../../../tests/support/smtp.js';

/**
 * The Manifesto's public side against a real database and a real SMTP
 * listener: signing, the confirmation mail, the button that confirms, the
 * neutral answers, the defences and the expiry.
 */
describe(`manifesto: signing and confirming (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let ctx: TestContext;
  let smtp: SmtpListener;
  before(async () => {
    smtp = await startSmtp();
    // No minimum delay here: these tests submit at once, as a quick person would after reading.
    ctx = await createTestApp({ smtpUrl: smtp.url, signupMinSeconds: 0 });
    await publishManifesto(ctx.db);
  });
  after(async () => {
    await ctx.close();
    await smtp.close();
  });
  beforeEach(() => {
    smtp.received.length = 0;
  });

  let counter = 0;
  function person(overrides: Record<string, string> = {}): Record<string, string> {
    counter++;
    return {
      kind: 'individual',
      name: `Anouk Peeters ${counter}`,
      functionOrOrg: 'Maatschappelijk werker, OCMW',
      town: 'Gent',
      email: `anouk${counter}@voorbeeld.be`,
      showPublicly: 'oui',
      ...overrides,
    };
  }

  // Fewer than 10 submissions in this block: the per-IP limit (10 an hour) applies to tests too.
  /** Opens the form like a browser and sends it back with its hidden fields. */
  async function sign(agent: Agent, form: Record<string, string>, prefix = '/nl', extra: Record<string, string> = {}) {
    const page = await agent.get(`${prefix}/manifeste/signer`);
    assert.equal(page.statusCode, 200);
    return agent.post(`${prefix}/manifeste/signer`, { ...antibotFieldsOf(page.body), ...form, ...extra });
  }

  const flush = () => ctx.app.mailer.flush(ctx.db);
  const signatureOf = (email: string) =>
    ctx.db.selectFrom('signatures').selectAll().where('email', '=', email).executeTakeFirst();

  it('signs in Dutch, mails a Dutch link, confirms only with the button, then lists and counts the signatory', async () => {
    const agent = new Agent(ctx.app);
    const before = await agent.get('/nl/manifeste');
    const countBefore = Number(
      /id="count-individuals"[^>]*>([\d\s.\u202f]+)</.exec(before.body)?.[1]?.replace(/\D/g, ''),
    );
    const form = person({ email: 'Anouk.Peeters@Voorbeeld.be' });

    const res = await sign(agent, form);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<html lang="nl-BE"/);
    assert.match(res.body, /Controleer uw mailbox/);
    const stored = await signatureOf('anouk.peeters@voorbeeld.be');
    assert.equal(stored?.status, 'pending', 'the address is stored lower-cased, pending');
    assert.ok(stored?.token_hash && !stored.token_hash.includes('jeton'), 'only the token hash is stored');

    assert.deepEqual(await flush(), { sent: 1, failed: 0 });
    const mail = smtp.received[0];
    assert.deepEqual(mail?.to, ['anouk.peeters@voorbeeld.be']);
    assert.match(mail?.text ?? '', /Ik bevestig mijn handtekening/);
    const link = linkIn(mail, '/nl/manifeste/confirmer?jeton=');
    assert.ok(link.startsWith('http://vigie.test/nl/manifeste/confirmer?jeton='));
    const path = new URL(link).pathname + new URL(link).search;

    // A mail scanner opens the link: nothing is confirmed.
    const visitor = new Agent(ctx.app);
    const page = await visitor.get(path);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<button type="submit">Ik bevestig mijn handtekening<\/button>/);
    assert.equal((await visitor.get(path)).statusCode, 200, 'opening the link twice changes nothing either');
    assert.equal((await signatureOf('anouk.peeters@voorbeeld.be'))?.status, 'pending');
    assert.doesNotMatch((await visitor.get('/nl/manifeste/signataires')).body, /Anouk Peeters/);

    // The person presses the button.
    const token = decodeURIComponent(new URL(link).searchParams.get('jeton') ?? '');
    const confirmed = await visitor.post('/nl/manifeste/confirmer', { jeton: token });
    assert.equal(confirmed.statusCode, 200);
    assert.match(confirmed.body, /Dank u, uw handtekening is bevestigd/);
    const row = await signatureOf('anouk.peeters@voorbeeld.be');
    assert.equal(row?.status, 'confirmed');
    assert.ok(row?.token_hash, 'the hash stays, so a second click says « already confirmed »');

    const list = await visitor.get('/nl/manifeste/signataires');
    assert.match(list.body, new RegExp(`<td>${form.name}</td><td>Maatschappelijk werker, OCMW</td><td>Gent</td>`));
    assert.doesNotMatch(list.body, /voorbeeld\.be/, 'the public list never shows an address');
    const afterPage = await visitor.get('/en/manifeste');
    const countAfter = Number(
      /id="count-individuals"[^>]*>([\d\s.,\u202f]+)</.exec(afterPage.body)?.[1]?.replace(/\D/g, ''),
    );
    assert.equal(countAfter, countBefore + 1, 'one count across languages');

    const again = await visitor.post('/nl/manifeste/confirmer', { jeton: token });
    assert.match(again.body, /Uw handtekening is al bevestigd/, 'a used link says so, in the signer’s language');
    assert.equal(
      countAfter,
      Number(
        /id="count-individuals"[^>]*>([\d\s.,\u202f]+)</
          .exec((await visitor.get('/en/manifeste')).body)?.[1]
          ?.replace(/\D/g, ''),
      ),
      'and counts nothing twice',
    );
  });

  it('answers a second signature of the same address with the same neutral page and sends nothing', async () => {
    const form = person();
    const first = await sign(new Agent(ctx.app), form, '');
    assert.equal((await flush()).sent, 1);
    const second = await sign(
      new Agent(ctx.app),
      { ...form, name: 'Quelqu’un d’autre', email: form.email?.toUpperCase() ?? '' },
      '',
    );
    assert.equal(second.statusCode, 200);
    const message = (body: string) => /<main[\s\S]*<\/main>/.exec(body)?.[0].replace(/name="_csrf" value="[^"]*"/, '');
    assert.equal(message(second.body), message(first.body), 'nothing tells whether this address had signed');
    assert.deepEqual(await flush(), { sent: 0, failed: 0 });
    assert.equal(smtp.received.length, 1);
    assert.equal((await signatureOf(form.email ?? ''))?.name, form.name, 'the first signature is untouched');
  });

  it('quarantines a filled honeypot, a disposable address and a forged form, sends them no mail, and keeps the reasons', async () => {
    const cases: Array<[Record<string, string>, Record<string, string>, string]> = [
      [person({ email: 'bot1@exemple.be' }), { site_web: 'http://spam.example' }, 'honeypot'],
      [person({ email: 'bot2@yopmail.com' }), {}, 'disposable_address'],
      [person({ email: 'bot3@exemple.be' }), { jeton_formulaire: '1700000000000.forged' }, 'form_token_invalid'],
    ];
    for (const [form, extra, reason] of cases) {
      const res = await sign(new Agent(ctx.app), form, '/en', extra);
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /Check your mailbox/, 'the same neutral answer');
      const row = await signatureOf(form.email ?? '');
      assert.equal(row?.status, 'quarantined', reason);
      assert.equal(row?.token_hash, null);
      assert.ok(row?.quarantine_reasons.split(',').includes(reason), `${reason} in ${row?.quarantine_reasons}`);
    }
    assert.deepEqual(await flush(), { sent: 0, failed: 0 });
    assert.equal(smtp.received.length, 0);
  });

  it('shows form errors in the visitor’s language and keeps what was typed', async () => {
    const res = await sign(
      new Agent(ctx.app),
      { kind: 'individual', name: '', email: 'pas-une-adresse', town: 'Namur' },
      '/en',
    );
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Name: this field is required\./);
    assert.match(res.body, /E-mail address: this address is not valid/);
    assert.match(res.body, /value="Namur"/);
    assert.equal(await signatureOf('pas-une-adresse'), undefined);
  });

  it('subscribes to the newsletter through the same confirmation when that box is ticked', async () => {
    const form = person({ newsletter: 'oui', email: 'abonne.signataire@exemple.be' });
    await sign(new Agent(ctx.app), form, '');
    const pendingSub = await ctx.db
      .selectFrom('newsletter_subscribers')
      .selectAll()
      .where('email', '=', form.email ?? '')
      .executeTakeFirst();
    assert.equal(pendingSub?.status, 'pending');
    assert.equal(pendingSub?.source, 'signature');
    await flush();
    const mail = smtp.received[0];
    assert.match(mail?.text ?? '', /La même confirmation vous abonne à la newsletter/);
    const token = new URL(linkIn(mail, '/manifeste/confirmer')).searchParams.get('jeton') ?? '';
    const agent = new Agent(ctx.app);
    await agent.get(`/manifeste/confirmer?jeton=${encodeURIComponent(token)}`);
    assert.equal((await agent.post('/manifeste/confirmer', { jeton: token })).statusCode, 200);
    const sub = await ctx.db
      .selectFrom('newsletter_subscribers')
      .selectAll()
      .where('email', '=', form.email ?? '')
      .executeTakeFirst();
    assert.equal(sub?.status, 'confirmed');
  });

  it('purges unconfirmed signatures after 7 days and quarantined ones after 30, never confirmed ones', async () => {
    const now = new Date();
    const pending = person({ email: 'oubli@exemple.be', newsletter: 'oui' });
    const suspicious = person({ email: 'suspect@exemple.be' });
    await sign(new Agent(ctx.app), pending, '');
    await sign(new Agent(ctx.app), suspicious, '', { site_web: 'x' });
    const day = 86_400_000;
    await purgeExpiredSignups(ctx.db, new Date(now.getTime() + 6 * day));
    assert.ok(await signatureOf('oubli@exemple.be'), 'still there after 6 days');
    const purged = await purgeExpiredSignups(ctx.db, new Date(now.getTime() + 8 * day));
    assert.ok(purged.signatures >= 1 && purged.subscribers >= 1);
    assert.equal(await signatureOf('oubli@exemple.be'), undefined);
    assert.equal(
      await ctx.db
        .selectFrom('newsletter_subscribers')
        .select('id')
        .where('email', '=', 'oubli@exemple.be')
        .executeTakeFirst(),
      undefined,
    );
    assert.ok(await signatureOf('suspect@exemple.be'), 'the board has 30 days to review a quarantined entry');
    await purgeExpiredSignups(ctx.db, new Date(now.getTime() + 31 * day));
    assert.equal(await signatureOf('suspect@exemple.be'), undefined);
    assert.equal((await signatureOf('anouk.peeters@voorbeeld.be'))?.status, 'confirmed', 'confirmed signatures stay');
  });

  it('feeds the yearly report with new and total confirmed signatures and the newsletter’s size', async () => {
    const insert = (
      email: string,
      kind: SignatureKind,
      confirmedAt: string | null,
      status: SignatureStatus = 'confirmed',
    ) =>
      buildSignature(ctx.db, {
        kind,
        email,
        status,
        created_at: confirmedAt ?? '2019-01-01T00:00:00.000Z',
        confirmed_at: confirmedAt,
        updated_at: '2019-01-01T00:00:00.000Z',
      });
    await insert('f2018a@exemple.be', 'individual', '2018-05-01T10:00:00.000Z');
    await insert('f2019a@exemple.be', 'individual', '2019-03-01T10:00:00.000Z');
    await insert('f2019b@exemple.be', 'individual', '2019-12-31T23:00:00.000Z');
    await insert('f2019o@exemple.be', 'organisation', '2019-06-01T10:00:00.000Z');
    await insert('f2019p@exemple.be', 'individual', null, 'pending');
    assert.deepEqual(await manifestoFigures(ctx.db, 2019), {
      'manifesto.signatures.individuals.new': 2,
      'manifesto.signatures.organisations.new': 1,
      'manifesto.signatures.individuals.total': 3,
      'manifesto.signatures.organisations.total': 1,
    });
    const sub = (email: string, status: SubscriberStatus, confirmedAt: string | null, leftAt: string | null) =>
      buildSubscriber(ctx.db, {
        email,
        status,
        created_at: '2019-01-01T00:00:00.000Z',
        confirmed_at: confirmedAt,
        unsubscribed_at: leftAt,
        updated_at: '2019-01-01T00:00:00.000Z',
      });
    await sub('n1@exemple.be', 'confirmed', '2019-02-01T00:00:00.000Z', null);
    await sub('n2@exemple.be', 'unsubscribed', '2019-02-01T00:00:00.000Z', '2020-03-01T00:00:00.000Z');
    await sub('n3@exemple.be', 'unsubscribed', '2019-02-01T00:00:00.000Z', '2019-03-01T00:00:00.000Z');
    await sub('n4@exemple.be', 'confirmed', '2020-02-01T00:00:00.000Z', null);
    await sub('n5@exemple.be', 'pending', null, null);
    assert.deepEqual(await newsletterFigures(ctx.db, 2019), { 'newsletter.subscribers': 2 });
  });
});

describe(`manifesto: too fast, too many (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let ctx: TestContext;
  let smtp: SmtpListener;
  before(async () => {
    smtp = await startSmtp();
    ctx = await createTestApp({ smtpUrl: smtp.url, signupMinSeconds: 3 });
    await publishManifesto(ctx.db);
  });
  after(async () => {
    await ctx.close();
    await smtp.close();
  });

  async function signNl(form: Record<string, string>) {
    const agent = new Agent(ctx.app);
    const page = await agent.get('/nl/manifeste/signer');
    return agent.post('/nl/manifeste/signer', { ...antibotFieldsOf(page.body), ...form });
  }

  // Its own app: the per-IP limit (10 an hour) counts every test's submissions.
  it('refuses more than three attempts per address a day with a 429 in the visitor’s language', async () => {
    const form = { kind: 'individual', name: 'Insistant', email: 'insistant@exemple.be' };
    for (let i = 0; i < 3; i++) assert.equal((await signNl(form)).statusCode, 200);
    const refused = await signNl(form);
    assert.equal(refused.statusCode, 429);
    assert.match(refused.body, /Te veel pogingen/);
    assert.match(refused.body, /<html lang="nl-BE"/);
  });

  it('quarantines a form sent back faster than a person can fill it, and mails nothing', async () => {
    const agent = new Agent(ctx.app);
    const page = await agent.get('/manifeste/signer');
    const res = await agent.post('/manifeste/signer', {
      ...antibotFieldsOf(page.body),
      kind: 'organisation',
      name: 'Robot SA',
      email: 'robot@exemple.be',
      showPublicly: 'oui',
    });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Vérifiez votre boîte mail/);
    const row = await ctx.db
      .selectFrom('signatures')
      .selectAll()
      .where('email', '=', 'robot@exemple.be')
      .executeTakeFirstOrThrow();
    assert.equal(row.status, 'quarantined');
    assert.equal(row.quarantine_reasons, 'too_fast');
    assert.deepEqual(await ctx.app.mailer.flush(ctx.db), { sent: 0, failed: 0 });
    assert.equal(smtp.received.length, 0);
  });
});

describe(`manifesto: signatures arriving together (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let ctx: TestContext;
  before(async () => {
    // One test client sends everything: the per-IP limit is raised, nothing else.
    ctx = await createTestApp({ signupMinSeconds: 0, signupIpLimit: 1000 });
    await publishManifesto(ctx.db);
  });
  after(async () => ctx.close());

  const mail = { baseUrl: 'http://vigie.test', organisationName: 'Comité de test' };
  const accept = { verdict: 'accept' as const, reasons: [] };
  function input(email: string, overrides: Partial<SignInput> = {}): SignInput {
    return {
      kind: 'individual',
      name: `Personne ${email}`,
      functionOrOrg: 'Assistante sociale',
      town: 'Liège',
      email,
      showPublicly: true,
      newsletter: false,
      contact: false,
      ...overrides,
    };
  }
  const mailsTo = async (to: string) =>
    (await ctx.db.selectFrom('mail_outbox').select('purpose').where('to_address', '=', to).execute()).length;

  it('saves a group in one go: each gets its own outcome, the first of an address wins, only accepted ones are mailed', async () => {
    const outcomes = await submitSignatures(ctx.db, ctx.app.vault, [
      { input: input('groupe-a@exemple.be'), locale: 'fr', assessment: accept, mail },
      { input: input('groupe-b@exemple.be', { newsletter: true }), locale: 'nl', assessment: accept, mail },
      {
        input: input('groupe-c@exemple.be'),
        locale: 'en',
        assessment: { verdict: 'quarantine', reasons: ['honeypot'] },
        mail,
      },
      { input: input(' Groupe-A@Exemple.be ', { name: 'Quelqu’un d’autre' }), locale: 'fr', assessment: accept, mail },
    ]);
    assert.deepEqual(outcomes, ['queued', 'queued', 'quarantined', 'exists']);
    const rows = await ctx.db
      .selectFrom('signatures')
      .select(['email', 'name', 'status', 'locale', 'quarantine_reasons'])
      .where('email', 'like', 'groupe-%')
      .orderBy('email')
      .execute();
    assert.deepEqual(
      rows.map((r) => [r.email, r.status, r.locale, r.quarantine_reasons]),
      [
        ['groupe-a@exemple.be', 'pending', 'fr', ''],
        ['groupe-b@exemple.be', 'pending', 'nl', ''],
        ['groupe-c@exemple.be', 'quarantined', 'en', 'honeypot'],
      ],
    );
    assert.equal(rows[0]?.name, 'Personne groupe-a@exemple.be', 'the second submission of an address changed nothing');
    assert.equal(await mailsTo('groupe-a@exemple.be'), 1);
    assert.equal(await mailsTo('groupe-b@exemple.be'), 1);
    assert.equal(await mailsTo('groupe-c@exemple.be'), 0, 'quarantine: no mail');
    const subscriber = await ctx.db
      .selectFrom('newsletter_subscribers')
      .select(['status', 'locale'])
      .where('email', '=', 'groupe-b@exemple.be')
      .executeTakeFirst();
    assert.deepEqual(subscriber, { status: 'pending', locale: 'nl' });
  });

  it('answers « exists » for an address signed before, and changes nothing', async () => {
    const [first] = await submitSignatures(ctx.db, ctx.app.vault, [
      { input: input('deja@exemple.be'), locale: 'fr', assessment: accept, mail },
    ]);
    assert.equal(first, 'queued');
    const outcomes = await submitSignatures(ctx.db, ctx.app.vault, [
      { input: input('DEJA@exemple.be', { newsletter: true }), locale: 'nl', assessment: accept, mail },
      { input: input('nouveau@exemple.be'), locale: 'fr', assessment: accept, mail },
    ]);
    assert.deepEqual(outcomes, ['exists', 'queued']);
    assert.equal(await mailsTo('deja@exemple.be'), 1, 'no second mail');
    assert.equal(
      await ctx.db
        .selectFrom('newsletter_subscribers')
        .select('id')
        .where('email', '=', 'deja@exemple.be')
        .executeTakeFirst(),
      undefined,
    );
  });

  it('signs up again an address that had unsubscribed, and leaves a subscribed or bounced one as it was', async () => {
    const now = new Date().toISOString();
    const subscriber = (email: string, status: SubscriberStatus, seal: string) =>
      buildSubscriber(ctx.db, {
        email,
        status,
        unsubscribe_token_sealed: seal,
        created_at: now,
        confirmed_at: now,
        unsubscribed_at: status === 'unsubscribed' ? now : null,
        updated_at: now,
      });
    await subscriber('parti@exemple.be', 'unsubscribed', 'scelle-1');
    await subscriber('abonne@exemple.be', 'confirmed', 'scelle-2');
    await subscriber('rebond@exemple.be', 'bounced', 'scelle-3');
    const outcomes = await submitSignatures(ctx.db, ctx.app.vault, [
      { input: input('parti@exemple.be', { newsletter: true }), locale: 'nl', assessment: accept, mail },
      { input: input('abonne@exemple.be', { newsletter: true }), locale: 'nl', assessment: accept, mail },
      {
        input: input('rebond@exemple.be', { newsletter: true }),
        locale: 'nl',
        assessment: { verdict: 'quarantine', reasons: ['too_fast'] },
        mail,
      },
    ]);
    assert.deepEqual(outcomes, ['queued', 'queued', 'quarantined']);
    const rows = await ctx.db
      .selectFrom('newsletter_subscribers')
      .select(['email', 'status', 'locale', 'source', 'unsubscribe_token_sealed', 'unsubscribed_at', 'confirmed_at'])
      .where('email', 'in', ['parti@exemple.be', 'abonne@exemple.be', 'rebond@exemple.be'])
      .orderBy('email')
      .execute();
    assert.deepEqual(
      rows.map((r) => [
        r.email,
        r.status,
        r.locale,
        r.source,
        r.unsubscribe_token_sealed,
        r.unsubscribed_at === null,
        r.confirmed_at === null,
      ]),
      [
        ['abonne@exemple.be', 'confirmed', 'fr', 'form', 'scelle-2', true, false],
        ['parti@exemple.be', 'pending', 'nl', 'signature', 'scelle-1', true, true],
        ['rebond@exemple.be', 'bounced', 'fr', 'form', 'scelle-3', true, false],
      ],
    );
    const fresh = await submitSignatures(ctx.db, ctx.app.vault, [
      { input: input('nouvelle-abonnee@exemple.be', { newsletter: true }), locale: 'en', assessment: accept, mail },
    ]);
    assert.deepEqual(fresh, ['queued']);
    const created = await ctx.db
      .selectFrom('newsletter_subscribers')
      .selectAll()
      .where('email', '=', 'nouvelle-abonnee@exemple.be')
      .executeTakeFirstOrThrow();
    assert.equal(created.status, 'pending');
    assert.equal(created.source, 'signature');
    assert.equal(created.locale, 'en');
    assert.ok(
      created.unsubscribe_token_hash.length > 20 && created.unsubscribe_token_sealed.length > 20,
      'a sealed unsubscribe token and its hash',
    );
    const [mailRow] = await ctx.db
      .selectFrom('mail_outbox')
      .select(['subject', 'text_body', 'purpose', 'status'])
      .where('to_address', '=', 'nouvelle-abonnee@exemple.be')
      .execute();
    assert.equal(mailRow?.purpose, 'signature_confirm');
    assert.equal(mailRow?.status, 'queued');
    assert.match(mailRow?.text_body ?? '', /http:\/\/vigie\.test\/en\/manifeste\/confirmer\?jeton=/);
  });

  it('through the form: simultaneous visitors all get the neutral page, and every one of them is stored once', async () => {
    const agents = Array.from({ length: 8 }, () => new Agent(ctx.app));
    const pages = await Promise.all(agents.map((a) => a.get('/manifeste/signer')));
    const answers = await Promise.all(
      agents.map((a, i) => {
        const email = i === 7 ? 'ensemble-0@exemple.be' : `ensemble-${i}@exemple.be`;
        return a.post('/manifeste/signer', {
          ...antibotFieldsOf((pages[i] as { body: string }).body),
          kind: 'individual',
          name: `Ensemble ${i}`,
          functionOrOrg: '',
          town: '',
          email,
        });
      }),
    );
    assert.deepEqual(
      answers.map((r) => r.statusCode),
      Array(8).fill(200),
    );
    const neutral = answers.map((r) => /<main[\s\S]*<\/main>/.exec(r.body)?.[0]);
    assert.match(neutral[0] ?? '', /Vérifiez votre boîte mail/, 'the neutral page');
    assert.equal(new Set(neutral).size, 1, 'the same page for all, the repeated address included');
    const stored = await ctx.db.selectFrom('signatures').select('email').where('email', 'like', 'ensemble-%').execute();
    assert.equal(stored.length, 7);
    assert.equal(await mailsTo('ensemble-0@exemple.be'), 1);
  });
});
