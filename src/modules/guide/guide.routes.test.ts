// Over 300 lines: the guide through HTTP (API, public pages without JavaScript, back office: versions,
// a new Code pénal number, the review) on one app and one database set up once; each test is one
// journey, and splitting would start the app again per file.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildRequestInput, loginAs } from '../../../tests/factories/index.js';
import { Agent } from '../../../tests/setup/agent.js';
import { createTestApp, type TestContext } from '../../../tests/setup/app.js';
import { typesetText } from '../../lib/typography-html.js';
import { createRequest } from '../requests/requests.service.js';
import { guideUrl } from './guide.answers.js';
import { currentGuide, ensureGuideContent, publishGuide } from './guide.versions.service.js';
import { isCited, loadScenarios, splitMustCite } from '../../../tests/support/guide.js';

/** How @kitajs/html escapes a text node. */
function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

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
    assert.match(entry.body, /Brouillon — non relu par un·e juriste/);
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
    assert.match(page.body, /Brouillon — non relu par un·e juriste/);
    assert.match(page.body, /Que faire maintenant\u202f\?/);
    assert.match(page.body, /Code pénal de 1867, article 458 \(violation du secret professionnel\)/);
    assert.match(
      page.body,
      /href="https:\/\/www\.ejustice\.just\.fgov\.be\/eli\/loi\/1867\/06\/08\/1867060850\/justel"/,
    );
    assert.match(page.body, /non vérifié sur le texte officiel/);
    assert.match(page.body, /permanence/i);
    const back = await browser.get(`${guideUrl(answered, { question: 'Q_WHO' })}`);
    assert.match(back.body, /value="POLICE" checked/);
    const none = await browser.get(`${guideUrl({ Q_BOUND: 'Oui' })}&question=Q_CONTEXT`);
    assert.equal(none.statusCode, 422);
    assert.match(none.body, /Choisissez une réponse/);
  });

  it('shows every result with its points and steps, the helpline from the settings, and never a reviewer note', async () => {
    const { content } = await currentGuide(ctx.db);
    await ctx.db
      .insertInto('settings')
      .values([
        { key: 'site.helpline.phone', value: '02 123 45 67' },
        { key: 'site.helpline.start', value: '09:30' },
        { key: 'site.helpline.end', value: '11:00' },
      ])
      .execute();
    const reviewerNotes = [
      ...content.leaves.flatMap((l) => (l.reviewNotes ? [l.reviewNotes] : [])),
      ...content.references.flatMap((r) => (r.toVerify ? [r.toVerify] : [])),
    ];
    assert.ok(reviewerNotes.length > 10);
    const { scenarios } = loadScenarios();
    const seen = new Set<string>();
    const browser = new Agent(ctx.app);
    for (const s of scenarios) {
      if (seen.has(s.expected_leaf)) continue;
      seen.add(s.expected_leaf);
      const page = await browser.get(guideUrl(Object.fromEntries(s.answers)));
      assert.equal(page.statusCode, 200, s.id);
      const leaf = content.leaves.find((l) => l.id === s.expected_leaf);
      assert.ok(leaf);
      for (const point of leaf.points)
        assert.ok(page.body.includes(typesetText(escapeHtml(point))), `${s.id}: ${point}`);
      assert.match(page.body, /Que faire maintenant\u202f\?/);
      assert.match(page.body, /href="tel:021234567"/, `${s.id}: the helpline number from the settings`);
      assert.match(page.body, /de 9 h 30 à 11 h|9:30|09:30/, `${s.id}: the helpline hours from the settings`);
      assert.doesNotMatch(page.body, /⚠/, s.id);
      for (const note of reviewerNotes)
        assert.ok(!page.body.includes(escapeHtml(note)), `${s.id}: reviewer note leaked`);
    }
    assert.ok(seen.size >= 50, `${seen.size} results visited`);
  });

  it('publishes a newer shipped content over an older one at start-up', async () => {
    const before = await currentGuide(ctx.db);
    const older = { ...before.content, version: '0.1.0' };
    await ctx.db
      .insertInto('guide_versions')
      .values({
        content: JSON.stringify(older),
        summary: 'ancienne',
        created_by: null,
        created_at: new Date().toISOString(),
        reverted_from: null,
      })
      .execute();
    assert.equal((await currentGuide(ctx.db)).content.version, '0.1.0');
    await ensureGuideContent(ctx.db);
    const after = await currentGuide(ctx.db);
    assert.equal(after.content.version, before.content.version);
    await ensureGuideContent(ctx.db);
    assert.equal((await currentGuide(ctx.db)).id, after.id, 'nothing more to publish');
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
      points: leaf.points.join('\n'),
      steps: leaf.steps.join('\n'),
      text: 'Texte revu pour la police.',
      action: 'preview',
    });
    assert.equal(preview.statusCode, 200);
    assert.match(preview.body, /Aperçu/);
    assert.equal((await currentGuide(ctx.db)).id, before.id, 'a preview publishes nothing');
    const publish = await agent.post('/bureau/guide/leaf/L10', {
      title: 'Titre revu',
      points: leaf.points.join('\n'),
      steps: leaf.steps.join('\n'),
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
    const bad = await agent.post('/bureau/guide/reference/CIC_29', {
      checkedOn: '2026-11-23',
      url: '',
      numLabel: ['art. 29 CIC', 'art. 999 CIC'],
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

  it('lets a board member enter a new Code pénal number, only from the official text', async () => {
    const { agent } = await loginAs(ctx);
    const police = {
      Q_BOUND: 'Oui',
      Q_CONTEXT: 'Oui',
      Q_SITUATION: 'DEMANDE',
      Q_WHO: 'POLICE',
      Q_POLICE_DANGER: 'Non',
    };
    const form = await agent.get('/bureau/guide/reference/CP_458');
    assert.match(form.body, /Nouveau Code pénal/);
    assert.match(form.body, /ancien art\. 458 CP \(Code pénal de 1867\)/);
    // Dates are picked (or typed the Belgian way), never asked as « AAAA-MM-JJ ».
    assert.match(form.body, /name="checkedOn" type="date" value="\d{4}-\d{2}-\d{2}"/);
    assert.match(form.body, /name="newCheckedOn" type="date"/);
    assert.doesNotMatch(form.body, /AAAA/);
    const guessed = await agent.post('/bureau/guide/reference/CP_458', {
      checkedOn: '2026-11-27',
      url: 'https://www.ejustice.just.fgov.be/eli/loi/1867/06/08/1867060850/justel',
      newArticle: '999',
      newSource: 'https://refli.be/fr/lex/2024002088',
      newCheckedOn: '2026-11-27',
      action: 'publish',
    });
    assert.equal(guessed.statusCode, 422);
    assert.match(guessed.body, /Justel ou Moniteur belge/);
    const before = (await evaluate({ answers: police })).json().citations as string[];
    assert.deepEqual(before, ['ancien art. 458 CP (Code pénal de 1867)']);
    const entered = await agent.post('/bureau/guide/reference/CP_458', {
      checkedOn: '27/11/2026',
      url: 'https://www.ejustice.just.fgov.be/eli/loi/1867/06/08/1867060850/justel',
      newArticle: '999',
      newSource: 'https://www.ejustice.just.fgov.be/eli/loi/2024/02/29/2024002088/justel',
      newCheckedOn: '27/11/2026',
      action: 'publish',
    });
    assert.equal(entered.statusCode, 303, entered.body.slice(0, 3000));
    const { content } = await currentGuide(ctx.db);
    const ref = content.references.find((r) => r.id === 'CP_458');
    assert.equal(ref?.checkedOn, '2026-11-27');
    assert.equal(ref?.penalCode1867?.checkedOn, '2026-11-27');
    assert.deepEqual(ref?.numberings, [
      { label: 'art. 458 CP', validFrom: null, validUntil: '2026-04-07' },
      { label: 'art. 999 CP (ancien art. 458 CP)', validFrom: '2026-04-08', validUntil: null },
    ]);
    const after = (await evaluate({ answers: police })).json() as { citations: string[]; leaf: string };
    assert.deepEqual(after.citations, ['art. 999 CP (ancien art. 458 CP)']);
    assert.equal(after.leaf, 'L10');
  });

  it('reviews results and references one by one; the guide leaves draft only when everything is « relu »', async () => {
    const { agent } = await loginAs(ctx);
    const page = await agent.get('/bureau/guide/relecture');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /parcours mènent ici/);
    assert.match(page.body, /Points ouverts/);
    assert.match(page.body, /Bureau|Membre/);
    const { content } = await currentGuide(ctx.db);
    const items: Array<['leaf' | 'reference', string]> = [
      ...content.leaves.map((l): ['leaf', string] => ['leaf', l.id]),
      ...content.references.map((r): ['reference', string] => ['reference', r.id]),
    ];
    const last = items.pop();
    assert.ok(last);
    // Marks are stored directly for all but one item, then the last one goes through the form.
    const marked = structuredClone(content);
    for (const item of [...marked.leaves, ...marked.references]) {
      if (item.id !== last[1]) item.review = { by: 'Me Juriste', on: '2026-11-27' };
    }
    await publishGuide(ctx.db, marked, null, 'relectures');
    const result = async () =>
      (
        await new Agent(ctx.app).get(
          guideUrl({ Q_BOUND: 'Oui', Q_CONTEXT: 'Oui', Q_SITUATION: 'DEMANDE', Q_WHO: 'PRESSE' }),
        )
      ).body;
    assert.match(await result(), /Brouillon — non relu/);
    const bad = await agent.post(`/bureau/guide/relecture/${last[0]}/${last[1]}`, { by: '', on: '2026-11-27' });
    assert.equal(bad.statusCode, 303);
    assert.equal((await currentGuide(ctx.db)).content.status, 'draft');
    const done = await agent.post(`/bureau/guide/relecture/${last[0]}/${last[1]}`, {
      by: 'Me Juriste',
      on: '2026-11-27',
    });
    assert.equal(done.statusCode, 303);
    const reviewed = await currentGuide(ctx.db);
    assert.equal(reviewed.content.status, 'reviewed');
    assert.doesNotMatch(await result(), /Brouillon/);
    assert.match(await result(), /relu par un·e juriste/);
    // Editing a result clears its mark and brings the guide back to draft.
    const leaf = reviewed.content.leaves.find((l) => l.id === 'L25');
    assert.ok(leaf);
    const edit = await agent.post('/bureau/guide/leaf/L25', {
      title: leaf.title,
      points: leaf.points.join('\n'),
      steps: leaf.steps.join('\n'),
      text: `${leaf.text} Complément.`,
      action: 'publish',
    });
    assert.equal(edit.statusCode, 303, edit.body.slice(0, 2000));
    const edited = await currentGuide(ctx.db);
    assert.equal(edited.content.status, 'draft');
    assert.equal(edited.content.leaves.find((l) => l.id === 'L25')?.review, undefined);
    assert.match(await result(), /Brouillon — non relu/);
  });
});
