import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildRequestInput, buildUser, loginAs } from '../../../tests/factories/index.js';
import { pdfText } from '../../../tests/support/pdf-text.js';
import type { Agent } from '../../../tests/setup/agent.js';
import { createTestApp, type TestContext } from '../../../tests/setup/app.js';
import type { CurrentUser } from '../../web/access.js';
import { changeStatus, createRequest } from '../requests/requests.service.js';
import { eventsOf, findRequest } from '../requests/requests.queries.js';

describe(`board meetings (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let ctx: TestContext;
  let agent: Agent;
  let me: CurrentUser;
  before(async () => {
    ctx = await createTestApp({}, { clock: () => new Date('2026-11-27T10:00:00Z') });
    ({ agent, user: me } = await loginAs(ctx));
  });
  after(async () => ctx.close());

  async function flagged(subject: string): Promise<number> {
    const { id } = await createRequest(
      ctx.db,
      ctx.app.vault,
      await buildRequestInput(ctx.db, { subject, receivedOn: '2026-11-02' }),
      me,
    );
    await changeStatus(ctx.db, id, 'to_discuss', me);
    return id;
  }

  async function newMeeting(heldOn: string, kind = 'meeting'): Promise<number> {
    await agent.get('/bureau/reunions/nouvelle');
    const res = await agent.post('/bureau/reunions/nouvelle', {
      kind,
      heldOn,
      startsAt: '19h',
      endsAt: '21:30',
      place: 'Maison des associations',
      videoUrl: '',
    });
    assert.equal(res.statusCode, 303, res.body);
    return Number(/\/bureau\/reunions\/(\d+)/.exec(String(res.headers.location))?.[1]);
  }

  it('builds the agenda from flagged requests, records attendance and decisions that act on the requests', async () => {
    const colleague = await buildUser(ctx.db, ['board'], { displayName: 'Camille Membre' });
    const closing = await flagged('Une AS de CPAS demande si elle peut répondre à la police');
    const hearing = await flagged('Une équipe AMO souhaite rencontrer le bureau');
    const meeting = await newMeeting('2026-11-27');
    const next = await newMeeting('2026-12-11');

    const page = await agent.get(`/bureau/reunions/${meeting}`);
    assert.match(page.body, /Une AS de CPAS demande si elle peut répondre à la police/);
    const added = await agent.post(`/bureau/reunions/${meeting}/demandes`, {
      requestIds: [String(closing), String(hearing)],
    });
    assert.equal(added.statusCode, 303);
    assert.equal(
      (await agent.post(`/bureau/reunions/${meeting}/points`, { title: 'Préparer la plénière' })).statusCode,
      303,
    );
    const items = await ctx.db
      .selectFrom('board_meeting_items')
      .select(['id', 'request_id', 'position'])
      .where('meeting_id', '=', meeting)
      .orderBy('position')
      .execute();
    assert.deepEqual(
      items.map((i) => i.request_id),
      [closing, hearing, null],
    );
    // Reorder without JavaScript: the free item goes up.
    const free = items[2]?.id ?? 0;
    assert.equal((await agent.post(`/bureau/reunions/${meeting}/points/${free}/monter`, {})).statusCode, 303);
    const order = await ctx.db
      .selectFrom('board_meeting_items')
      .select('request_id')
      .where('meeting_id', '=', meeting)
      .orderBy('position')
      .execute();
    assert.deepEqual(
      order.map((i) => i.request_id),
      [closing, null, hearing],
    );

    const presence = await agent.post(`/bureau/reunions/${meeting}/presences`, {
      [`presence_${me.id}`]: 'present',
      [`presence_${colleague.id}`]: 'excused',
    });
    assert.equal(presence.statusCode, 303);

    const closingItem = items[0]?.id ?? 0;
    const hearingItem = items[1]?.id ?? 0;
    await agent.post(`/bureau/reunions/${meeting}/points/${closingItem}/notes`, {
      notes: 'Le secret professionnel prime ; rappel de l’article 458.',
    });
    const answer = await agent.post(`/bureau/reunions/${meeting}/points/${closingItem}/decisions`, {
      text: 'Le bureau répond par écrit : pas de réponse à la police sans réquisition.',
      action: 'answer',
    });
    assert.equal(answer.statusCode, 303, answer.body);
    const hearingDecision = await agent.post(`/bureau/reunions/${meeting}/points/${hearingItem}/decisions`, {
      text: 'L’équipe est invitée à la prochaine réunion.',
      action: 'hearing',
      hearingMeetingId: String(next),
    });
    assert.equal(hearingDecision.statusCode, 303, hearingDecision.body);

    // The requests changed, and their timelines say why.
    assert.equal((await findRequest(ctx.db, closing))?.status, 'closed');
    assert.equal((await findRequest(ctx.db, closing))?.outcome, 'answered');
    assert.equal((await findRequest(ctx.db, hearing))?.status, 'hearing_planned');
    const closedTimeline = (await eventsOf(ctx.db, closing)).map((e) => `${e.type}: ${e.body}`);
    assert.ok(
      closedTimeline.includes(
        'decision: Décision du bureau du 27 novembre 2026 : Le bureau répond par écrit : pas de réponse à la police sans réquisition.',
      ),
      closedTimeline.join('\n'),
    );
    assert.ok(closedTimeline.some((e) => e.startsWith('closed: Réponse donnée')));
    const hearingTimeline = (await eventsOf(ctx.db, hearing)).map((e) => e.body);
    assert.ok(hearingTimeline.some((b) => /rencontre en bureau prévue le 11 décembre 2026/.test(b)));
    // The hearing is on the next meeting's agenda, linked to its request.
    const nextItems = await ctx.db
      .selectFrom('board_meeting_items')
      .select(['kind', 'request_id'])
      .where('meeting_id', '=', next)
      .execute();
    assert.deepEqual(nextItems, [{ kind: 'hearing', request_id: hearing }]);

    // The minutes, as PDF and DOCX.
    const pdf = await agent.get(`/bureau/reunions/${meeting}/proces-verbal.pdf`);
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    const text = pdfText(pdf.rawPayload);
    assert.match(text, /Procès-verbal — réunion de bureau du 27 novembre 2026/);
    assert.match(text, /Présent·es : .*Membre/);
    assert.match(text, /Excusé·es : Camille Membre/);
    assert.match(text, /pas de réponse à la police sans réquisition\. Demande clôturée : Réponse donnée/);
    assert.match(text, /L’équipe est invitée à la prochaine réunion\. Rencontre en bureau prévue le 11 décembre 2026/);
    assert.match(text, /Projet : à approuver/);
    const docx = await agent.get(`/bureau/reunions/${meeting}/proces-verbal.docx`);
    assert.equal(docx.statusCode, 200);
    assert.equal(docx.rawPayload.subarray(0, 2).toString(), 'PK');

    // Approved at the next meeting, then frozen.
    const nextPage = await agent.get(`/bureau/reunions/${next}`);
    assert.match(nextPage.body, /Procès-verbaux à approuver/);
    const approve = await agent.post(`/bureau/reunions/${meeting}/approuver`, { lors: String(next) });
    assert.equal(approve.statusCode, 303);
    const frozen = await agent.post(`/bureau/reunions/${meeting}/points/${closingItem}/notes`, { notes: 'Changé' });
    assert.equal(frozen.statusCode, 409);
    assert.match(frozen.body, /approuvé le 27 novembre 2026\u00a0: il ne peut plus être modifié/);
    assert.equal((await agent.post(`/bureau/reunions/${meeting}/presences`, {})).statusCode, 409);
    assert.equal(
      (await agent.post(`/bureau/reunions/${meeting}/points`, { title: 'Un ajout tardif' })).statusCode,
      409,
    );
    const approved = pdfText((await agent.get(`/bureau/reunions/${meeting}/proces-verbal.pdf`)).rawPayload);
    assert.match(approved, /Approuvé lors de la réunion du 11 décembre 2026/);
    assert.doesNotMatch(approved, /Changé/);
    const row = await ctx.db
      .selectFrom('board_meetings')
      .select(['approved_by', 'approved_at'])
      .where('id', '=', meeting)
      .executeTakeFirstOrThrow();
    assert.equal(row.approved_by, me.id);
    assert.equal(row.approved_at, '2026-11-27T10:00:00.000Z');
  });

  it('refuses an incomplete decision with a French message and changes nothing', async () => {
    const id = await flagged('Une demande de formation pour une équipe de CPAS');
    const meeting = await newMeeting('2026-11-30');
    await agent.post(`/bureau/reunions/${meeting}/demandes`, { requestIds: String(id) });
    const item = await ctx.db
      .selectFrom('board_meeting_items')
      .select('id')
      .where('meeting_id', '=', meeting)
      .executeTakeFirstOrThrow();
    const noReason = await agent.post(`/bureau/reunions/${meeting}/points/${item.id}/decisions`, {
      text: 'Le bureau décline.',
      action: 'decline',
    });
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.body, /Raison\u00a0: indiquez pourquoi/);
    const noText = await agent.post(`/bureau/reunions/${meeting}/points/${item.id}/decisions`, { action: 'note' });
    assert.equal(noText.statusCode, 400);
    assert.match(noText.body, /Décision\u00a0: écrivez ce que le bureau a décidé/);
    assert.equal((await findRequest(ctx.db, id))?.status, 'to_discuss');
    assert.equal(
      (await ctx.db.selectFrom('board_decisions').select('id').where('meeting_id', '=', meeting).execute()).length,
      0,
    );
    const declined = await agent.post(`/bureau/reunions/${meeting}/points/${item.id}/decisions`, {
      text: 'Le bureau décline : groupe trop grand.',
      action: 'decline',
      outcomeDetail: 'plus de trente participants',
    });
    assert.equal(declined.statusCode, 303);
    const row = await findRequest(ctx.db, id);
    assert.equal(row?.outcome, 'declined');
    assert.equal(row?.outcome_detail, 'plus de trente participants');
  });

  it('refuses a meeting without a valid date, and is reserved to the board', async () => {
    const bad = await agent.post('/bureau/reunions/nouvelle', { kind: 'retreat', heldOn: '31/02/2026' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Date\u00a0: indiquez une date/);
    const { agent: admin } = await loginAs(ctx, ['admin']);
    assert.equal((await admin.get('/bureau/reunions')).statusCode, 403);
  });
});
