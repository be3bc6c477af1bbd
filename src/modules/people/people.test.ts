import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { buildRequestInput, buildUser, loginAs } from '../../../tests/factories/index.js';
import type { Agent } from '../../../tests/setup/agent.js';
import { createTestApp, type TestContext } from '../../../tests/setup/app.js';
import { hashToken } from '../../lib/tokens.js';
import { frenchTypography } from '../../lib/typography.js';
import { consentsOf } from '../consent/consent.service.js';
import { queueMail } from '../mail/mail.service.js';
import { confirmedCounts } from '../manifesto/manifesto.queries.js';
import { confirmSignature } from '../manifesto/manifesto.service.js';
import { createMember } from '../members/members.service.js';
import { confirmSubscription, newsletterFigures, unsubscribe } from '../newsletter/newsletter.service.js';
import { createRequest, hasIdentity } from '../requests/requests.service.js';
import { EMAIL_MESSAGE } from '../../web/validation.js';

const EMAIL = 'alice.dupont@exemple.be';
const NAME = 'Alice Dupont';
const NOW = new Date('2026-11-27T10:00:00Z');
const FUTURE = '2026-12-31T00:00:00.000Z';

describe(`people's rights and the consent ledger (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let ctx: TestContext;
  let board: Agent;
  let aliceRequest = 0;
  let otherRequest = 0;

  before(async () => {
    ctx = await createTestApp({}, { clock: () => NOW });
    board = (await loginAs(ctx, ['board'])).agent;
    const user = await buildUser(ctx.db, ['board']);
    const stamp = { created_at: NOW.toISOString(), updated_at: NOW.toISOString() };
    await ctx.db
      .insertInto('signatures')
      .values({
        ...stamp,
        kind: 'individual',
        name: NAME,
        function_or_org: 'Assistante sociale',
        town: 'Namur',
        email: EMAIL,
        locale: 'fr',
        show_publicly: 1,
        newsletter: 0,
        contact: 1,
        hidden: 0,
        status: 'pending',
        quarantine_reasons: '',
        search_text: 'alice dupont',
        token_hash: hashToken('signature-token'),
        confirmed_at: null,
        expires_at: FUTURE,
      })
      .execute();
    assert.equal(await confirmSignature(ctx.db, 'signature-token', NOW), true);
    await ctx.db
      .insertInto('newsletter_subscribers')
      .values({
        ...stamp,
        email: EMAIL,
        locale: 'fr',
        status: 'pending',
        source: 'form',
        quarantine_reasons: '',
        confirm_token_hash: hashToken('confirm-token'),
        unsubscribe_token_sealed: 'sealed',
        unsubscribe_token_hash: hashToken('unsubscribe-token'),
        confirmed_at: null,
        unsubscribed_at: null,
        expires_at: FUTURE,
      })
      .execute();
    assert.equal(await confirmSubscription(ctx.db, 'confirm-token', NOW), true);
    assert.equal(await unsubscribe(ctx.db, 'unsubscribe-token', new Date(NOW.getTime() + 60_000)), true);
    await createMember(
      ctx.db,
      {
        kind: 'organisation',
        name: 'Asbl Les Colibris',
        contactEmail: EMAIL,
        contactPhone: '0478 00 00 00',
        joinedOn: '2024-01-01',
        leftOn: null,
        showPublicly: true,
        notes: 'Contact : Alice',
      },
      null,
    );
    const withIdentity = async (identityName: string, identityEmail: string) =>
      (
        await createRequest(
          ctx.db,
          ctx.app.vault,
          await buildRequestInput(ctx.db, { identityName, identityEmail, receivedOn: '2026-03-01' }),
          user,
        )
      ).id;
    aliceRequest = await withIdentity('alice  DUPONT', '');
    otherRequest = await withIdentity('Bernard Lenoir', 'bernard@exemple.be');
    await queueMail(ctx.db, {
      to: EMAIL,
      subject: 'Confirmez votre signature',
      text: 'Bonjour Alice',
      purpose: 'test',
    });
  });
  after(() => ctx.close());

  it('keeps a consent ledger fed by the Manifesto, newsletter and members forms, withdrawals included', async () => {
    const ledger = await consentsOf(ctx.db, { email: EMAIL, name: null });
    const lines = ledger.map((c) => `${c.form} ${c.purpose} ${c.action}`);
    assert.deepEqual(lines, [
      'manifesto signature given',
      'manifesto signature.public given',
      'manifesto contact given',
      'newsletter newsletter given',
      'unsubscribe newsletter withdrawn',
      'members member.public given',
    ]);
    for (const c of ledger) assert.match(c.text_version, /2026-11-27$/);
    assert.equal(ledger[4]?.at, new Date(NOW.getTime() + 60_000).toISOString());
  });

  it('finds everything held about an address or a name, decrypting identities only then, and audits it without the query', async () => {
    const res = await board.post('/bureau/personnes', { email: 'Alice.Dupont@exemple.be', name: NAME });
    assert.equal(res.statusCode, 200);
    for (const expected of ['Assistante sociale', 'Asbl Les Colibris', 'alice  DUPONT', 'Confirmez votre signature'])
      assert.ok(res.body.includes(expected), expected);
    assert.ok(!res.body.includes('Bernard Lenoir'), 'another requester stays hidden');
    const audit = await ctx.db
      .selectFrom('audit_events')
      .select('summary')
      .where('action', '=', 'person.search')
      .executeTakeFirstOrThrow();
    assert.match(audit.summary, /identités déchiffrées pour comparer : 2 ; trouvé : signatures : 1, abonnements : 1/);
    assert.doesNotMatch(audit.summary, /alice|dupont/i);
    assert.ok(!ctx.logs.join('').toLowerCase().includes('dupont'), 'nothing identifying in the logs');
  });

  it('refuses an empty or invalid search with a French message', async () => {
    // The app's one message for an invalid address (src/web/validation.ts), not a wording of its own.
    const res = await board.post('/bureau/personnes', { email: 'pas-une-adresse', name: '' });
    assert.equal(res.statusCode, 400);
    assert.ok(res.body.includes(frenchTypography(EMAIL_MESSAGE)));
    const empty = await board.post('/bureau/personnes', { email: '', name: '' });
    assert.equal(empty.statusCode, 400);
    assert.ok(empty.body.includes('Indiquez une adresse e-mail, un nom, ou les deux.'));
    const short = await board.post('/bureau/personnes', { email: '', name: 'Al' });
    assert.equal(short.statusCode, 400);
    assert.ok(short.body.includes(frenchTypography('Nom : au moins 3 caractères.')));
  });

  it('exports the same as JSON and as a readable PDF', async () => {
    const json = await board.post('/bureau/personnes/copie', { email: EMAIL, name: '', format: 'json' });
    assert.equal(json.statusCode, 200);
    assert.match(String(json.headers['content-disposition']), /attachment/);
    const data = JSON.parse(json.body) as { signatures: Array<{ name: string }>; consents: unknown[] };
    assert.equal(data.signatures[0]?.name, NAME);
    assert.equal(data.consents.length, 6);
    const pdf = await board.post('/bureau/personnes/copie', { email: EMAIL, name: NAME, format: 'pdf' });
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'vigie-person-')), 'copie.pdf');
    writeFileSync(file, pdf.rawPayload);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    for (const expected of ['Données vous concernant', NAME, 'Asbl Les Colibris', 'Recevoir la newsletter', 'retiré'])
      assert.ok(text.includes(expected), expected);
  });

  it('the privacy notice says how to ask and how long things are kept', async () => {
    const page = await ctx.app.inject({ method: 'GET', url: '/vie-privee' });
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes('Comment demander'));
    assert.ok(page.body.includes(`${ctx.app.config.retention.identityDays} jours après la clôture`));
  });

  it('is for the board only', async () => {
    const admin = (await loginAs(ctx, ['admin'])).agent;
    assert.equal((await admin.post('/bureau/personnes', { email: EMAIL })).statusCode, 403);
  });

  it('erases on request, keeping the anonymous counts', async () => {
    const countsBefore = await confirmedCounts(ctx.db);
    const figuresBefore = await newsletterFigures(ctx.db, 2026);
    const refused = await board.post('/bureau/personnes/effacer', { email: EMAIL, name: NAME });
    assert.equal(refused.statusCode, 400, 'the confirmation box is required');
    assert.equal(await hasIdentity(ctx.db, aliceRequest), true);

    const res = await board.post('/bureau/personnes/effacer', { email: EMAIL, name: NAME, confirm: 'oui' });
    assert.equal(res.statusCode, 303);
    assert.deepEqual(await confirmedCounts(ctx.db), countsBefore);
    assert.deepEqual(await newsletterFigures(ctx.db, 2026), figuresBefore);
    assert.equal(await hasIdentity(ctx.db, aliceRequest), false);
    assert.equal(await hasIdentity(ctx.db, otherRequest), true);
    const members = await ctx.db.selectFrom('members').select(['name', 'contact_email', 'kind']).execute();
    assert.deepEqual(
      members.map((m) => [m.contact_email, m.kind]),
      [['', 'organisation']],
    );

    const dump = JSON.stringify([
      await ctx.db.selectFrom('signatures').selectAll().execute(),
      await ctx.db.selectFrom('newsletter_subscribers').selectAll().execute(),
      await ctx.db.selectFrom('members').selectAll().execute(),
      await ctx.db.selectFrom('mail_outbox').selectAll().execute(),
      await ctx.db.selectFrom('consent_events').selectAll().execute(),
      await ctx.db.selectFrom('audit_events').select('summary').execute(),
    ]).toLowerCase();
    for (const trace of ['alice', 'dupont', 'colibris', '0478']) assert.ok(!dump.includes(trace), trace);

    const withdrawals = await ctx.db
      .selectFrom('consent_events')
      .select(['purpose', 'action'])
      .where('form', '=', 'erasure')
      .execute();
    assert.deepEqual(withdrawals.map((w) => `${w.purpose} ${w.action}`).sort(), [
      'contact withdrawn',
      'member.public withdrawn',
      'signature withdrawn',
      'signature.public withdrawn',
    ]);
    const again = await board.post('/bureau/personnes', { email: EMAIL, name: NAME });
    assert.ok(again.body.includes('effacé (seule une empreinte prouve la désinscription)'));
    assert.ok(!again.body.includes('Assistante sociale'));
  });
});
