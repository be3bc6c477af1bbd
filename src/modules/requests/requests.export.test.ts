import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildRequestInput, loginAs } from '../../../tests/factories/index.js';
import type { Agent } from '../../../tests/setup/agent.js';
import { createTestApp, type TestContext } from '../../../tests/setup/app.js';
import { readWorkbook } from '../../../tests/support/xml.js';
import { createRequest } from './requests.service.js';

describe(`register export for a spreadsheet (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let ctx: TestContext;
  let agent: Agent;
  before(async () => {
    ctx = await createTestApp();
    let user;
    ({ agent, user } = await loginAs(ctx, ['board']));
    await createRequest(
      ctx.db,
      ctx.app.vault,
      await buildRequestInput(ctx.db, {
        receivedOn: '2026-03-05',
        subject: '=HYPERLINK("http://exemple.invalid";"cliquer")',
        notes: 'Notes confidentielles du bureau',
        identityName: 'Jeanne Claes',
        identityEmail: 'jeanne.claes@exemple.be',
      }),
      user,
    );
    await createRequest(
      ctx.db,
      ctx.app.vault,
      await buildRequestInput(ctx.db, {
        receivedOn: '2025-10-01',
        subject: 'Une demande de l’an passé; avec un point-virgule',
      }),
      user,
    );
  });
  after(async () => ctx.close());

  it('exports the filtered list, formulas neutralised, without identities or notes', async () => {
    // Act
    const res = await agent.get('/demandes.csv?annee=2026');

    // Assert
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^text\/csv; charset=utf-8/);
    assert.match(
      String(res.headers['content-disposition']),
      /^attachment; filename="demandes-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    assert.ok(res.body.startsWith('\uFEFFN°;Reçue le;Type;Objet;Canal;Thèmes;Statut;Issue;Suivie par\r\n'));
    const lines = res.body.slice(1).trimEnd().split('\r\n');
    assert.equal(lines.length, 2, 'the header and the one request of 2026');
    assert.match(
      lines[1] ?? '',
      /^2026-\d+;05\/03\/2026;[^;]+;"'=HYPERLINK\(""http:\/\/exemple\.invalid"";""cliquer""\)";/,
    );
    assert.doesNotMatch(res.body, /Jeanne|Claes|jeanne\.claes|Notes confidentielles/);
  });

  it('exports every request without a filter, quoting a cell with a semicolon', async () => {
    // Act
    const res = await agent.get('/demandes.csv');

    // Assert
    assert.equal(res.body.slice(1).trimEnd().split('\r\n').length, 3);
    assert.match(res.body, /;"Une demande de l’an passé; avec un point-virgule";/);
  });

  it('exports the filtered list as XLSX too: dates as dates, formulas neutralised, no identity, and audited', async () => {
    // Act
    const res = await agent.get('/demandes.xlsx?annee=2026');

    // Assert
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    assert.match(
      String(res.headers['content-disposition']),
      /^attachment; filename="demandes-\d{4}-\d{2}-\d{2}\.xlsx"$/,
    );
    assert.equal(res.headers['cache-control'], 'no-store');
    const book = readWorkbook(res.rawPayload);
    assert.deepEqual(book.header, [
      'N°',
      'Reçue le',
      'Type',
      'Objet',
      'Canal',
      'Thèmes',
      'Statut',
      'Issue',
      'Suivie par',
    ]);
    assert.equal(book.rows.length, 1, 'the one request of 2026');
    assert.equal(book.rows[0]?.[1], '2026-03-05');
    assert.equal(book.rows[0]?.[3], `'=HYPERLINK("http://exemple.invalid";"cliquer")`);
    assert.doesNotMatch(JSON.stringify(book), /Jeanne|Claes|jeanne\.claes|Notes confidentielles/);
    const audit = await ctx.db
      .selectFrom('audit_events')
      .select(['summary'])
      .where('action', '=', 'request.export')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    assert.equal(audit.summary, 'XLSX, 1 demande');
  });

  it('is for the board only, and the list links to it with its filters', async () => {
    // Arrange
    const { agent: adminOnly } = await loginAs(ctx, ['admin']);

    // Act
    const refused = await adminOnly.get('/demandes.csv');
    const list = await agent.get('/demandes?annee=2026');

    // Assert
    assert.equal(refused.statusCode, 403);
    assert.match(list.body, /<a href="\/demandes\.csv\?annee=2026" download="">CSV<\/a>/);
    assert.match(list.body, /<a href="\/demandes\.xlsx\?annee=2026" download="">Excel \(XLSX\)<\/a>/);
  });
});
