import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loginAs } from '../../../tests/factories/index.js';
import { Agent } from '../../../tests/setup/agent.js';
import { createTestApp, type TestContext } from '../../../tests/setup/app.js';
import { belgianPublicHolidays, easterSunday } from '../../lib/belgian-calendar.js';
import { guideUrl } from '../guide/guide.answers.js';
import { helplineSchedule } from './site.format.js';
import { nextHelplineOpening, openingsBetween } from './site.helpline.service.js';
import { helplineWhen } from './site.helpline.views.js';
import { DEFAULT_SETTINGS, DEFAULT_SLOTS, loadSettings, normaliseHour } from './site.settings.service.js';

/** Noon in Brussels on that day (11:00 or 10:00 UTC): safely before the shift ends. */
const at = (day: string, utcTime = '10:00') => new Date(`${day}T${utcTime}:00Z`);
const thursday = DEFAULT_SLOTS;
const dateOf = async (ctx: TestContext, now: Date, slots = thursday) =>
  (await nextHelplineOpening(ctx.db, slots, now))?.date;

describe(`helpline dates (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await createTestApp();
  });
  after(async () => ctx.close());

  it('knows Easter and the Belgian public holidays, Ascension included', () => {
    assert.equal(easterSunday(2025), '2025-04-20');
    assert.equal(easterSunday(2026), '2026-04-05');
    assert.equal(easterSunday(2027), '2027-03-28');
    assert.equal(belgianPublicHolidays(2025).get('2025-05-29'), 'Ascension');
    assert.equal(belgianPublicHolidays(2026).get('2026-05-14'), 'Ascension');
    assert.equal(belgianPublicHolidays(2026).get('2026-07-21'), 'Fête nationale');
  });

  it('gives the next Thursday, today included until the shift ends', async () => {
    // Monday 23 November 2026 → Thursday 26.
    assert.equal(await dateOf(ctx, at('2026-11-23')), '2026-11-26');
    // Thursday 26 at 11:00 Brussels: today. At 16:30 Brussels (15:30 UTC): next week.
    assert.equal(await dateOf(ctx, at('2026-11-26')), '2026-11-26');
    assert.equal(await dateOf(ctx, at('2026-11-26', '15:30')), '2026-12-03');
    // With a shift ending at 17:00, 16:30 is still today.
    const late = [{ weekday: 4, start: '14:00', end: '17:00' }];
    assert.equal(await dateOf(ctx, at('2026-11-26', '15:30'), late), '2026-11-26');
  });

  it('follows several slots a week, in order', async () => {
    const slots = [
      { weekday: 4, start: '14:00', end: '17:00' },
      { weekday: 2, start: '09:00', end: '12:00' },
    ];
    assert.deepEqual(await nextHelplineOpening(ctx.db, slots, at('2026-11-23')), {
      date: '2026-11-24',
      start: '09:00',
      end: '12:00',
    });
    // Tuesday at 12:30 Brussels: the morning slot is over, Thursday's comes next.
    assert.deepEqual(await nextHelplineOpening(ctx.db, slots, at('2026-11-24', '11:30')), {
      date: '2026-11-26',
      start: '14:00',
      end: '17:00',
    });
    assert.deepEqual(
      openingsBetween('2026-11-23', '2026-12-06', slots, []).map((o) => `${o.date} ${o.start}`),
      ['2026-11-24 09:00', '2026-11-26 14:00', '2026-12-01 09:00', '2026-12-03 14:00'],
    );
  });

  it('skips Ascension, even in a year whose school holidays nobody typed', async () => {
    // Ascension 2025 is Thursday 29 May (outside the spring holidays): the next shift is 5 June.
    assert.equal(await dateOf(ctx, at('2025-05-27')), '2025-06-05');
  });

  it('skips the school holidays of the Fédération Wallonie-Bruxelles (autumn, winter, summer)', async () => {
    assert.equal(await dateOf(ctx, at('2025-10-20')), '2025-11-06');
    // Winter 2026-2027 (21 December – 1 January): 24 and 31 December are off, back on 7 January.
    assert.equal(await dateOf(ctx, at('2026-12-18')), '2027-01-07');
    // Summer 2026: school starts again on Monday 24 August 2026, the first Thursday is the 27th.
    assert.equal(await dateOf(ctx, at('2026-07-03')), '2026-08-27');
  });

  it('writes the date and the weekly hours in French, Dutch and English', () => {
    const next = { date: '2026-11-26', start: '13:00', end: '16:00' };
    assert.equal(helplineWhen('fr', { next, settings: DEFAULT_SETTINGS }), 'jeudi 26 novembre 2026, de 13 h à 16 h');
    assert.equal(
      helplineWhen('nl', { next: { ...next, start: '13:30' }, settings: DEFAULT_SETTINGS }),
      'donderdag 26 november 2026, van 13.30 uur tot 16 uur',
    );
    assert.equal(
      helplineWhen('en', { next, settings: DEFAULT_SETTINGS }),
      'Thursday, 26 November 2026, 13:00 to 16:00',
    );
    const two = [
      { weekday: 2, start: '09:00', end: '12:00' },
      { weekday: 4, start: '14:00', end: '17:00' },
      { weekday: 4, start: '18:00', end: '19:30' },
    ];
    assert.equal(helplineSchedule('fr', two), 'le mardi de 9 h à 12 h et le jeudi de 14 h à 17 h et de 18 h à 19 h 30');
    assert.equal(helplineSchedule('nl', thursday), 'op donderdag van 13 uur tot 16 uur');
    assert.equal(helplineSchedule('en', thursday), 'on Thursdays from 13:00 to 16:00');
  });

  it('reads hours the way volunteers type them', () => {
    assert.equal(normaliseHour('14h'), '14:00');
    assert.equal(normaliseHour('9:30'), '09:30');
    assert.equal(normaliseHour('13 h 30'), '13:30');
    assert.equal(normaliseHour('13h30'), '13:30');
    assert.equal(normaliseHour('25:00'), null);
  });

  it('announces no helpline on the public site while it has no phone number', async () => {
    // Arrange: a new instance, hours but no number yet
    assert.equal((await loadSettings(ctx.db)).helplinePhone, '');

    // Act
    const pages = await Promise.all(['/', '/contact', '/nl'].map((path) => new Agent(ctx.app).get(path)));

    // Assert: no box a visitor could not act on
    for (const page of pages) {
      assert.equal(page.statusCode, 200);
      assert.doesNotMatch(page.body, /class="card helpline"/);
    }
  });

  it('lets the board set several slots, shown on the home page and the contact page', async () => {
    const { agent } = await loginAs(ctx);
    await agent.get('/bureau/contenu/reglages');
    const res = await agent.post('/bureau/contenu/reglages', {
      slot0_weekday: '4',
      slot0_start: '14:00',
      slot0_end: '17:00',
      slot1_weekday: '2',
      slot1_start: '9h',
      slot1_end: '12h',
      helplinePhone: '02 123 45 67',
      contactEmail: '',
      contactAddress: '',
    });
    assert.equal(res.statusCode, 303);
    assert.deepEqual((await loadSettings(ctx.db)).helplineSlots, [
      { weekday: 2, start: '09:00', end: '12:00' },
      { weekday: 4, start: '14:00', end: '17:00' },
    ]);
    for (const path of ['/', '/contact']) {
      const page = await new Agent(ctx.app).get(path);
      assert.match(page.body, /vous répond le mardi de 9 h à 12 h et le jeudi de 14 h à 17 h, hors vacances/);
      assert.match(page.body, /02 123 45 67/);
    }
    const nl = await new Agent(ctx.app).get('/nl');
    assert.match(nl.body, /op dinsdag van 9 uur tot 12 uur en op donderdag van 14 uur tot 17 uur/);
    // The guide's « whom to call » shows the next opening from the same slots, and the number.
    const result = await new Agent(ctx.app).get(
      guideUrl({ Q_BOUND: 'Oui', Q_CONTEXT: 'Oui', Q_SITUATION: 'DEMANDE', Q_WHO: 'POLICE', Q_POLICE_DANGER: 'Non' }),
    );
    assert.equal(result.statusCode, 200);
    assert.match(result.body, /(mardi|jeudi) \d+ \S+ \d{4}, de (9 h à 12 h|14 h à 17 h)/);
    assert.match(result.body, /href="tel:021234567"/);
  });

  it('refuses an incomplete or reversed slot, with a French message, and keeps the old ones', async () => {
    const { agent } = await loginAs(ctx);
    await agent.get('/bureau/contenu/reglages');
    const before = await loadSettings(ctx.db);
    const res = await agent.post('/bureau/contenu/reglages', {
      slot0_weekday: '4',
      slot0_start: '17:00',
      slot0_end: '14:00',
      slot1_weekday: '',
      slot1_start: '10:00',
      slot1_end: '',
      helplinePhone: '0499 00 00 00',
    });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Créneau 1\u00a0: la fin doit suivre le début/);
    assert.match(res.body, /Créneau 2\u00a0: choisissez le jour/);
    assert.match(res.body, /value="10:00"/, 'typed values come back');
    assert.deepEqual(await loadSettings(ctx.db), before, 'nothing saved');
    const none = await agent.post('/bureau/contenu/reglages', { helplinePhone: '' });
    assert.equal(none.statusCode, 400);
    assert.match(none.body, /au moins un créneau/);
  });

  it('reads the hours saved before several slots existed as a Thursday slot', async () => {
    await ctx.db.deleteFrom('settings').where('key', '=', 'site.helpline.slots').execute();
    await ctx.db
      .insertInto('settings')
      .values([
        { key: 'site.helpline.start', value: '13:30' },
        { key: 'site.helpline.end', value: '16:30' },
      ])
      .execute();
    assert.deepEqual((await loadSettings(ctx.db)).helplineSlots, [{ weekday: 4, start: '13:30', end: '16:30' }]);
  });

  it('lets the board add a closure, which the home page then skips', async () => {
    const slots = (await loadSettings(ctx.db)).helplineSlots;
    const next = await nextHelplineOpening(ctx.db, slots);
    assert.ok(next);
    const { agent } = await loginAs(ctx);
    const res = await agent.post('/bureau/contenu/fermetures', {
      startsOn: next.date,
      endsOn: next.date,
      label: 'Formation du bureau',
    });
    assert.equal(res.statusCode, 303);
    const later = await nextHelplineOpening(ctx.db, slots);
    assert.ok(later && later.date > next.date);
    const settings = await loadSettings(ctx.db);
    const home = await new Agent(ctx.app).get('/');
    assert.ok(!home.body.includes(helplineWhen('fr', { next, settings })));
    assert.ok(home.body.includes(helplineWhen('fr', { next: later, settings })));
    const list = await agent.get('/bureau/contenu/fermetures');
    assert.match(list.body, /Formation du bureau/);
    const bad = await agent.post('/bureau/contenu/fermetures', {
      startsOn: '2027-01-10',
      endsOn: '2027-01-01',
      label: 'x',
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Fin\u00a0: elle précède le début/);
  });
});
