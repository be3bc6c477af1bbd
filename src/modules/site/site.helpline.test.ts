import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loginAs } from '../../../tests/factories/index.js';
import { Agent } from '../../../tests/setup/agent.js';
import { createTestApp, type TestContext } from '../../../tests/setup/app.js';
import { belgianPublicHolidays, easterSunday, nextHelplineDate } from './site.helpline.js';
import { helplineWhen } from './site.public.routes.js';
import { DEFAULT_SETTINGS } from './site.settings.js';

/** Noon in Brussels on that day (11:00 or 10:00 UTC): safely before the shift ends. */
const at = (day: string, utcTime = '10:00') => new Date(`${day}T${utcTime}:00Z`);

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
    assert.equal(await nextHelplineDate(ctx.db, at('2026-11-23')), '2026-11-26');
    // Thursday 26 at 11:00 Brussels: today. At 16:30 Brussels (15:30 UTC): next week.
    assert.equal(await nextHelplineDate(ctx.db, at('2026-11-26')), '2026-11-26');
    assert.equal(await nextHelplineDate(ctx.db, at('2026-11-26', '15:30')), '2026-12-03');
    // With a shift ending at 17:00, 16:30 is still today.
    assert.equal(await nextHelplineDate(ctx.db, at('2026-11-26', '15:30'), '17:00'), '2026-11-26');
  });

  it('skips Ascension, even in a year whose school holidays nobody typed', async () => {
    // Ascension 2025 is Thursday 29 May (outside the spring holidays): the next shift is 5 June.
    assert.equal(await nextHelplineDate(ctx.db, at('2025-05-27')), '2025-06-05');
  });

  it('skips the seeded school holidays (autumn, winter, summer)', async () => {
    assert.equal(await nextHelplineDate(ctx.db, at('2025-10-20')), '2025-11-06');
    // Winter 2026-2027: 24 and 31 December are off, back on 7 January.
    assert.equal(await nextHelplineDate(ctx.db, at('2026-12-18')), '2027-01-07');
    // Summer 2026: from 2 July (last Thursday of school) straight to 3 September.
    assert.equal(await nextHelplineDate(ctx.db, at('2026-07-03')), '2026-09-03');
  });

  it('writes the date in French as the home page shows it', () => {
    assert.equal(
      helplineWhen('fr', { date: '2026-11-26', settings: DEFAULT_SETTINGS }),
      'jeudi 26 novembre 2026, de 13 h à 16 h',
    );
    assert.equal(
      helplineWhen('nl', { date: '2026-11-26', settings: { ...DEFAULT_SETTINGS, helplineStart: '13:30' } }),
      'donderdag 26 november 2026, van 13.30 uur tot 16 uur',
    );
    assert.equal(
      helplineWhen('en', { date: '2026-11-26', settings: DEFAULT_SETTINGS }),
      'Thursday, 26 November 2026, 13:00 to 16:00',
    );
  });

  it('lets the board add a closure, which the home page then skips', async () => {
    const next = await nextHelplineDate(ctx.db);
    assert.ok(next);
    const { agent } = await loginAs(ctx);
    const res = await agent.post('/bureau/contenu/fermetures', {
      startsOn: next,
      endsOn: next,
      label: 'Formation du bureau',
    });
    assert.equal(res.statusCode, 303);
    const after = await nextHelplineDate(ctx.db);
    assert.ok(after && after > next);
    const home = await new Agent(ctx.app).get('/');
    assert.ok(!home.body.includes(helplineWhen('fr', { date: next, settings: DEFAULT_SETTINGS })));
    assert.ok(home.body.includes(helplineWhen('fr', { date: after, settings: DEFAULT_SETTINGS })));
    const list = await agent.get('/bureau/contenu/fermetures');
    assert.match(list.body, /Formation du bureau/);
    assert.match(list.body, /Ascension/);
    const bad = await agent.post('/bureau/contenu/fermetures', {
      startsOn: '2027-01-10',
      endsOn: '2027-01-01',
      label: 'x',
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Fin : elle précède le début/);
  });
});
