import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loginAs } from '../../../tests/factories/index.js';
import type { Agent } from '../../../tests/setup/agent.js';
import { createTestApp, type TestContext } from '../../../tests/setup/app.js';
import { readWorkbook } from '../../../tests/support/xml.js';
import { createMember, type MemberInput } from './members.service.js';

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

describe(`members' export for a spreadsheet (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let ctx: TestContext;
  let board: Agent;
  before(async () => {
    ctx = await createTestApp();
    board = (await loginAs(ctx)).agent;
    await createMember(
      ctx.db,
      member({
        name: '=Maison médicale; du Nord',
        contactEmail: 'contact@maison.example',
        joinedOn: '2019-09-01',
        showPublicly: true,
      }),
      null,
    );
    await createMember(ctx.db, member({ kind: 'individual', name: 'Camille Personne', joinedOn: '2024-01-15' }), null);
    await createMember(ctx.db, member({ name: 'Ancienne ASBL', joinedOn: '2015-01-01', leftOn: '2020-12-31' }), null);
  });
  after(async () => ctx.close());

  const audits = () =>
    ctx.db.selectFrom('audit_events').select('summary').where('action', '=', 'member.export').orderBy('id').execute();

  it('exports the current members as XLSX, dates as dates, formulas neutralised, and audits it', async () => {
    // Act
    const res = await board.get('/bureau/membres.xlsx');

    // Assert
    assert.equal(res.statusCode, 200);
    assert.match(
      String(res.headers['content-disposition']),
      /^attachment; filename="membres-\d{4}-\d{2}-\d{2}\.xlsx"$/,
    );
    const book = readWorkbook(res.rawPayload);
    assert.deepEqual(book.header.slice(0, 5), ['Nom', 'Type', 'E-mail de contact', 'Téléphone', 'Membre depuis']);
    assert.deepEqual(
      book.rows.map((r) => [r[0], r[1], r[2], r[4], r[6] ?? '']),
      [
        ['Camille Personne', 'Personne', '', '2024-01-15', ''],
        ["'=Maison médicale; du Nord", 'Organisation', 'contact@maison.example', '2019-09-01', 'oui'],
      ],
      'the member who left is not in the default list',
    );
    assert.deepEqual(await audits(), [{ summary: 'XLSX, 2 membres' }]);
  });

  it('applies the filters to the CSV, and the list links to both formats with them', async () => {
    // Act
    const csv = await board.get('/bureau/membres.csv?type=organisation&anciens=1');
    const page = await board.get('/bureau/membres?type=organisation&anciens=1');

    // Assert
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-type']), /^text\/csv; charset=utf-8/);
    const lines = csv.body.slice(1).trimEnd().split('\r\n');
    assert.equal(lines.length, 3, 'the header and two organisations');
    assert.match(csv.body, /\r\nAncienne ASBL;Organisation;;;01\/01\/2015;31\/12\/2020;non;\r\n/);
    assert.match(csv.body, /\r\n"'=Maison médicale; du Nord";/);
    assert.match(page.body, /href="\/bureau\/membres\.xlsx\?type=organisation&anciens=1"/);
    assert.match(page.body, /href="\/bureau\/membres\.csv\?type=organisation&anciens=1"/);
    assert.deepEqual((await audits()).at(-1), { summary: 'CSV, 2 membres' });
  });

  it('is closed to an account without the board role', async () => {
    // Arrange
    const { agent: adminOnly } = await loginAs(ctx, ['admin']);

    // Act
    const res = await adminOnly.get('/bureau/membres.xlsx');

    // Assert
    assert.equal(res.statusCode, 403);
  });
});
