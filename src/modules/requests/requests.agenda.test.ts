import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loginAs } from '../../../tests/factories/index.js';
import { createTestApp, type TestContext } from '../../../tests/setup/app.js';

describe(`the board's « à discuter » list (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await createTestApp();
  });
  after(async () => ctx.close());

  it('says how to add a request when none is to discuss', async () => {
    // Arrange
    const { agent } = await loginAs(ctx, ['board']);

    // Act
    const page = await agent.get('/bureau/a-discuter');

    // Assert
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Aucune demande n’est marquée «\u00a0à discuter\u00a0» pour l’instant/);
    assert.match(page.body, /ouvrez-la dans les <a href="\/demandes">Demandes<\/a> et choisissez «\u00a0À discuter en/);
  });
});
