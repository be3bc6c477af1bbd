import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ICAL from 'ical.js';
import { loginAs } from '../../../tests/factories/index.js';
import { createTestApp, type TestContext } from '../../../tests/setup/app.js';

/** The events of an iCalendar text, read by ical.js (Mozilla's parser, used by Thunderbird). */
function eventsOf(
  ics: string,
): Array<{ summary: string; start: string; end: string; allDay: boolean; location: string }> {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  assert.equal(calendar.getFirstPropertyValue('version'), '2.0');
  return calendar.getAllSubcomponents('vevent').map((c) => {
    const e = new ICAL.Event(c);
    assert.ok(e.uid, 'every event has a UID');
    return {
      summary: e.summary,
      // All-day events as their dates, timed ones as UTC instants.
      start: e.startDate.isDate ? e.startDate.toString() : e.startDate.toJSDate().toISOString(),
      end: e.endDate.isDate ? e.endDate.toString() : e.endDate.toJSDate().toISOString(),
      allDay: e.startDate.isDate,
      location: e.location ?? '',
    };
  });
}

describe(`calendar feeds (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await createTestApp({}, { clock: () => new Date('2026-11-27T10:00:00Z') });
  });
  after(async () => ctx.close());

  it('gives each board member a private feed of their shifts and the board meetings, behind a revocable link', async () => {
    const { agent, user } = await loginAs(ctx);
    const other = await loginAs(ctx);
    const at = '2026-11-01T00:00:00.000Z';
    await ctx.db
      .insertInto('helpline_shifts')
      .values([
        { held_on: '2026-12-03', starts_at: '13:00', ends_at: '16:00', user_id: user.id, created_at: at },
        { held_on: '2026-12-10', starts_at: '13:00', ends_at: '16:00', user_id: other.user.id, created_at: at },
      ])
      .execute();
    await ctx.db
      .insertInto('board_meetings')
      .values([
        {
          kind: 'meeting',
          held_on: '2026-12-11',
          starts_at: '19:00',
          ends_at: '21:30',
          place: 'Maison, salle 2; étage',
          created_at: at,
          updated_at: at,
        },
        {
          kind: 'retreat',
          held_on: '2027-06-18',
          starts_at: null,
          ends_at: null,
          place: '',
          created_at: at,
          updated_at: at,
        },
        { kind: 'meeting', held_on: '2026-12-18', place: '', cancelled_at: at, created_at: at, updated_at: at },
      ])
      .execute();

    await agent.get('/compte/agenda');
    const page = await agent.post('/compte/agenda/lien', {});
    assert.equal(page.statusCode, 200);
    const link = /(http[^<\s]+\/calendrier\.ics\?cle=[A-Za-z0-9_-]+)/.exec(page.body)?.[1];
    assert.ok(link, 'the page shows the link once');
    const path = link.slice(link.indexOf('/calendrier.ics'));

    const feed = await ctx.app.inject({ method: 'GET', url: path });
    assert.equal(feed.statusCode, 200);
    assert.match(String(feed.headers['content-type']), /^text\/calendar/);
    assert.ok(
      feed.body.split('\n').every((l) => l === '' || l.endsWith('\r')),
      'CRLF line ends',
    );
    const events = eventsOf(feed.body);
    assert.deepEqual(events, [
      // 13:00 in Brussels in winter is 12:00 UTC.
      {
        summary: 'Permanence téléphonique',
        start: '2026-12-03T12:00:00.000Z',
        end: '2026-12-03T15:00:00.000Z',
        allDay: false,
        location: '',
      },
      {
        summary: 'Réunion de bureau',
        start: '2026-12-11T18:00:00.000Z',
        end: '2026-12-11T20:30:00.000Z',
        allDay: false,
        location: 'Maison, salle 2; étage',
      },
      { summary: 'Mise au vert du bureau', start: '2027-06-18', end: '2027-06-19', allDay: true, location: '' },
    ]);
    assert.doesNotMatch(feed.body, /2026-12-10|20261210/, 'another member’s shift is not in my feed');

    // A new link ends the old one; revoking ends every link.
    const renewed = await agent.post('/compte/agenda/lien', {});
    const second = /\/calendrier\.ics\?cle=[A-Za-z0-9_-]+/.exec(renewed.body)?.[0] ?? '';
    assert.equal((await ctx.app.inject({ method: 'GET', url: path })).statusCode, 404);
    assert.equal((await ctx.app.inject({ method: 'GET', url: second })).statusCode, 200);
    assert.equal((await agent.post('/compte/agenda/revoquer', {})).statusCode, 303);
    assert.equal((await ctx.app.inject({ method: 'GET', url: second })).statusCode, 404);
    assert.equal(
      (await ctx.app.inject({ method: 'GET', url: '/calendrier.ics?cle=nimportequoinimportequoi' })).statusCode,
      404,
    );
  });

  it('publishes the public agenda as a feed', async () => {
    const at = '2026-11-01T00:00:00.000Z';
    await ctx.db
      .insertInto('content_items')
      .values({
        type: 'event',
        slug: 'assemblee-pleniere-2026',
        locale: 'fr',
        translation_group: 'g-assemblee',
        title: 'Assemblée plénière : secret professionnel, où en est-on ?',
        summary: 'Débat, puis groupes de travail.',
        body: '',
        event_starts_on: '2026-12-05',
        event_ends_on: null,
        event_place: 'Bruxelles',
        status: 'published',
        published_at: at,
        created_by: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
    const res = await ctx.app.inject({ method: 'GET', url: '/agenda.ics' });
    assert.equal(res.statusCode, 200);
    const events = eventsOf(res.body);
    assert.equal(events.length, 1);
    assert.equal(events[0]?.summary, 'Assemblée plénière : secret professionnel, où en est-on ?');
    assert.equal(events[0]?.allDay, true);
    assert.equal(events[0]?.location, 'Bruxelles');
    // Long lines are folded at 75 octets and read back whole.
    assert.ok(res.body.split('\r\n').every((l) => Buffer.byteLength(l) <= 75));
  });

  it('keeps the link page to the board', async () => {
    const { agent } = await loginAs(ctx, ['admin']);
    assert.equal((await agent.get('/compte/agenda')).statusCode, 403);
  });
});
