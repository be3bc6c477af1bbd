import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { createTestApp, testConfig, type TestContext } from '../../../tests/setup/app.js';
import { createTestDatabase, testEngine, type TestDatabase } from '../../../tests/setup/databases.js';
import { buildRequestInput, buildUser, loginAs } from '../../../tests/factories/index.js';
import { openDatabase, type DatabaseHandle } from '../../db/index.js';
import { createRequest } from '../requests/requests.service.js';
import { captureOutput } from '../../../tests/setup/cli.js';
import { runCli } from '../../cli.js';
import { FIGURE_KEYS } from './figures.keys.js';
import { getFigure, listFigures, manualFigures, parseFigure, setFigure } from './figures.service.js';
import { FieldValidationError } from '../../errors.js';

describe(`yearly figures (${testEngine()})`, () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await createTestApp();
  });
  after(async () => ctx.close());

  it('documents at least the keys the report needs', () => {
    const keys = FIGURE_KEYS.map((k) => k.key);
    for (const k of [
      'requests.total',
      'board.meetings',
      'board.retreats',
      'helpline.shifts',
      'facebook.followers',
      'facebook.posts',
      'manifesto.printed_copies',
      'website.visits.since_start',
    ])
      assert.ok(keys.includes(k), k);
    assert.equal(new Set(keys).size, keys.length);
    const doc = readFileSync(new URL('../../../docs/import.md', import.meta.url), 'utf8');
    for (const k of FIGURE_KEYS)
      assert.ok(doc.includes(`| \`${k.key}\` | ${k.label} |`), `docs/import.md documents ${k.key}`);
  });

  it('sets, replaces and lists figures; manualFigures gives year → key → value and note; every change is audited', async () => {
    const user = await buildUser(ctx.db);
    assert.equal(
      await setFigure(
        ctx.db,
        parseFigure({ year: '2016', key: 'requests.total', value: '39', note: 'rapport 2016' }),
        user.id,
      ),
      'created',
    );
    assert.equal(
      await setFigure(ctx.db, parseFigure({ year: '2016', key: 'requests.total', value: '41', note: '' }), user.id),
      'updated',
    );
    await setFigure(
      ctx.db,
      parseFigure({ year: '2019', key: 'website.visits.since_start', value: '147.263', note: '' }),
      user.id,
    );
    await setFigure(
      ctx.db,
      parseFigure({ year: '2019', key: 'facebook.followers', value: '968', note: 'au 29/09/2021' }),
      null,
    );
    assert.equal((await getFigure(ctx.db, 2016, 'requests.total'))?.value, 41);
    const figures = await manualFigures(ctx.db, [2016, 2019, 2020]);
    assert.deepEqual(figures, {
      2016: { 'requests.total': { value: 41, note: '' } },
      2019: {
        'website.visits.since_start': { value: 147263, note: '' },
        'facebook.followers': { value: 968, note: 'au 29/09/2021' },
      },
      2020: {},
    });
    assert.deepEqual(
      (await listFigures(ctx.db, { year: 2019 })).map((f) => f.key),
      ['website.visits.since_start', 'facebook.followers'],
      'in the order of FIGURE_KEYS',
    );
    const audit = await ctx.db
      .selectFrom('audit_events')
      .select(['entity_id', 'summary'])
      .where('action', '=', 'figure.set')
      .orderBy('id')
      .execute();
    assert.deepEqual(audit.slice(0, 2), [
      { entity_id: '2016:requests.total', summary: '39' },
      { entity_id: '2016:requests.total', summary: '39 → 41' },
    ]);
  });

  it('rejects an unknown key with the list of keys, and bad years or values, in French', () => {
    assert.throws(
      () => parseFigure({ year: '2016', key: 'facebook.likes', value: '3', note: '' }),
      (e: unknown) =>
        e instanceof FieldValidationError &&
        /^Chiffre : clé inconnue « facebook\.likes » \(clés possibles : requests\.total, board\.meetings, /.test(
          e.errors.key ?? '',
        ),
    );
    assert.throws(
      () => parseFigure({ year: '16', key: 'requests.total', value: '3', note: '' }),
      (e: unknown) => e instanceof FieldValidationError && /Année/.test(e.errors.year ?? ''),
    );
    for (const value of ['-3', '3,5', 'beaucoup', '']) {
      assert.throws(
        () => parseFigure({ year: '2016', key: 'requests.total', value, note: '' }),
        (e: unknown) => e instanceof FieldValidationError && /Valeur/.test(e.errors.value ?? ''),
        value,
      );
    }
  });

  it('lets the board add, edit and delete figures on « Chiffres », and says when the register wins', async () => {
    const { agent, user } = await loginAs(ctx);
    const page = await agent.get('/bureau/chiffres');
    assert.equal(page.statusCode, 200);
    assert.match(
      (await agent.get('/bureau')).body,
      /<a href="\/bureau\/chiffres">Chiffres de l’année<\/a>/,
      'listed in « Tout le menu »',
    );
    const bad = await agent.post('/bureau/chiffres', { year: '2017', key: 'inconnue', value: 'x', note: '' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Chiffre\u00a0: clé inconnue «\u00a0inconnue\u00a0»/);
    assert.match(bad.body, /Valeur\u00a0: un nombre entier positif/);
    const ok = await agent.post('/bureau/chiffres', { year: '2017', key: 'board.meetings', value: '18', note: 'PV' });
    assert.equal(ok.statusCode, 303);
    const list = await agent.get('/bureau/chiffres');
    assert.match(list.body, /Chiffre ajouté\u00a0: 2017, Réunions de bureau = 18\./);
    assert.match(list.body, /<h2 id="y-2017">2017<\/h2>/);
    const edit = await agent.get('/bureau/chiffres?annee=2017&cle=board.meetings');
    assert.match(edit.body, /Modifier un chiffre/);
    assert.match(edit.body, /name="value" type="text" value="18"/);
    await agent.post('/bureau/chiffres', { year: '2017', key: 'board.meetings', value: '19', note: 'PV' });
    assert.equal((await getFigure(ctx.db, 2017, 'board.meetings'))?.value, 19);
    // A year the register holds: its own count wins over requests.total typed by hand.
    await createRequest(ctx.db, ctx.app.vault, await buildRequestInput(ctx.db, { receivedOn: '2017-03-01' }), user);
    await agent.post('/bureau/chiffres', { year: '2017', key: 'requests.total', value: '50', note: '' });
    assert.match(
      (await agent.get('/bureau/chiffres')).body,
      /Ignoré\u00a0: le registre contient des demandes pour cette année\./,
    );
    const del = await agent.post('/bureau/chiffres/supprimer', { year: '2017', key: 'board.meetings' });
    assert.equal(del.statusCode, 303);
    assert.equal(await getFigure(ctx.db, 2017, 'board.meetings'), undefined);
    const { agent: admin } = await loginAs(ctx, ['admin']);
    assert.equal((await admin.get('/bureau/chiffres')).statusCode, 403);
    assert.equal(
      (await admin.post('/bureau/chiffres', { year: '2017', key: 'board.meetings', value: '1', note: '' })).statusCode,
      403,
    );
  });
});

describe(`vigie figures (${testEngine()})`, () => {
  let testDb: TestDatabase;
  let handle: DatabaseHandle;
  const io = captureOutput;
  before(async () => {
    testDb = await createTestDatabase();
    handle = openDatabase(testDb.config);
  });
  after(async () => {
    await handle.destroy();
    await testDb.drop();
  });

  it('sets and lists figures, refuses an unknown key with exit code 2', async () => {
    const config = testConfig({}, testDb.config);
    const set = io();
    assert.equal(
      await runCli(['figures', 'set', '2016', 'requests.total', '39', '--note', 'rapport 2016'], set, { config }),
      0,
      set.stderr,
    );
    assert.equal(set.stdout, 'Chiffre ajouté : 2016 requests.total = 39 (rapport 2016).\n');
    assert.equal(await runCli(['figures', 'set', '2019', 'facebook.posts', '29'], io(), { config }), 0);
    const list = io();
    assert.equal(await runCli(['figures', 'list', '2016'], list, { config }), 0);
    assert.equal(list.stdout, '2016\trequests.total\t39\tNombre total de demandes — rapport 2016\n');
    const all = io();
    assert.equal(await runCli(['figures', 'list'], all, { config }), 0);
    assert.equal(all.stdout.split('\n').filter(Boolean).length, 2);
    const unknown = io();
    assert.equal(await runCli(['figures', 'set', '2016', 'facebook.likes', '3'], unknown, { config }), 2);
    assert.match(unknown.stderr, /clé inconnue « facebook\.likes » \(clés possibles : requests\.total,/);
    const keys = io();
    assert.equal(await runCli(['figures', 'keys'], keys, { config }), 0);
    assert.match(keys.stdout, /^requests\.total\tNombre total de demandes/);
    assert.equal(await runCli(['figures', 'set', '2016'], io(), { config }), 2);
    const rows = await handle.db
      .selectFrom('yearly_figures')
      .select(['year', 'key', 'value'])
      .orderBy('year')
      .execute();
    assert.deepEqual(rows, [
      { year: 2016, key: 'requests.total', value: 39 },
      { year: 2019, key: 'facebook.posts', value: 29 },
    ]);
  });
});
