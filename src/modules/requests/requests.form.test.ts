import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildRequestInput, intakeForm, loginAs } from '../../../tests/factories/index.js';
import type { Agent } from '../../../tests/setup/agent.js';
import { createTestApp, type TestContext } from '../../../tests/setup/app.js';
import { moveIdentifyingText } from './requests.identifying.js';
import { createRequest } from './requests.service.js';

/** The `<select>` of a field, as served. */
function selectOf(html: string, name: string): string {
  return new RegExp(`<select id="${name}"[\\s\\S]*?</select>`).exec(html)?.[0] ?? '';
}

describe(`request form: no silent default, plain choices (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let ctx: TestContext;
  let agent: Agent;
  before(async () => {
    ctx = await createTestApp();
    ({ agent } = await loginAs(ctx, ['board']));
  });
  after(async () => ctx.close());

  it('the full form starts the type on « Choisir… » and refuses it left so', async () => {
    // Act
    const page = await agent.get('/demandes/nouvelle');
    const refused = await agent.post('/demandes', await intakeForm(ctx.db, { mode: 'full', kindId: '' }));

    // Assert
    const kind = selectOf(page.body, 'kindId');
    assert.match(kind, /^<select[^>]*>\s*<option value="">Choisir…<\/option>/);
    assert.doesNotMatch(kind, /selected/, 'no type chosen for the volunteer');
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /id="kindId-error"/);
  });

  it('offers « Non précisée » once among regions (new or edited), and « Qui appelle ? » is not marked required in an optional part', async () => {
    // Act
    const page = await agent.get('/demandes/nouvelle');

    // Assert
    assert.equal(selectOf(page.body, 'region').match(/Non précisée/g)?.length, 1);
    const { user } = await loginAs(ctx, ['board']);
    const saved = await createRequest(
      ctx.db,
      ctx.app.vault,
      await buildRequestInput(ctx.db, { region: 'unknown' }),
      user,
    );
    const edit = await agent.get(`/demandes/${saved.id}/modifier`);
    assert.equal(selectOf(edit.body, 'region').match(/Non précisée/g)?.length, 1, 'once on the edit form too');
    assert.match(selectOf(edit.body, 'region'), /<option value="unknown" selected>Non précisée<\/option>/);
    assert.match(page.body, /<label for="requesterType"><span>Qui appelle\u202f\?<\/span><\/label>/);
  });
});

describe(`close form: the chosen outcome's fields only (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let ctx: TestContext;
  let agent: Agent;
  let id: number;
  before(async () => {
    ctx = await createTestApp();
    let user;
    ({ agent, user } = await loginAs(ctx, ['board']));
    ({ id } = await createRequest(ctx.db, ctx.app.vault, await buildRequestInput(ctx.db), user));
  });
  after(async () => ctx.close());

  it('marks each optional field with its outcomes, and keeps no value typed for another outcome', async () => {
    // Act
    const page = await agent.get(`/demandes/${id}/cloture`);
    const closed = await agent.post(`/demandes/${id}/cloture`, {
      outcome: 'answered',
      outcomeReasonId: '',
      outcomeDetail: 'Typed while « Réorientée » was chosen',
      eventOn: '',
      plannedYear: '2030',
      note: '',
    });

    // Assert
    assert.match(
      page.body,
      /<div class="for-outcome for-later_year">\s*<div class="field">\s*<label for="plannedYear">/,
    );
    assert.match(
      page.body,
      /<div class="for-outcome for-declined for-cancelled for-referred">\s*<div class="field">\s*<label for="outcomeDetail">/,
    );
    assert.equal(closed.statusCode, 303);
    const row = await ctx.db
      .selectFrom('requests')
      .select(['outcome', 'outcome_detail', 'planned_year'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, { outcome: 'answered', outcome_detail: null, planned_year: null });
  });
});

describe('moving identifying text into the encrypted coordinates', () => {
  it('moves a name, an e-mail and a phone number, and leaves plain stand-ins', () => {
    // Act
    const { values, moved } = moveIdentifyingText({
      subject: 'Madame Dupont se demande si le CPAS peut transmettre son dossier',
      notes: 'Elle écrit depuis jeanne.claes@exemple.be. Rappeler au 0475 12 34 56 demain.',
      identityName: '',
      identityEmail: '',
      identityPhone: '',
    });

    // Assert
    assert.deepEqual(values, {
      subject: 'La personne se demande si le CPAS peut transmettre son dossier',
      notes: 'Elle écrit depuis (e-mail dans les coordonnées). Rappeler au (téléphone dans les coordonnées) demain.',
      identityName: 'Madame Dupont',
      identityEmail: 'jeanne.claes@exemple.be',
      identityPhone: '0475 12 34 56',
    });
    assert.equal(moved.length, 3);
  });

  it('never overwrites an e-mail already typed, and only takes a national register number out', () => {
    // Arrange
    const base = '850730033';
    const national = `85.07.30-033.${String(97 - (Number(base) % 97)).padStart(2, '0')}`;

    // Act
    const { values, moved } = moveIdentifyingText({
      subject: 'Question sur un rapport social',
      notes: `Écrit de autre@exemple.be, numéro national ${national}.`,
      identityName: '',
      identityEmail: 'deja@exemple.be',
      identityPhone: '',
    });

    // Assert
    assert.equal(values.identityEmail, 'deja@exemple.be');
    assert.equal(values.notes, 'Écrit de autre@exemple.be, numéro national (numéro de registre national retiré).');
    assert.deepEqual(
      moved.map((h) => h.kind),
      ['national_number'],
    );
  });
});
