import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestContext } from '../../tests/setup/app.js';
import { listSubscribers } from '../modules/newsletter/newsletter.service.js';
import { nowIso } from '../lib/time.js';
import { containsText } from './like.js';

/** Issue 9: newsletter search used LIKE without ESCAPE: on SQLite, `_` and `%` found nothing. */
describe(`containsText: % and _ are literal on both engines (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await createTestApp();
    const now = nowIso();
    for (const email of [
      'jean_dupont@exemple.be',
      'jeanXdupont@exemple.be',
      '100%solidaire@exemple.be',
      'back\\slash@exemple.be',
    ])
      await ctx.db
        .insertInto('newsletter_subscribers')
        .values({
          email,
          locale: 'fr',
          status: 'confirmed',
          source: 'form',
          quarantine_reasons: '',
          confirm_token_hash: null,
          unsubscribe_token_sealed: '',
          unsubscribe_token_hash: `h-${email}`,
          created_at: now,
          confirmed_at: now,
          unsubscribed_at: null,
          expires_at: null,
          updated_at: now,
        })
        .execute();
  });
  after(async () => ctx.close());

  const search = async (term: string) =>
    (await ctx.db.selectFrom('newsletter_subscribers').select('email').where(containsText('email', term)).execute())
      .map((r) => r.email)
      .sort();

  it('matches an underscore, a percent sign and a backslash literally', async () => {
    assert.deepEqual(await search('jean_dupont'), ['jean_dupont@exemple.be']);
    assert.deepEqual(await search('0%s'), ['100%solidaire@exemple.be']);
    assert.deepEqual(await search('k\\s'), ['back\\slash@exemple.be']);
    assert.deepEqual(await search('dupont'), ['jeanXdupont@exemple.be', 'jean_dupont@exemple.be'].sort());
  });

  it('finds the address with an underscore through the board’s newsletter search', async () => {
    const found = await listSubscribers(ctx.db, { q: 'jean_dupont', page: 1, pageSize: 20 });
    assert.deepEqual(
      found.rows.map((r) => r.email),
      ['jean_dupont@exemple.be'],
    );
  });
});
