import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loginAs } from '../../../tests/factories/index.js';
import { buildSubscriber } from '../../../tests/factories/newsletter.js';
import type { Locale, SubscriberStatus } from '../../db/schema.js';
import { createTestApp, type TestContext } from '../../../tests/setup/app.js';
import { readWorkbook } from '../../../tests/support/xml.js';
import { newUnsubscribeToken } from './newsletter.service.js';

describe(`newsletter subscribers' export (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await createTestApp();
    const rows: Array<{ email: string; locale: Locale; status: SubscriberStatus; at: string }> = [
      { email: '=cmd|calc@exemple.be', locale: 'fr', status: 'confirmed', at: '2026-03-05T13:30:00.000Z' },
      { email: 'lezer@voorbeeld.be', locale: 'nl', status: 'confirmed', at: '2026-07-01T08:00:00.000Z' },
      { email: 'parti@exemple.be', locale: 'fr', status: 'unsubscribed', at: '2025-01-10T10:00:00.000Z' },
    ];
    for (const r of rows) {
      const token = newUnsubscribeToken(ctx.app.vault);
      await buildSubscriber(ctx.db, {
        email: r.email,
        locale: r.locale,
        status: r.status,
        unsubscribe_token_sealed: token.sealed,
        unsubscribe_token_hash: token.hash,
        created_at: r.at,
        confirmed_at: r.at,
        unsubscribed_at: r.status === 'unsubscribed' ? r.at : null,
        updated_at: r.at,
      });
    }
  });
  after(async () => ctx.close());

  it('gives an admin the confirmed subscribers as XLSX, times in Brussels, formulas neutralised, audited', async () => {
    // Arrange
    const { agent, user } = await loginAs(ctx, ['admin', 'board']);

    // Act
    const res = await agent.get('/bureau/newsletter/abonnes.xlsx?statut=confirmed');

    // Assert
    assert.equal(res.statusCode, 200);
    const book = readWorkbook(res.rawPayload);
    assert.deepEqual(book.header, [
      'Adresse e-mail',
      'Langue',
      'Statut',
      'Origine',
      'Inscrit·e le',
      'Confirmé·e le',
      'Désinscrit·e le',
    ]);
    assert.deepEqual(
      book.rows.map((r) => [r[0], r[1], r[4]]),
      [
        ['lezer@voorbeeld.be', 'NL', '2026-07-01'],
        ["'=cmd|calc@exemple.be", 'FR', '2026-03-05'],
      ],
    );
    const audit = await ctx.db
      .selectFrom('audit_events')
      .select(['summary', 'actor_id'])
      .where('action', '=', 'newsletter.export')
      .executeTakeFirstOrThrow();
    assert.deepEqual(audit, { summary: 'XLSX, 2 adresses', actor_id: user.id });
  });

  it('writes the CSV with Brussels time (winter UTC+1), and the page links to it for an admin only', async () => {
    // Arrange
    const { agent: admin } = await loginAs(ctx, ['admin', 'board']);
    const { agent: board } = await loginAs(ctx, ['board']);

    // Act
    const csv = await admin.get('/bureau/newsletter/abonnes.csv?q=exemple');
    const refused = await board.get('/bureau/newsletter/abonnes.csv');
    const adminPage = await admin.get('/bureau/newsletter');
    const boardPage = await board.get('/bureau/newsletter');

    // Assert
    assert.equal(csv.statusCode, 200);
    assert.match(
      csv.body,
      /\r\nparti@exemple\.be;FR;[^;]+;[^;]+;10\/01\/2025 11:00;10\/01\/2025 11:00;10\/01\/2025 11:00\r\n/,
    );
    assert.match(csv.body, /\r\n'=cmd\|calc@exemple\.be;FR;/);
    assert.equal(refused.statusCode, 403);
    assert.match(adminPage.body, /href="\/bureau\/newsletter\/abonnes\.xlsx"/);
    assert.doesNotMatch(boardPage.body, /abonnes\.(xlsx|csv)/);
  });
});
