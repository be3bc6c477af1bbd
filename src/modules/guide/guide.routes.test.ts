import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildRequestInput, loginAs } from '../../../tests/factories/index.js';
import { Agent } from '../../../tests/setup/agent.js';
import { createTestApp, type TestContext } from '../../../tests/setup/app.js';
import { createRequest } from '../requests/requests.service.js';
import { guideUrl } from './guide.answers.js';
import { currentGuide } from './guide.store.js';
import { isCited, loadScenarios, splitMustCite } from '../../../tests/support/guide.js';

describe(`guide web, API and back office (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await createTestApp();
  });
  after(async () => ctx.close());

  const evaluate = (payload: unknown) =>
    ctx.app.inject({ method: 'POST', url: '/api/guide/evaluate', payload: payload as object });

  it('answers every scenario of the spec through the API', async () => {
    const { scenarios } = loadScenarios();
    assert.ok(scenarios.length >= 56);
    for (const s of scenarios) {
      const res = await evaluate({ answers: Object.fromEntries(s.answers) });
      assert.equal(res.statusCode, 200, `${s.id}: ${res.body}`);
      const body = res.json() as {
        leaf: string;
        category: string;
        citations: string[];
        checkedOn: string;
        path: string[];
        text: string;
      };
      assert.equal(body.leaf, s.expected_leaf, s.id);
      assert.equal(body.category, s.expected_category, s.id);
      for (const item of splitMustCite(s.must_cite))
        assert.ok(isCited(item, body.citations), `${s.id}: « ${item} » missing from ${JSON.stringify(body.citations)}`);
      assert.match(body.checkedOn, /^\d{4}-\d{2}-\d{2}$/);
      assert.equal(body.path[0], 'Q_BOUND');
      assert.ok(body.text.length > 20);
    }
  });

  it('answers 422 with the missing question, 400 naming an unknown question or answer', async () => {
    const missing = await evaluate({ answers: { Q_BOUND: 'Oui', Q_CONTEXT: 'Oui', Q_SITUATION: 'DEMANDE' } });
    assert.equal(missing.statusCode, 422);
    assert.equal(missing.json().missing, 'Q_WHO');
    const unknownQuestion = await evaluate({ answers: { Q_BOUND: 'Oui', Q_NOPE: 'Oui' } });
    assert.equal(unknownQuestion.statusCode, 400);
    assert.match(unknownQuestion.json().message, /Q_NOPE/);
    const unknownAnswer = await evaluate({ answers: { Q_BOUND: 'Peut-être' } });
    assert.equal(unknownAnswer.statusCode, 400);
    assert.match(unknownAnswer.json().message, /Peut-être/);
    const badBody = await evaluate({ answers: ['Q_BOUND'] });
    assert.equal(badBody.statusCode, 400);
    assert.match(badBody.json().message, /answers/);
    const notJson = await ctx.app.inject({
      method: 'POST',
      url: '/api/guide/evaluate',
      headers: { 'content-type': 'application/json' },
      payload: '{oops',
    });
    assert.equal(notJson.statusCode, 400);
  });

  it('walks the public pages without JavaScript: one question per page, back keeps answers, result with articles', async () => {
    const browser = new Agent(ctx.app);
    const entry = await browser.get('/guide');
    assert.equal(entry.statusCode, 200);
    assert.equal(entry.headers['set-cookie'], undefined, 'a visitor of the guide receives no cookie');
    assert.match(entry.body, /avis juridique/);
    let page = await browser.get('/guide/parcours');
    assert.match(page.body, /<fieldset>/);
    assert.match(page.body, /<legend>/);
    assert.match(page.body, /En savoir plus/);
    const steps: Array<[string, string]> = [
      ['Q_BOUND', 'Oui'],
      ['Q_CONTEXT', 'Oui'],
      ['Q_SITUATION', 'DEMANDE'],
      ['Q_WHO', 'POLICE'],
      ['Q_POLICE_DANGER', 'Non'],
    ];
    let url = '/guide/parcours?';
    const answered: Record<string, string> = {};
    for (const [question, answer] of steps) {
      const submit = await browser.get(`${guideUrl(answered)}&question=${question}&reponse=${answer}`);
      assert.equal(submit.statusCode, 303);
      answered[question] = answer;
      url = submit.headers.location as string;
    }
    page = await browser.get(url);
    assert.equal(page.statusCode, 200);
    assert.equal(page.headers['set-cookie'], undefined);
    assert.match(page.body, /Vous devez vous taire/);
    assert.match(page.body, /art\. 458 CP/);
    assert.match(page.body, /vérifié le/i);
    assert.match(page.body, /permanence/i);
    const back = await browser.get(`${guideUrl(answered, { question: 'Q_WHO' })}`);
    assert.match(back.body, /value="POLICE" checked/);
    const none = await browser.get(`${guideUrl({ Q_BOUND: 'Oui' })}&question=Q_CONTEXT`);
    assert.equal(none.statusCode, 422);
    assert.match(none.body, /Choisissez une réponse/);
  });

  it('lets a board member attach a result to a request timeline', async () => {
    const { agent, user } = await loginAs(ctx);
    const { id } = await createRequest(ctx.db, ctx.app.vault, await buildRequestInput(ctx.db), user);
    const answers = {
      Q_BOUND: 'Oui',
      Q_CONTEXT: 'Oui',
      Q_SITUATION: 'DEMANDE',
      Q_WHO: 'POLICE',
      Q_POLICE_DANGER: 'Non',
    };
    const result = await agent.get(guideUrl(answers, { request: id }));
    assert.match(result.body, /Joindre à la demande/);
    const attach = await agent.post(`/demandes/${id}/guide`, {
      r: 'Q_BOUND:Oui;Q_CONTEXT:Oui;Q_SITUATION:DEMANDE;Q_WHO:POLICE;Q_POLICE_DANGER:Non',
    });
    assert.equal(attach.statusCode, 303);
    const event = await ctx.db
      .selectFrom('request_events')
      .selectAll()
      .where('request_id', '=', id)
      .where('type', '=', 'guide')
      .executeTakeFirstOrThrow();
    assert.match(event.body, /L10/);
    assert.equal(JSON.parse(event.data ?? '{}').answers.Q_WHO, 'POLICE');
    const anonymous = new Agent(ctx.app);
    const page = await anonymous.get(guideUrl(answers, { request: id }));
    assert.doesNotMatch(page.body, /Joindre à la demande/);
  });

  it('versions every edit, refuses an invalid one, previews, and restores an old version', async () => {
    const { agent } = await loginAs(ctx);
    const before = await currentGuide(ctx.db);
    const leaf = before.content.leaves.find((l) => l.id === 'L10');
    assert.ok(leaf);
    const preview = await agent.post('/bureau/guide/leaf/L10', {
      title: 'Titre revu',
      text: 'Texte revu pour la police.',
      action: 'preview',
    });
    assert.equal(preview.statusCode, 200);
    assert.match(preview.body, /Aperçu/);
    assert.equal((await currentGuide(ctx.db)).id, before.id, 'a preview publishes nothing');
    const publish = await agent.post('/bureau/guide/leaf/L10', {
      title: 'Titre revu',
      text: 'Texte revu pour la police.',
      action: 'publish',
    });
    assert.equal(publish.statusCode, 303);
    const after1 = await currentGuide(ctx.db);
    assert.ok(after1.id > before.id);
    assert.equal(after1.content.leaves.find((l) => l.id === 'L10')?.title, 'Titre revu');
    const api = await evaluate({
      answers: { Q_BOUND: 'Oui', Q_CONTEXT: 'Oui', Q_SITUATION: 'DEMANDE', Q_WHO: 'POLICE', Q_POLICE_DANGER: 'Non' },
    });
    assert.equal(api.json().text, 'Texte revu pour la police.');
    const versions = await ctx.db.selectFrom('guide_versions').selectAll().orderBy('id', 'desc').execute();
    assert.match(versions[0]?.summary ?? '', /leaves\.L10\.(title|text)/);

    // A reference whose numberings leave a gap fails the validator: refused, nothing published.
    const bad = await agent.post('/bureau/guide/reference/CP_458', {
      checkedOn: '2026-11-23',
      url: '',
      numLabel: ['art. 458 CP', 'art. 999 CP'],
      numFrom: ['', '2027-01-10'],
      numUntil: ['2026-12-31', ''],
      action: 'publish',
    });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /Modification refusée/);
    assert.equal((await currentGuide(ctx.db)).id, after1.id);

    const restore = await agent.post(`/bureau/guide/versions/${before.id}/restaurer`, {});
    assert.equal(restore.statusCode, 303);
    const restored = await currentGuide(ctx.db);
    assert.equal(restored.content.leaves.find((l) => l.id === 'L10')?.title, leaf.title);
    const audit = await ctx.db.selectFrom('audit_events').select('action').where('entity_type', '=', 'guide').execute();
    assert.deepEqual(audit.map((a) => a.action).sort(), ['guide.publish', 'guide.revert']);
  });

  it('renumbers a reference on a date without touching the flow', async () => {
    const { agent } = await loginAs(ctx);
    const res = await agent.post('/bureau/guide/reference/CP_458', {
      checkedOn: '2026-11-23',
      url: '',
      numLabel: ['art. 458 CP', 'art. 999 CP (ancien art. 458 CP)'],
      numFrom: ['', '2030-01-01'],
      numUntil: ['2029-12-31', ''],
      action: 'publish',
    });
    assert.equal(res.statusCode, 303, res.body.slice(0, 2000));
    const api = await evaluate({
      answers: { Q_BOUND: 'Oui', Q_CONTEXT: 'Oui', Q_SITUATION: 'DEMANDE', Q_WHO: 'POLICE', Q_POLICE_DANGER: 'Non' },
    });
    assert.ok((api.json().citations as string[]).includes('art. 458 CP'), 'today the old number is cited');
  });
});
