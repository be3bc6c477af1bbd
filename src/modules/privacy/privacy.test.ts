import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loginAs } from '../../../tests/factories/index.js';
import { Agent } from '../../../tests/setup/agent.js';
import { createTestApp, type TestContext } from '../../../tests/setup/app.js';

describe(`the privacy notice (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await createTestApp({ retention: { identityDays: 400, unsubscribedDays: 45, mailBodyDays: 20 } });
  });
  after(async () => ctx.close());

  it('says the controller is not named yet, and gives bases, rights, retention and the authority', async () => {
    // Act
    const page = await new Agent(ctx.app).get('/vie-privee');

    // Assert
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Le responsable du traitement n’est pas encore renseigné/);
    assert.match(page.body, /votre consentement \(article 6, paragraphe 1, point a\)/);
    assert.match(page.body, /intérêt légitime[^<]*\(article 6, paragraphe 1, point f\)/);
    assert.match(page.body, /consentement explicite \(article 9, paragraphe 2, point a\)/);
    assert.match(
      page.body,
      /accès et copie \(article 15\)[^<]*effacement \(article 17\)[^<]*opposition[^<]*\(article 21\)/,
    );
    assert.match(page.body, /l’identité d’un demandeur 400 jours après la clôture/);
    assert.match(page.body, /désinscrite de la newsletter 45 jours/);
    assert.match(page.body, /e-mails envoyés après 20 jours/);
    assert.match(
      page.body,
      /Autorité de protection des données \(article 77 du RGPD\)\u00a0: Rue de la Presse 35, 1000 Bruxelles/,
    );
    assert.match(page.body, /règlement \(UE\) 2016\/679 du 27 avril 2016/);
  });

  it('names the controller set by an admin, in every language of the site', async () => {
    // Arrange
    const { agent } = await loginAs(ctx, ['admin']);
    await agent.get('/admin/organisation');
    const saved = await agent.post('/admin/organisation/vie-privee', {
      controllerName: 'ASBL Les Vigilants <b>',
      controllerAddress: 'Rue de la Loi 1\n1000 Bruxelles',
      controllerEmail: 'vie-privee@vigilants.invalid',
      controllerDpo: '',
    });
    assert.equal(saved.statusCode, 303);

    // Act
    const fr = await new Agent(ctx.app).get('/vie-privee');
    const nl = await new Agent(ctx.app).get('/nl/vie-privee');
    const en = await new Agent(ctx.app).get('/en/vie-privee');

    // Assert
    assert.match(
      fr.body,
      /<strong>ASBL Les Vigilants &lt;b><\/strong><br\/><span>Rue de la Loi 1<\/span><br\/><span>1000 Bruxelles<\/span>/,
    );
    assert.match(fr.body, /<a href="mailto:vie-privee@vigilants\.invalid">vie-privee@vigilants\.invalid<\/a>/);
    assert.doesNotMatch(fr.body, /pas encore renseigné/);
    assert.match(nl.body, /De verwerkingsverantwoordelijke[^<]*<\/p><p><strong>ASBL Les Vigilants/);
    assert.match(nl.body, /Gegevensbeschermingsautoriteit \(artikel 77 AVG\)/);
    assert.match(en.body, /The controller[^<]*<\/p><p><strong>ASBL Les Vigilants/);
    assert.match(en.body, /Article 6\(1\)\(a\)/);
  });
});
