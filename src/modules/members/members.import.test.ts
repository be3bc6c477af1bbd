import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loginAs } from '../../../tests/factories/index.js';
import type { Agent } from '../../../tests/setup/agent.js';
import { createTestApp, type TestContext } from '../../../tests/setup/app.js';

/** The e-mail consent column of the members' CSV import: convocations go only to those who accepted. */
describe(`members CSV import: consent to convocations by e-mail (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let ctx: TestContext;
  let board: Agent;
  before(async () => {
    ctx = await createTestApp();
    board = (await loginAs(ctx)).agent;
  });
  after(async () => ctx.close());

  const upload = (csv: string) =>
    board.postMultipart(
      '/bureau/membres/import',
      {},
      { file: { filename: 'membres.csv', data: Buffer.from(csv), type: 'text/csv' } },
    );
  const members = () =>
    ctx.db
      .selectFrom('members')
      .select(['name', 'mail_consent', 'mail_consent_source', 'mail_consent_at'])
      .orderBy('name')
      .execute();

  it('refuses an unknown answer, lists the accepted values in French and saves nothing', async () => {
    const res = await upload(
      [
        'Type;Nom;E-mail;Accord e-mail',
        'personne;Alix Valide;alix@exemple.be;oui',
        'personne;Bert Douteux;bert@exemple.be;peut-être',
        'personne;Chloé Sans Adresse;;oui',
      ].join('\n'),
    );
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /aucun membre n’a été importé/);
    assert.match(
      res.body,
      /ligne 3, colonne «\u00a0accord_email\u00a0»\u00a0: «\u00a0peut-être\u00a0» n’est pas une réponse reconnue\. Valeurs acceptées\u00a0: «\u00a0oui\u00a0» \(ou o, x, 1, vrai, ja\), «\u00a0non\u00a0» \(ou n, 0, faux, nee\) ou rien \(= non\)\./,
    );
    assert.match(
      res.body,
      /ligne 4, colonne «\u00a0email\u00a0»\u00a0: indiquez l’adresse où envoyer les convocations/,
    );
    assert.deepEqual(await members(), []);
    const ledger = await ctx.db.selectFrom('consent_events').select('id').execute();
    assert.deepEqual(ledger, [], 'nothing in the consent ledger either');
  });

  it('imports the consent with its date and source, in the ledger too; convocations go only to those who accepted', async () => {
    const res = await upload(
      [
        'type;nom;email;convocations par e-mail;liste publique',
        'personne;Alix Accepte;alix@exemple.be;oui;',
        'personne;Bert Refuse;bert@exemple.be;non;',
        'organisation;Service Muet;contact@muet.be;;oui',
        'personne;Dana Accepte Aussi;dana@exemple.be;X;non',
      ].join('\n'),
    );
    assert.equal(res.statusCode, 303, res.body.slice(0, 800));
    const rows = await members();
    assert.deepEqual(
      rows.map((r) => [r.name, r.mail_consent, r.mail_consent_source]),
      [
        ['Alix Accepte', 1, 'import'],
        ['Bert Refuse', 0, null],
        ['Dana Accepte Aussi', 1, 'import'],
        ['Service Muet', 0, null],
      ],
    );
    assert.ok(
      rows.filter((r) => r.mail_consent === 1).every((r) => r.mail_consent_at),
      'dated',
    );
    const ledger = await ctx.db
      .selectFrom('consent_events')
      .select(['email', 'purpose', 'action'])
      .orderBy('email')
      .execute();
    assert.deepEqual(ledger, [
      { email: 'alix@exemple.be', purpose: 'member.mail', action: 'given' },
      { email: 'contact@muet.be', purpose: 'member.public', action: 'given' },
      { email: 'dana@exemple.be', purpose: 'member.mail', action: 'given' },
    ]);
    const page = await board.get('/bureau/membres');
    assert.equal(page.statusCode, 200);

    const created = await board.post('/bureau/assemblees/nouvelle', {
      heldOn: '2099-12-12',
      startsAt: '',
      endsAt: '',
      place: 'Namur',
      videoUrl: '',
      title: '',
    });
    const assembly = String(created.headers.location).replace(/#.*$/, '');
    assert.equal((await board.post(`${assembly}/points`, { title: 'Rapport d’activités' })).statusCode, 303);
    assert.equal((await board.post(`${assembly}/convocation`, {})).statusCode, 303);
    const sent = await ctx.db
      .selectFrom('mail_outbox')
      .select('to_address')
      .where('purpose', '=', 'plenary_convocation')
      .orderBy('to_address')
      .execute();
    assert.deepEqual(
      sent.map((m) => m.to_address),
      ['alix@exemple.be', 'dana@exemple.be'],
    );
  });
});
