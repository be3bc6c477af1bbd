import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { loginAs } from '../../../tests/factories/index.js';
import { Agent } from '../../../tests/setup/agent.js';
import { createTestApp, type TestContext } from '../../../tests/setup/app.js';
import { MEMBERS_SAMPLE_CSV } from './members.sample.js';
import { createMember, deleteMember, membersFigures, updateMember, type MemberInput } from './members.service.js';

const member = (overrides: Partial<MemberInput>): MemberInput => ({
  kind: 'organisation',
  name: 'Organisation',
  contactEmail: '',
  contactPhone: '',
  joinedOn: null,
  leftOn: null,
  showPublicly: false,
  notes: '',
  ...overrides,
});

describe(`members of the plenary (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let ctx: TestContext;
  let board: Agent;
  before(async () => {
    ctx = await createTestApp();
    board = (await loginAs(ctx)).agent;
  });
  after(async () => ctx.close());

  const count = async () =>
    Number(
      (
        await ctx.db
          .selectFrom('members')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('says what to do when no member is recorded yet, and when a search finds nobody', async () => {
    // Act
    const empty = await board.get('/bureau/membres');
    const none = await board.get('/bureau/membres?q=personne');

    // Assert: a next step instead of an empty table
    assert.match(empty.body, /Aucun membre enregistré pour l’instant\. Ajoutez-les un par un/);
    assert.doesNotMatch(empty.body, /Tableau des membres/);
    assert.match(none.body, /Aucun membre ne correspond à ces critères/);
    assert.doesNotMatch(none.body, /Aucun membre enregistré/);
  });

  it('adds, edits and deletes a member from the back office', async () => {
    const res = await board.post('/bureau/membres', {
      kind: 'organisation',
      name: 'AMO La Boussole',
      contactEmail: 'direction@boussole.be',
      contactPhone: '081 00 00 00',
      joinedOn: '15/03/2021',
      leftOn: '',
      showPublicly: 'oui',
      notes: '',
    });
    assert.equal(res.statusCode, 303);
    const id = Number(String(res.headers.location).split('/').pop());
    const row = await ctx.db.selectFrom('members').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.joined_on, '2021-03-15');
    assert.equal(row.show_publicly, 1);
    const edit = await board.post(`/bureau/membres/${id}`, {
      kind: 'organisation',
      name: 'AMO La Boussole asbl',
      contactEmail: 'direction@boussole.be',
      joinedOn: '2021-03-15',
      leftOn: '2020-01-01',
    });
    assert.equal(edit.statusCode, 400);
    assert.match(edit.body, /cette date précède la date d’adhésion/);
    const ok = await board.post(`/bureau/membres/${id}`, {
      kind: 'organisation',
      name: 'AMO La Boussole asbl',
      contactEmail: 'direction@boussole.be',
      joinedOn: '2021-03-15',
      showPublicly: 'oui',
    });
    assert.equal(ok.statusCode, 303);
    assert.match((await board.get('/bureau/membres')).body, /AMO La Boussole asbl/);
    const invalid = await board.post('/bureau/membres', { kind: 'robot', name: '', contactEmail: 'pas-un-mail' });
    assert.equal(invalid.statusCode, 400);
    assert.match(invalid.body, /Nom\u00a0: ce champ est obligatoire/);
    assert.match(invalid.body, /Adresse e-mail\u00a0: cette adresse n’est pas valide/);
    assert.equal((await board.post(`/bureau/membres/${id}/supprimer`, {})).statusCode, 303);
    assert.equal(await ctx.db.selectFrom('members').select('id').where('id', '=', id).executeTakeFirst(), undefined);
  });

  it('keeps a member unchanged when its audit entry cannot be written (edit and removal are all or nothing)', async () => {
    const id = await createMember(ctx.db, member({ name: 'Service Tenace' }), null);
    // An actor whose account no longer exists: the audit entry's reference to it is refused.
    const gone = { id: 987_654, email: 'parti@example.org', displayName: 'Parti', roles: [], sessionId: 'x' };
    await assert.rejects(updateMember(ctx.db, id, member({ name: 'Service Renommé' }), gone));
    await assert.rejects(deleteMember(ctx.db, id, gone));
    const row = await ctx.db.selectFrom('members').select('name').where('id', '=', id).executeTakeFirst();
    assert.equal(row?.name, 'Service Tenace');
  });

  it('lists publicly only the organisations that consented and have not left, never a contact detail or a person', async () => {
    await createMember(
      ctx.db,
      member({
        name: 'CPAS Consentant',
        contactEmail: 'secret-cpas@exemple.be',
        contactPhone: '02 999 99 99',
        joinedOn: '2019-05-01',
        showPublicly: true,
      }),
      null,
    );
    await createMember(ctx.db, member({ name: 'Service Discret', showPublicly: false }), null);
    await createMember(
      ctx.db,
      member({ name: 'Ancienne Fédération', showPublicly: true, joinedOn: '2015-01-01', leftOn: '2020-12-31' }),
      null,
    );
    await createMember(ctx.db, member({ kind: 'individual', name: 'Camille Personne', showPublicly: true }), null);
    for (const url of ['/membres', '/nl/membres', '/en/membres']) {
      const page = await new Agent(ctx.app).get(url);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /CPAS Consentant/);
      for (const hidden of [
        'Service Discret',
        'Ancienne Fédération',
        'Camille Personne',
        'secret-cpas@exemple.be',
        '02 999 99 99',
      ])
        assert.ok(!page.body.includes(hidden), `${url} shows ${hidden}`);
    }
    assert.match((await new Agent(ctx.app).get('/membres')).body, /membre depuis 2019/);
  });

  it('imports a valid CSV file (the sample) in one go', async () => {
    const before = await count();
    assert.equal(
      readFileSync('docs/samples/members-sample.csv', 'utf8'),
      MEMBERS_SAMPLE_CSV,
      'docs sample and in-app sample agree',
    );
    const res = await board.postMultipart(
      '/bureau/membres/import',
      {},
      { file: { filename: 'membres.csv', data: Buffer.from(MEMBERS_SAMPLE_CSV), type: 'text/csv' } },
    );
    assert.equal(res.statusCode, 303, res.body.slice(0, 800));
    assert.equal(await count(), before + 4);
    const left = await ctx.db
      .selectFrom('members')
      .selectAll()
      .where('name', '=', 'Dominique Essai (démo)')
      .executeTakeFirstOrThrow();
    assert.deepEqual(
      [left.kind, left.joined_on, left.left_on, left.show_publicly],
      ['individual', '2018-02-05', '2022-12-31', 0],
    );
    const audit = await ctx.db
      .selectFrom('audit_events')
      .select('summary')
      .where('action', '=', 'member.import')
      .executeTakeFirstOrThrow();
    assert.match(audit.summary, /4 membre/);
  });

  it('refuses an invalid CSV file with French line/column errors and imports nothing', async () => {
    const before = await count();
    const csv = [
      'Type,Nom,E-mail,Membre depuis,Liste publique',
      'organisation,Valide SA,ok@exemple.be,01/01/2024,oui',
      'robot,Quelqu’un,,,non',
      'personne,,pas-un-mail,31/02/2024,peut-être',
      'organisation,Valide SA,,,non',
    ].join('\n');
    const res = await board.postMultipart(
      '/bureau/membres/import',
      {},
      { file: { filename: 'm.csv', data: Buffer.from(csv) } },
    );
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /aucun membre n’a été importé/);
    assert.match(
      res.body,
      /ligne 3, colonne «\u00a0type\u00a0»\u00a0: «\u00a0robot\u00a0»\u00a0: indiquez «\u00a0organisation\u00a0» ou «\u00a0personne\u00a0»/,
    );
    assert.match(res.body, /ligne 4, colonne «\u00a0liste_publique\u00a0»/);
    assert.match(res.body, /ligne 4, colonne «\u00a0nom\u00a0»\u00a0: ce champ est obligatoire/);
    assert.match(res.body, /ligne 4, colonne «\u00a0email\u00a0»\u00a0: cette adresse n’est pas valide/);
    assert.match(res.body, /ligne 4, colonne «\u00a0membre_depuis\u00a0»\u00a0: date invalide/);
    assert.match(res.body, /ligne 5, colonne «\u00a0nom\u00a0»\u00a0: «\u00a0Valide SA\u00a0» est déjà membre/);
    assert.equal(await count(), before);

    const unknown = await board.postMultipart(
      '/bureau/membres/import',
      {},
      { file: { filename: 'm.csv', data: Buffer.from('nom;couleur\nX;bleu\n') } },
    );
    assert.match(unknown.body, /ligne 1, colonne «\u00a0couleur\u00a0»\u00a0: en-tête inconnu/);
    assert.match(unknown.body, /colonne «\u00a0type\u00a0»\u00a0: colonne obligatoire absente/);
    const none = await board.postMultipart('/bureau/membres/import', {}, {});
    assert.equal(none.statusCode, 400);
    assert.equal(await count(), before);
  });

  it('counts new and total members per year for the key figures', async () => {
    const fresh = await createTestApp();
    try {
      assert.deepEqual(await membersFigures(fresh.db, 2020), {}, 'no member: figures typed by hand stay in use');
      const add = (m: Partial<MemberInput>) => createMember(fresh.db, member(m), null);
      await add({ name: 'O1', joinedOn: '2018-06-01' });
      await add({ name: 'O2', joinedOn: '2020-02-01' });
      await add({ name: 'O3', joinedOn: '2020-11-30', leftOn: '2021-03-01' });
      await add({ name: 'O4', joinedOn: '2019-01-01', leftOn: '2020-06-30' });
      await add({ name: 'O5', joinedOn: null });
      await add({ kind: 'individual', name: 'P1', joinedOn: '2020-12-31' });
      await add({ kind: 'individual', name: 'P2', joinedOn: '2021-01-01' });
      assert.deepEqual(await membersFigures(fresh.db, 2020), {
        'members.organisations.new': 2,
        'members.individuals.new': 1,
        'members.organisations.total': 4,
        'members.individuals.total': 1,
      });
      assert.deepEqual(await membersFigures(fresh.db, 2021), {
        'members.organisations.new': 0,
        'members.individuals.new': 1,
        'members.organisations.total': 3,
        'members.individuals.total': 2,
      });
    } finally {
      await fresh.close();
    }
  });

  it('keeps the members back office for the board', async () => {
    const res = await new Agent(ctx.app).get('/bureau/membres');
    assert.equal(res.statusCode, 303);
    const { agent: admin } = await loginAs(ctx, ['admin']);
    assert.equal((await admin.get('/bureau/membres')).statusCode, 403);
    assert.equal((await admin.post('/bureau/membres/import', {})).statusCode, 403);
  });
});
