import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ICAL from 'ical.js';
import { loginAs } from '../../../tests/factories/index.js';
import { createTestApp, type TestContext } from '../../../tests/setup/app.js';

/** Summaries of an iCalendar text, read by ical.js. */
function summaries(ics: string): string[] {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  return calendar
    .getAllSubcomponents('vevent')
    .map((c) => new ICAL.Event(c).summary)
    .sort();
}

describe(`working groups, and the plenary in the calendars (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await createTestApp({}, { clock: () => new Date('2026-11-27T10:00:00Z') });
  });
  after(async () => ctx.close());

  it('creates a group with board and plenary members, and its meetings with notes', async () => {
    const { agent, user } = await loginAs(ctx);
    const { id: memberId } = await ctx.db
      .insertInto('members')
      .values({
        kind: 'individual',
        name: 'Gaëlle Plénière',
        contact_email: '',
        contact_phone: '',
        joined_on: '2023-01-01',
        left_on: null,
        show_publicly: 0,
        notes: '',
        created_at: '2026-01-01',
        updated_at: '2026-01-01',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await agent.get('/bureau/groupes');
    assert.equal((await agent.post('/bureau/groupes', { name: '', purpose: '' })).statusCode, 400);
    const created = await agent.post('/bureau/groupes', {
      name: 'Résistances',
      purpose: 'Des espaces où remettre la déontologie au centre du travail social.',
    });
    assert.equal(created.statusCode, 303, created.body);
    const page = String(created.headers.location);
    assert.equal((await agent.post(`${page}/membres`, { who: `u${user.id}` })).statusCode, 303);
    assert.equal((await agent.post(`${page}/membres`, { who: `m${memberId}` })).statusCode, 303);
    assert.equal((await agent.post(`${page}/membres`, { who: `m${memberId}` })).statusCode, 303, 'twice: kept once');
    assert.equal((await agent.post(`${page}/membres`, { who: 'm999999' })).statusCode, 400);
    const bad = await agent.post(`${page}/reunions`, { heldOn: '31/02/2027', notes: '' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Date\u00a0: indiquez une date/);
    const met = await agent.post(`${page}/reunions`, {
      heldOn: '15/12/2026',
      startsAt: '18h',
      place: 'Local de la FdSS',
      notes: 'Premier tour de table.',
    });
    assert.equal(met.statusCode, 303, met.body);
    const body = (await agent.get(page)).body;
    assert.match(body, /Gaëlle Plénière/);
    assert.match(body, /Premier tour de table\./);
    assert.match(body, /15 décembre 2026, 18 h 00 · Local de la FdSS/);
    const members = await ctx.db.selectFrom('working_group_members').selectAll().execute();
    assert.equal(members.length, 2);

    // The group meeting and the assemblies reach the member's private feed; a public assembly the public feed.
    const at = '2026-11-01T00:00:00.000Z';
    await ctx.db
      .insertInto('plenary_assemblies')
      .values([
        {
          title: 'Résister ensemble',
          held_on: '2026-12-12',
          starts_at: '09:30',
          is_public: 1,
          created_at: at,
          updated_at: at,
        },
        { title: 'Interne', held_on: '2027-03-13', is_public: 0, created_at: at, updated_at: at },
        { title: 'Annulée', held_on: '2027-04-10', is_public: 1, cancelled_at: at, created_at: at, updated_at: at },
      ])
      .execute();
    const link = /calendrier\.ics\?cle=([\w-]+)/.exec((await agent.post('/compte/agenda/lien', {})).body)?.[1];
    const feed = await ctx.app.inject({ method: 'GET', url: `/calendrier.ics?cle=${link}` });
    assert.equal(feed.statusCode, 200);
    assert.deepEqual(summaries(feed.body), [
      'Assemblée plénière : Interne',
      'Assemblée plénière : Résister ensemble',
      'Groupe de travail : Résistances',
    ]);
    const other = await loginAs(ctx);
    const otherLink = /calendrier\.ics\?cle=([\w-]+)/.exec(
      (await other.agent.post('/compte/agenda/lien', {})).body,
    )?.[1];
    const otherFeed = await ctx.app.inject({ method: 'GET', url: `/calendrier.ics?cle=${otherLink}` });
    assert.ok(!summaries(otherFeed.body).includes('Groupe de travail : Résistances'), 'only for the group’s members');
    const publicFeed = await ctx.app.inject({ method: 'GET', url: '/agenda.ics' });
    assert.deepEqual(summaries(publicFeed.body), ['Assemblée plénière : Résister ensemble']);
  });
});
