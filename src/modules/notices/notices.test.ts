import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildRequestInput, buildUser, loginAs } from '../../../tests/factories/index.js';
import { createTestApp, type TestContext } from '../../../tests/setup/app.js';
import type { CurrentUser } from '../../web/access.js';
import { applyBoardDecision } from '../requests/requests.board.service.js';
import { changeStatus, createRequest, updateRequest } from '../requests/requests.service.js';
import { deliverNotices } from './notices.service.js';

const SUBJECT = 'Une assistante sociale du CPAS de Namur convoquée comme témoin';

describe(`e-mail notices to board members (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let ctx: TestContext;
  let alice: CurrentUser;
  let bruno: CurrentUser;
  let chloe: CurrentUser;
  const mail = { baseUrl: 'http://vigie.test', organisationName: 'Comité de test' };

  before(async () => {
    ctx = await createTestApp();
    alice = await buildUser(ctx.db, ['board'], { displayName: 'Alice' });
    bruno = await buildUser(ctx.db, ['board'], { displayName: 'Bruno' });
    chloe = await buildUser(ctx.db, ['board', 'admin'], { displayName: 'Chloé' });
  });
  after(async () => ctx.close());

  /** The mails queued for someone since the last call, after the pending notices were delivered. */
  let seen = 0;
  async function deliveredTo(): Promise<Map<string, Array<{ subject: string; text: string }>>> {
    await deliverNotices(ctx.db, mail);
    const rows = await ctx.db
      .selectFrom('mail_outbox')
      .select(['id', 'to_address', 'subject', 'text_body', 'purpose'])
      .where('id', '>', seen)
      .orderBy('id')
      .execute();
    seen = rows.at(-1)?.id ?? seen;
    const out = new Map<string, Array<{ subject: string; text: string }>>();
    for (const r of rows.filter((r) => r.purpose === 'notice'))
      out.set(r.to_address, [...(out.get(r.to_address) ?? []), { subject: r.subject, text: r.text_body }]);
    return out;
  }

  async function newRequest(by: CurrentUser, overrides: Parameters<typeof buildRequestInput>[1] = {}) {
    return createRequest(
      ctx.db,
      ctx.app.vault,
      await buildRequestInput(ctx.db, {
        subject: SUBJECT,
        identityName: 'Martine Dubois',
        notes: 'Elle craint pour son poste.',
        ...overrides,
      }),
      by,
    );
  }

  it('tells the person a request is assigned to, with its reference and a link only', async () => {
    // Act
    const { id, reference } = await newRequest(alice, { assigneeIds: [bruno.id], assignMe: true });
    const mails = await deliveredTo();

    // Assert
    assert.deepEqual([...mails.keys()], [bruno.email], 'not Alice, who assigned it (to herself too)');
    const [m] = mails.get(bruno.email) ?? [];
    assert.equal(m?.subject, `Vigie\u00a0: la demande ${reference} vous est confiée`);
    assert.match(
      m?.text ?? '',
      new RegExp(`La demande ${reference} vous est confiée\u00a0:\\nhttp://vigie\\.test/demandes/${id}\\n`),
    );
    assert.match(m?.text ?? '', /Pour ne plus recevoir ces e-mails\u00a0: http:\/\/vigie\.test\/compte\/avis/);
    assert.doesNotMatch(`${m?.subject} ${m?.text}`, /CPAS|Namur|témoin|Martine|Dubois|craint/);
    assert.equal((await ctx.db.selectFrom('request_notices').selectAll().execute()).length, 0, 'sent once');
  });

  it('tells every other board member when a request is flagged for the board, in one e-mail each', async () => {
    // Arrange
    const { id: first, reference: r1 } = await newRequest(alice);
    const { reference: r2 } = await newRequest(bruno, { toDiscuss: true });
    await deliveredTo();

    // Act
    await changeStatus(ctx.db, first, 'to_discuss', bruno);
    await updateRequest(
      ctx.db,
      first,
      { ...(await buildRequestInput(ctx.db, { subject: SUBJECT })), status: 'to_discuss', assigneeIds: [chloe.id] },
      bruno,
    );
    const mails = await deliveredTo();

    // Assert
    assert.equal(mails.has(bruno.email), false, 'Bruno made both changes');
    assert.deepEqual(
      mails.get(alice.email)?.map((m) => m.subject),
      [`Vigie\u00a0: la demande ${r1} est à discuter au prochain bureau`],
    );
    const [toChloe] = mails.get(chloe.email) ?? [];
    assert.equal(toChloe?.subject, 'Vigie\u00a0: 2 demandes vous concernent');
    assert.match(toChloe?.text ?? '', new RegExp(`La demande ${r1} est à discuter au prochain bureau`));
    assert.match(toChloe?.text ?? '', new RegExp(`La demande ${r1} vous est confiée`));
    assert.doesNotMatch(toChloe?.text ?? '', new RegExp(r2), 'the earlier flag was already sent');
  });

  it('tells the member a board decision entrusts a request to', async () => {
    // Arrange
    const { id, reference } = await newRequest(alice);
    await deliveredTo();

    // Act
    await ctx.db.transaction().execute((trx) =>
      applyBoardDecision(
        trx,
        {
          requestId: id,
          text: 'Alice prend contact.',
          decidedOn: '2026-11-26',
          effect: { action: 'assign', userId: alice.id },
        },
        chloe,
      ),
    );
    const mails = await deliveredTo();

    // Assert
    assert.deepEqual(
      mails.get(alice.email)?.map((m) => m.subject),
      [`Vigie\u00a0: la demande ${reference} vous est confiée`],
    );
  });

  it('sends nothing to whoever turned a kind of notice off in « Mes avis par e-mail »', async () => {
    // Arrange
    const { agent, user: dora } = await loginAs(ctx, ['board']);
    const page = await agent.get('/compte/avis');
    assert.match(page.body, /<input type="checkbox" id="notices-0" name="notices" value="assigned" checked/);
    const saved = await agent.post('/compte/avis', { notices: 'flagged' });
    assert.equal(saved.statusCode, 303);

    // Act
    const { id } = await newRequest(alice, { assigneeIds: [dora.id] });
    await changeStatus(ctx.db, id, 'to_discuss', alice);
    const mails = await deliveredTo();

    // Assert
    assert.deepEqual(
      mails.get(dora.email)?.map((m) => m.subject.replace(/\d{4}-\d+/, 'N')),
      ['Vigie\u00a0: la demande N est à discuter au prochain bureau'],
    );
    const after = await agent.get('/compte/avis');
    assert.match(after.body, /value="assigned"\/>/);
    assert.match(after.body, /value="flagged" checked/);
  });

  it('refuses a change of settings without the form’s token, and the page to someone outside the board', async () => {
    // Arrange
    const { agent } = await loginAs(ctx, ['board']);
    const { agent: adminOnly } = await loginAs(ctx, ['admin']);

    // Act
    const forged = await agent.post('/compte/avis', { notices: [] }, { csrf: false });
    const refused = await adminOnly.get('/compte/avis');

    // Assert
    assert.equal(forged.statusCode, 403);
    assert.equal(refused.statusCode, 403);
  });

  it('is sent by the scheduled job `notices.send`', async () => {
    // Arrange
    await newRequest(alice, { assigneeIds: [bruno.id] });

    // Act
    const results = await ctx.app.scheduler.tick();

    // Assert
    assert.equal(results.find((r) => r.job === 'notices.send')?.summary, 'avis envoyés : 1');
  });
});
