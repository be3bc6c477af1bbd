import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { removeNul } from '../../src/web/nul.js';
import { loginAs } from '../factories/index.js';
import type { Agent } from '../setup/agent.js';
import { createTestApp, type TestContext } from '../setup/app.js';

/**
 * The fuzz suite (seed 20261127, request #239) found a 500 on PostgreSQL:
 * a NUL character in a newsletter draft (« invalid byte sequence for encoding
 * "UTF8": 0x00 »), which SQLite had stored. No person types one: it is removed
 * from every form field and query parameter before validation.
 */
describe(`a NUL character in a form (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let ctx: TestContext;
  let agent: Agent;
  before(async () => {
    ctx = await createTestApp();
    ({ agent } = await loginAs(ctx, ['board']));
  });
  after(async () => ctx.close());

  it('is removed from text, lists and file names, not from file contents', () => {
    const file = Buffer.from('a\u0000b');
    const body = { a: 'x\u0000y', list: ['\u0000', 'z'], upload: { filename: 'n\u0000.pdf', data: file } };
    removeNul(body);
    assert.deepEqual(body, { a: 'xy', list: ['', 'z'], upload: { filename: 'n.pdf', data: file } });
    assert.equal(file.length, 3);
  });

  it('is saved without it on both engines, never a server error', async () => {
    const res = await agent.post('/bureau/newsletter/rediger', {
      subjectFr: 'Lettre\u0000 de décembre',
      bodyFr: 'Texte\u0000 du mois',
      action: 'save',
    });
    assert.ok(res.statusCode < 500, `answered ${res.statusCode}`);
    const saved = await ctx.db
      .selectFrom('newsletter_issues')
      .select(['subject', 'body'])
      .where('subject', '=', 'Lettre de décembre')
      .executeTakeFirstOrThrow();
    assert.equal(saved.body, 'Texte du mois');
    const search = await agent.get('/demandes?q=%00police');
    assert.equal(search.statusCode, 200);
  });
});
