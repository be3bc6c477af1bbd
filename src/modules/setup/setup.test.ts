import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loginAs } from '../../../tests/factories/index.js';
import { createTestApp, type TestContext } from '../../../tests/setup/app.js';
import { Resvg } from '@resvg/resvg-js';
import { checkLogo, saveLogo } from '../reports/reports.logo.service.js';
import { OrganisationStore, type Organisation } from './setup.organisation.service.js';
import { guessArticle, nameOf } from '../../lib/organisation-name.js';

const engine = process.env.TEST_DB ?? 'sqlite';

/** The checklist's items as « state title », in order. */
function checklist(html: string): string[] {
  const section = /<section class="card checklist"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
  return [...section.matchAll(/<span class="step-state">([^<]+)<\/span> <strong>([^<]+)<\/strong>/g)].map(
    (m) => `${m[1]} ${m[2]}`,
  );
}

describe('the organisation’s name after « de »', () => {
  it('contracts and elides as French does', () => {
    assert.equal(nameOf('Comité de Vigilance en Travail Social', 'du'), 'du Comité de Vigilance en Travail Social');
    assert.equal(nameOf('Fédération des CPAS', 'de_la'), 'de la Fédération des CPAS');
    assert.equal(nameOf('Association des AS', 'de_l'), 'de l’Association des AS');
    assert.equal(guessArticle('Comité de Vigilance'), 'du');
    assert.equal(guessArticle('Fédération X'), 'de_la');
    assert.equal(guessArticle('Association Y'), 'de_l');
    assert.equal(guessArticle('Vigie asbl'), 'de');
  });

  it('keeps the name in memory, re-reads it when told or after its time', async () => {
    let loads = 0;
    const org: Organisation = { name: 'A', article: 'de', nameOf: 'de A', confirmed: true };
    const store = new OrganisationStore(async () => ({ ...org, name: `A${++loads}` }), 5_000);
    assert.equal((await store.get(0)).name, 'A1');
    assert.equal((await store.get(4_999)).name, 'A1');
    assert.equal((await store.get(5_000)).name, 'A2');
    store.invalidate();
    assert.equal((await store.get(5_001)).name, 'A3');
  });
});

describe(`first run (${engine})`, () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await createTestApp();
  });
  after(async () => ctx.close());

  it('shows the first admin what is left, and ticks each step once done', async () => {
    const { agent } = await loginAs(ctx, ['admin', 'board']);
    const start = await agent.get('/bureau');
    assert.equal(start.statusCode, 200);
    assert.deepEqual(checklist(start.body), [
      'À faire Le nom et le logo de l’organisation',
      'À faire La permanence téléphonique\u00a0: jours, heures et numéro',
      'À faire Le texte du Manifeste',
      'À faire L’envoi des e-mails',
      'À faire Le responsable du traitement (page «\u00a0Vie privée\u00a0»)',
      'À faire Inviter le bureau',
    ]);
    assert.match(start.body, /0 étape sur 6 faite\./);

    assert.equal(
      (await agent.post('/admin/organisation', { name: 'Fédération des Vigilants', article: 'de_la' })).statusCode,
      303,
    );
    assert.equal(
      (
        await agent.post('/admin/organisation/vie-privee', {
          controllerName: 'Fédération des Vigilants, représentée par son bureau',
          controllerAddress: 'Rue de la Loi 1\n1000 Bruxelles',
          controllerEmail: 'vie-privee@vigilants.invalid',
          controllerDpo: '',
        })
      ).statusCode,
      303,
    );
    assert.equal(
      (
        await agent.post('/bureau/contenu/reglages', {
          slot0_weekday: '4',
          slot0_start: '13:00',
          slot0_end: '16:00',
          helplinePhone: '02 123 45 67',
          contactEmail: '',
          contactAddress: '',
        })
      ).statusCode,
      303,
    );
    await loginAs(ctx, ['board']);

    const later = await agent.get('/bureau');
    assert.deepEqual(checklist(later.body), [
      'Fait Le nom et le logo de l’organisation',
      'Fait La permanence téléphonique\u00a0: jours, heures et numéro',
      'À faire Le texte du Manifeste',
      'À faire L’envoi des e-mails',
      'Fait Le responsable du traitement (page «\u00a0Vie privée\u00a0»)',
      'Fait Inviter le bureau',
    ]);
    assert.match(later.body, /4 étapes sur 6 faites\./);
    // The saved name is used at once, with its article.
    assert.match(later.body, /la newsletter de la Fédération des Vigilants/);
    assert.match(later.body, /<span class="brand-org">Fédération des Vigilants<\/span>/);
  });

  it('asks for the logo with the name, as an optional step, until one is added', async () => {
    // Arrange
    const { agent, user } = await loginAs(ctx, ['admin', 'board']);
    const step = (html: string) =>
      /<li class="(?:done|todo)"><span class="step-state">[^<]+<\/span> <strong>Le nom et le logo[\s\S]*?<\/li>/.exec(
        html,
      )?.[0] ?? '';
    const png = Buffer.from(
      new Resvg('<svg xmlns="http://www.w3.org/2000/svg" width="60" height="20"><rect width="60" height="20"/></svg>')
        .render()
        .asPng(),
    );

    // Act
    const before = step((await agent.get('/bureau')).body);
    await saveLogo(ctx.db, checkLogo(png), user.id);
    const after = step((await agent.get('/bureau')).body);

    // Assert: a link to add it while there is none, then said to be there
    assert.match(before, /Pas encore de logo \(facultatif\)/);
    assert.match(before, /<a class="also" href="\/bureau\/rapport\/logo">Ajouter le logo<\/a>/);
    assert.match(after, /Le logo est ajouté/);
    assert.doesNotMatch(after, /Ajouter le logo/);
  });

  it('tells a board member which steps need an administrator instead of linking to a closed page', async () => {
    const { agent } = await loginAs(ctx, ['board']);
    const page = await agent.get('/bureau');
    assert.match(page.body, /À faire par un compte «\u00a0Administration/);
    assert.doesNotMatch(page.body, /href="\/admin\/organisation"/);
  });

  it('refuses an empty name and an unknown article, saving nothing', async () => {
    const { agent } = await loginAs(ctx, ['admin']);
    const before = await ctx.db.selectFrom('settings').selectAll().where('key', 'like', 'org.%').execute();
    const res = await agent.post('/admin/organisation', { name: ' ', article: 'du le' });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /Nom de l’organisation\u00a0: ce champ est obligatoire\./);
    assert.match(res.body, /choisissez une des formes proposées/);
    const after = await ctx.db.selectFrom('settings').selectAll().where('key', 'like', 'org.%').execute();
    assert.deepEqual(after, before);
  });

  it('keeps the organisation’s settings to administrators', async () => {
    const { agent } = await loginAs(ctx, ['board']);
    assert.equal((await agent.get('/admin/organisation')).statusCode, 403);
    assert.equal((await agent.post('/admin/organisation', { name: 'X', article: 'de' })).statusCode, 403);
  });
});
