import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildRequestInput, buildUser, loginAs } from '../../../tests/factories/index.js';
import type { Agent } from '../../../tests/setup/agent.js';
import { createTestApp, type TestContext } from '../../../tests/setup/app.js';
import { linkIn, startSmtp, type SmtpListener } from '../../../tests/support/smtp.js';
import { Agent as Browser } from '../../../tests/setup/agent.js';
import { PASSWORD } from '../../../tests/factories/index.js';
import { schoolYear } from '../../lib/school-calendar.js';
import type { CurrentUser } from '../../web/access.js';
import { createRequest } from '../requests/requests.service.js';

/**
 * The 2026-2027 Thursday afternoon shifts: every Thursday from the start of
 * the school year (24 August 2026) to the last day of classes (1 July 2027),
 * less the Fédération Wallonie-Bruxelles school holidays of 2026-2027 (source:
 * the Fédération's calendar file « Ens. Obligatoire 2026-2027 – FW-B
 * Calendrier Scolaire v1 », as copied by a school, checked 2026-11-27, not yet
 * read on enseignement.be: « à vérifier ») and the Belgian public holidays
 * (Ascension, 6 May 2027).
 */
const THURSDAYS_2026_2027 = [
  '2026-08-27',
  '2026-09-03',
  '2026-09-10',
  '2026-09-17',
  '2026-09-24',
  '2026-10-01',
  '2026-10-08',
  '2026-10-15',
  '2026-11-05',
  '2026-11-12',
  '2026-11-19',
  '2026-11-26',
  '2026-12-03',
  '2026-12-10',
  '2026-12-17',
  '2027-01-07',
  '2027-01-14',
  '2027-01-21',
  '2027-01-28',
  '2027-02-04',
  '2027-02-11',
  '2027-02-18',
  '2027-03-11',
  '2027-03-18',
  '2027-03-25',
  '2027-04-01',
  '2027-04-08',
  '2027-04-15',
  '2027-04-22',
  '2027-05-13',
  '2027-05-20',
  '2027-05-27',
  '2027-06-03',
  '2027-06-10',
  '2027-06-17',
  '2027-06-24',
  '2027-07-01',
];

describe(`helpline rota (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let ctx: TestContext;
  let smtp: SmtpListener;
  let now = new Date('2026-08-01T08:00:00Z');
  let alice: { agent: Agent; user: CurrentUser };
  let bruno: { agent: Agent; user: CurrentUser };

  before(async () => {
    smtp = await startSmtp();
    ctx = await createTestApp({ smtpUrl: smtp.url }, { clock: () => now });
    alice = await loginAs(ctx);
    const brunoUser = await buildUser(ctx.db, ['board'], { displayName: 'Bruno Bureau' });
    const agent = new Browser(ctx.app);
    await agent.get('/connexion');
    await agent.post('/connexion', { email: brunoUser.email, password: PASSWORD });
    bruno = { agent, user: brunoUser };
  });
  after(async () => {
    await ctx.close();
    await smtp.close();
  });

  const shiftOn = async (day: string) =>
    ctx.db.selectFrom('helpline_shifts').selectAll().where('held_on', '=', day).executeTakeFirstOrThrow();
  const flush = () => ctx.app.mailer.flush(ctx.db, now);

  it('generates the 2026-2027 shifts from the slots, without public and school holidays, marked « à vérifier »', async () => {
    await alice.agent.get('/bureau/permanences?annee=2026');
    const res = await alice.agent.post('/bureau/permanences/generer', { annee: '2026' });
    assert.equal(res.statusCode, 303);
    // The count is written with its plural, never « permanence(s) ajoutée(s) ».
    assert.match((await alice.agent.get('/bureau/permanences?annee=2026')).body, /37 permanences ajoutées\./);
    const journal = await ctx.db
      .selectFrom('audit_events')
      .select('summary')
      .where('action', '=', 'rota.update')
      .execute();
    assert.deepEqual(
      journal.map((j) => j.summary),
      ['37 permanences ajoutées'],
    );
    const rows = await ctx.db
      .selectFrom('helpline_shifts')
      .select(['held_on', 'starts_at', 'ends_at'])
      .orderBy('held_on')
      .execute();
    assert.deepEqual(
      rows.map((r) => r.held_on),
      THURSDAYS_2026_2027,
    );
    assert.ok(rows.every((r) => r.starts_at === '13:00' && r.ends_at === '16:00'));
    assert.equal(schoolYear(2026).sources[0]?.checkedOn, '2026-11-27');
    // Twice changes nothing.
    await alice.agent.post('/bureau/permanences/generer', { annee: '2026' });
    assert.equal((await ctx.db.selectFrom('helpline_shifts').select('id').execute()).length, 37);
    const page = await alice.agent.get('/bureau/permanences?annee=2026');
    assert.match(page.body, /Congé d’automne \(Toussaint\)\u00a0: 19\/10\/2026 au 30\/10\/2026 \(à vérifier\)/);
    assert.match(page.body, /jeudi 27 août 2026, de 13 h à 16 h/);
  });

  it('lets members take, give back and swap shifts; the swap goes through e-mail', async () => {
    const first = await shiftOn('2026-09-03');
    const second = await shiftOn('2026-09-10');
    assert.equal((await alice.agent.post(`/bureau/permanences/${first.id}/prendre`, {})).statusCode, 303);
    const twice = await bruno.agent.post(`/bureau/permanences/${first.id}/prendre`, {});
    assert.equal(twice.statusCode, 409);
    assert.match(twice.body, /Quelqu’un a déjà pris cette permanence/);
    assert.equal((await bruno.agent.post(`/bureau/permanences/${second.id}/prendre`, {})).statusCode, 303);
    // Giving back someone else's shift is refused.
    assert.equal((await alice.agent.post(`/bureau/permanences/${second.id}/rendre`, {})).statusCode, 409);

    const swap = await alice.agent.post(`/bureau/permanences/${first.id}/echanger`, { avec: String(second.id) });
    assert.equal(swap.statusCode, 303, swap.body);
    await flush();
    const asked = smtp.received.find((m) => m.to.includes(bruno.user.email));
    assert.match(asked?.subject ?? '', /propose un échange/);
    assert.match(asked?.text ?? '', /jeudi 3 septembre 2026.*contre la vôtre du jeudi 10 septembre 2026/s);
    const link = new URL(linkIn(asked, '/bureau/permanences/echanges/')).pathname;
    // Only the asked member may answer.
    assert.equal((await alice.agent.get(link)).statusCode, 404);
    assert.match((await bruno.agent.get(link)).body, /Accepter l’échange/);
    assert.equal((await bruno.agent.post(link, { reponse: 'accepter' })).statusCode, 303);
    assert.equal((await shiftOn('2026-09-03')).user_id, bruno.user.id);
    assert.equal((await shiftOn('2026-09-10')).user_id, alice.user.id);
    await flush();
    const answer = smtp.received.find((m) => m.to.includes(alice.user.email) && /accepte l’échange/.test(m.subject));
    assert.match(answer?.text ?? '', /vous tenez maintenant la permanence du jeudi 10 septembre 2026/);
    assert.equal((await bruno.agent.post(link, { reponse: 'accepter' })).statusCode, 409);

    assert.equal((await alice.agent.post(`/bureau/permanences/${second.id}/rendre`, {})).statusCode, 303);
    assert.equal((await shiftOn('2026-09-10')).user_id, null);
  });

  it('reminds the holder the day before, once, and alerts the board of an empty shift two weeks ahead, once', async () => {
    const before = smtp.received.length;
    // Wednesday 2 September 2026, 09:05 in Brussels: Bruno holds Thursday's shift; the 10th and 17th are empty.
    now = new Date('2026-09-02T07:05:00Z');
    await ctx.app.scheduler.tick();
    await flush();
    const fresh = smtp.received.slice(before);
    const reminder = fresh.filter((m) => /^Rappel\u00a0: permanence/.test(m.subject));
    assert.deepEqual(
      reminder.map((m) => m.to),
      [[bruno.user.email]],
    );
    assert.match(reminder[0]?.text ?? '', /le jeudi 3 septembre 2026, de 13 h à 16 h/);
    const alerts = fresh.filter((m) => /sans personne/.test(m.subject));
    assert.deepEqual(alerts.map((m) => m.to[0]).sort(), [alice.user.email, bruno.user.email].sort());
    assert.match(alerts[0]?.text ?? '', /jeudi 10 septembre 2026/);
    // The 17th is fifteen days away: not yet.
    assert.doesNotMatch(alerts[0]?.text ?? '', /jeudi 17 septembre/);

    // A second tick in the same period sends nothing.
    await ctx.app.scheduler.tick();
    await flush();
    assert.equal(smtp.received.length, before + fresh.length);

    // The next day (a new period): no second reminder; the alert names only the 17th, now two weeks ahead.
    now = new Date('2026-09-03T07:35:00Z');
    await ctx.app.scheduler.tick();
    await flush();
    const later = smtp.received.slice(before + fresh.length);
    assert.equal(later.filter((m) => /^Rappel/.test(m.subject)).length, 0);
    const next = later.filter((m) => /sans personne/.test(m.subject));
    assert.equal(next.length, 2);
    assert.match(next[0]?.subject ?? '', /17 septembre 2026/);
    assert.doesNotMatch(next[0]?.text ?? '', /10 septembre/);
  });

  it('links the calls noted during a shift to it', async () => {
    const input = await buildRequestInput(ctx.db, { subject: 'Appel à la permanence', receivedOn: '2026-09-03' });
    await createRequest(ctx.db, ctx.app.vault, { ...input, channel: 'helpline' }, alice.user);
    const shift = await shiftOn('2026-09-03');
    const page = await alice.agent.get(`/bureau/permanences/${shift.id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Appels notés pendant la permanence/);
    assert.match(page.body, /href="\/demandes\/\d+"/);
    const list = await alice.agent.get('/bureau/permanences?annee=2026');
    assert.match(list.body, new RegExp(`href="/bureau/permanences/${shift.id}">1</a>`));
  });

  it('is reserved to the board', async () => {
    const { agent } = await loginAs(ctx, ['admin']);
    assert.equal((await agent.get('/bureau/permanences')).statusCode, 403);
  });
});
