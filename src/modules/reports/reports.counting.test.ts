import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loginAs } from '../../../tests/factories/index.js';
import { insertRequestRow } from '../../../tests/factories/requests.js';
import { createTestApp, type TestContext } from '../../../tests/setup/app.js';
import { monthsChart } from './reports.charts.js';
import { reportMarkdown } from './reports.markdown.js';
import { setCountingRule } from './reports.queries.js';
import { buildReport } from './reports.service.js';

/**
 * The figures of a faithfully recorded year (issue 12, « Wrong figures »):
 * which requests count, in which year, and what the months say.
 */
describe(`report figures: what counts and when (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let ctx: TestContext;
  const build = (years: number[], now = new Date('2030-01-15T10:00:00Z')) =>
    buildReport(ctx.db, years, { organisationName: 'CVTS', now });

  before(async () => {
    ctx = await createTestApp();
    const db = ctx.db;
    // 2017: two trainings given, one declined, one cancelled, one withdrawn; one negotiated for 2018.
    for (const [day, outcome] of [
      ['2017-02-01', 'done'],
      ['2017-03-01', 'done'],
      ['2017-03-15', 'declined'],
      ['2017-04-01', 'cancelled'],
      ['2017-05-01', 'withdrawn'],
    ] as const)
      await insertRequestRow(db, {
        receivedOn: day,
        kind: 'training',
        subject: `Formation ${day}`,
        outcome,
        ...(outcome === 'declined' || outcome === 'cancelled' ? { reason: 'no-time' } : {}),
      });
    await insertRequestRow(db, {
      receivedOn: '2017-11-20',
      kind: 'training',
      subject: 'Formation négociée pour 2018',
      outcome: 'later_year',
      plannedYear: 2018,
    });
    // Kinds outside the total, and advice requests in 2017 and 2018.
    await insertRequestRow(db, {
      receivedOn: '2017-03-10',
      kind: 'position',
      subject: 'Co-signature',
      outcome: 'done',
    });
    await insertRequestRow(db, { receivedOn: '2017-06-10', kind: 'advice', subject: 'Avis', outcome: 'answered' });
    await insertRequestRow(db, { receivedOn: '2018-01-10', kind: 'advice', subject: 'Avis', outcome: 'answered' });
    await insertRequestRow(db, { receivedOn: '2018-02-10', kind: 'advice', subject: 'Autre avis' });
    await insertRequestRow(db, { receivedOn: '2018-03-02', kind: 'advice', subject: 'Avis de mars' });
  });
  after(async () => ctx.close());

  it('counts every request received by default, and prints the rule it applied', async () => {
    const r = await build([2017]);
    assert.equal(r.requests.byKind.training?.['2017'], 5, 'declined, cancelled and withdrawn count');
    assert.equal(r.requests.total['2017'], 6);
    assert.deepEqual(r.requests.countingRule['2017'], {
      rule: 'received',
      fromYear: null,
      text: 'Toute demande reçue compte, quelle que soit sa suite (déclinée, annulée ou retirée comprise).',
    });
    assert.match(reportMarkdown(r), /Règle de comptage — Toute demande reçue compte, quelle que soit sa suite/);
    assert.doesNotMatch(reportMarkdown(r), /une demande reçue compte quelle que soit sa suite/);
    const { agent } = await loginAs(ctx);
    const page = await agent.get('/bureau/rapport/2017');
    assert.match(page.body, /Règle de comptage — Toute demande reçue compte/);
    assert.doesNotMatch(page.body, /une demande reçue compte quelle que soit sa suite/);
  });

  it('applies a rule dated from a year to that year and the next ones only, and says so year by year', async () => {
    const { agent } = await loginAs(ctx);
    const form = await agent.get('/bureau/rapport/2017-2018/regle');
    assert.equal(form.statusCode, 200);
    const saved = await agent.post('/bureau/rapport/2017-2018/regle', { fromYear: '2018', rule: 'took_place' });
    assert.equal(saved.statusCode, 303);
    const r = await build([2017, 2018]);
    assert.equal(r.requests.byKind.training?.['2017'], 5, '2017 keeps the default rule');
    assert.equal(r.requests.countingRule['2018']?.rule, 'took_place');
    assert.equal(r.requests.countingRule['2018']?.fromYear, 2018);
    assert.match(
      reportMarkdown(r),
      /En 2017\s: toute demande reçue compte[^.]*\. En 2018\s: les demandes déclinées, annulées ou retirées ne sont pas comptées/,
    );
    const audit = await ctx.db
      .selectFrom('audit_events')
      .select('summary')
      .where('action', '=', 'report.counting_rule')
      .execute();
    assert.deepEqual(
      audit.map((a) => a.summary),
      ['à partir de 2018 : took_place'],
    );
    const refused = await agent.post('/bureau/rapport/2017-2018/regle', { fromYear: '2018', rule: 'tout' });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /Règle\u00a0: choisissez une des règles proposées/);
    await setCountingRule(ctx.db, 2017, 'took_place', null);
    const strict = await build([2017]);
    assert.equal(strict.requests.byKind.training?.['2017'], 2, 'only the trainings given');
    assert.equal(strict.requests.notCounted['2017'], 3);
    assert.match(reportMarkdown(strict), /En 2017, 3 demandes déclinées, annulées ou retirées ne sont pas comptées\./);
    await ctx.db.deleteFrom('report_counting_rules').execute();
  });

  it('counts « Prévue en 2018 » in 2018, not in the year it was asked for', async () => {
    const r = await build([2017, 2018]);
    assert.equal(r.requests.byKind.training?.['2017'], 5, 'the five received and not put off');
    assert.equal(r.requests.byKind.training?.['2018'], 1);
    assert.deepEqual([r.requests.carriedOut['2017'], r.requests.carriedIn['2018']], [1, 1]);
    assert.equal(r.requests.total['2018'], 4);
    assert.equal(r.requests.previousYearTotal['2018'], 6);
    const later = r.review.kinds.find((k) => k.code === 'training')?.later ?? [];
    assert.match(later[0]?.outcome ?? '', /Prévue en 2018/);
  });

  it('months: only the total’s requests, adding up to the total, and the kinds left out are named', async () => {
    const r = await build([2017, 2018]);
    const sum = (y: string) => (r.requests.months[y] ?? []).reduce<number>((a, b) => a + (b ?? 0), 0);
    assert.equal(sum('2017'), r.requests.total['2017'], 'the co-signature is not in the months');
    assert.equal(sum('2018') + (r.requests.carriedIn['2018'] ?? 0), r.requests.total['2018']);
    const md = reportMarkdown(r);
    const months = md.slice(md.indexOf('### 1.2 Les demandes par mois'));
    assert.match(months, /\| \*\*Total\*\* \| \*\*6\*\* \| \*\*4\*\* \|/);
    assert.match(months, /\| Prévues l’année précédente \| 0 \| 1 \|/);
    assert.match(
      months,
      /Hors total, donc pas ici\s: Avis écrit, co-signature, carte blanche, pétition[^(]*\(1 en 2017\)/,
    );
  });

  it('does not plot the month under way, nor the months to come, as zero', async () => {
    const r = await build([2018], new Date('2018-03-20T10:00:00Z'));
    assert.deepEqual(r.requests.months['2018'], [1, 1, 1, null, null, null, null, null, null, null, null, null]);
    assert.deepEqual(r.requests.monthInProgress, { year: 2018, month: 3 });
    const md = reportMarkdown(r);
    assert.match(md, /\| mars \| 1 \(mois en cours\) \|/);
    assert.match(md, /\| avril \| — \|/);
    const svg = monthsChart(r);
    assert.equal((svg.match(/<circle /g) ?? []).length, 2, 'January and February only');
    assert.match(svg, /mars non compté \(mois pas terminé\), avril non compté/);
  });
});
