import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loginAs } from '../../tests/factories/index.js';
import type { Agent } from '../../tests/setup/agent.js';
import { createTestApp, type TestContext } from '../../tests/setup/app.js';

describe(`the error handler maps an AppError to its status (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let ctx: TestContext;
  let agent: Agent;
  before(async () => {
    ctx = await createTestApp();
    ({ agent } = await loginAs(ctx, ['board']));
  });
  after(() => ctx.close());

  it('a service’s « no such request » is a French 404 page, without the route translating it', async () => {
    const res = await agent.post('/demandes/999999/statut', { status: 'in_progress' });
    assert.equal(res.statusCode, 404);
    assert.match(res.headers['content-type'] ?? '', /text\/html/);
    assert.match(res.body, /Cette demande n(’|'|&#39;)existe pas/);
  });

  it('a client asking for JSON gets the stable code', async () => {
    const res = await agent.post(
      '/demandes/999999/statut',
      { status: 'in_progress' },
      { headers: { accept: 'application/json' } },
    );
    assert.equal(res.statusCode, 404);
    assert.deepEqual(res.json(), {
      error: 'Page introuvable',
      code: 'REQUEST_NOT_FOUND',
      message: "Cette demande n'existe pas.",
    });
  });
});
