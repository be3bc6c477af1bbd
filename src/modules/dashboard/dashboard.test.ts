import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildRequestInput, buildUser, PASSWORD } from '../../../tests/factories/index.js';
import { Agent } from '../../../tests/setup/agent.js';
import { createTestApp, type TestContext } from '../../../tests/setup/app.js';
import type { CurrentUser } from '../../web/access.js';
import { addRequestItems, createMeeting } from '../meetings/meetings.service.js';
import { closeRequest, createRequest } from '../requests/requests.service.js';
import { dashboardFor } from './dashboard.service.js';

const NOW = new Date('2026-11-27T10:00:00Z');
const CLOSE = {
  outcome: 'answered' as const,
  outcomeReasonId: null,
  outcomeDetail: '',
  eventOn: null,
  plannedYear: null,
  note: '',
};

describe(`« Mon tableau de bord » (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let ctx: TestContext;
  let me: CurrentUser;
  let other: CurrentUser;
  const ids: Record<string, number> = {};
  const refs: Record<string, string> = {};

  async function request(key: string, by: CurrentUser, overrides: Parameters<typeof buildRequestInput>[1]) {
    const created = await createRequest(
      ctx.db,
      ctx.app.vault,
      await buildRequestInput(ctx.db, { identityName: 'Martine Dubois', notes: 'Notes confidentielles', ...overrides }),
      by,
    );
    ids[key] = created.id;
    refs[key] = created.reference;
  }

  before(async () => {
    ctx = await createTestApp({}, { clock: () => NOW });
    me = await buildUser(ctx.db, ['board'], { displayName: 'Moi Même' });
    other = await buildUser(ctx.db, ['board'], { displayName: 'Autre Membre' });
    await request('mineOld', other, { receivedOn: '2026-09-01', subject: 'Ma demande ancienne', assigneeIds: [me.id] });
    await request('mineNew', other, { receivedOn: '2026-11-20', subject: 'Ma demande récente', assigneeIds: [me.id] });
    await request('mineClosed', other, { receivedOn: '2026-06-01', subject: 'Ma demande close', assigneeIds: [me.id] });
    await closeRequest(ctx.db, ids.mineClosed ?? 0, CLOSE, other);
    await request('notMine', other, { subject: 'La demande de quelqu’un d’autre' });
    await request('onAgenda', other, { subject: 'Déjà à l’ordre du jour', toDiscuss: true });
    await request('flagged', other, { subject: 'À discuter, pas encore inscrite', toDiscuss: true });
    const past = await createMeeting(ctx.db, { heldOn: '2026-11-12' }, other);
    const cancelled = await createMeeting(ctx.db, { heldOn: '2026-11-30' }, other);
    await ctx.db
      .updateTable('board_meetings')
      .set({ cancelled_at: NOW.toISOString() })
      .where('id', '=', cancelled)
      .execute();
    const next = await createMeeting(
      ctx.db,
      { heldOn: '2026-12-03', startsAt: '19:00', place: 'Rue de la Loi 1' },
      other,
    );
    await createMeeting(ctx.db, { heldOn: '2026-12-17' }, other);
    await addRequestItems(ctx.db, next, [ids.onAgenda ?? 0], other);
    assert.ok(past);
  });
  after(async () => ctx.close());

  it('is where a board member lands after signing in', async () => {
    // Arrange
    const agent = new Agent(ctx.app);
    await agent.get('/connexion');

    // Act
    const login = await agent.post('/connexion', { email: me.email, password: PASSWORD });
    const page = await agent.get(login.headers.location ?? '');

    // Assert
    assert.equal(login.headers.location, '/tableau-de-bord');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<h1>Mon tableau de bord<\/h1>/);
  });

  it('lists my open requests oldest first, then the closed ones; the next meeting that is not cancelled, its agenda, and the flagged requests not on it', async () => {
    // Act
    const d = await dashboardFor(ctx.db, me.id, NOW);

    // Assert
    assert.deepEqual(
      d.mine.open.map((r) => r.subject),
      ['Ma demande ancienne', 'Ma demande récente'],
    );
    assert.deepEqual(
      d.mine.closed.map((r) => r.subject),
      ['Ma demande close'],
    );
    assert.equal(d.meeting?.heldOn, '2026-12-03');
    assert.deepEqual(
      d.meeting?.items.map((i) => i.request?.reference),
      [refs.onAgenda],
    );
    assert.deepEqual(
      d.flagged.map((r) => r.reference),
      [refs.flagged],
    );
  });

  it('shows it on the page, with the register’s recent activity, and never an identity nor the notes', async () => {
    // Arrange
    const agent = new Agent(ctx.app);
    await agent.get('/connexion');
    await agent.post('/connexion', { email: me.email, password: PASSWORD });

    // Act
    const page = await agent.get('/tableau-de-bord');

    // Assert
    const body = page.body;
    assert.ok(body.indexOf('Ma demande ancienne') < body.indexOf('Ma demande récente'));
    assert.ok(body.indexOf('Ma demande récente') < body.indexOf('Ma demande close'));
    assert.match(
      body,
      /<a href="\/bureau\/reunions\/\d+">Réunion de bureau du 3 décembre 2026<\/a><span>, à 19 h 00 — Rue de la Loi 1<\/span>/,
    );
    assert.match(body, new RegExp(`${refs.onAgenda} — Déjà à l’ordre du jour`));
    assert.match(body, /À discuter, pas encore à l’ordre du jour/);
    assert.match(body, /Autre Membre a clôturé la demande <\/span><a href="\/demandes\/\d+">/);
    assert.match(body, new RegExp(`a créé la demande </span><a href="/demandes/${ids.flagged}">${refs.flagged}</a>`));
    assert.doesNotMatch(body, /La demande de quelqu’un d’autre<\/a>/, 'the activity shows references, not subjects');
    assert.doesNotMatch(body, /Martine|Dubois|Notes confidentielles/);
  });

  it('says what to do when no meeting is planned, and lists every flagged request', async () => {
    // Act
    const d = await dashboardFor(ctx.db, other.id, new Date('2027-02-01T10:00:00Z'));

    // Assert
    assert.equal(d.meeting, null);
    assert.deepEqual(d.mine.open, []);
    assert.deepEqual(d.flagged.map((r) => r.reference).sort(), [refs.onAgenda, refs.flagged].sort());
  });

  it('is for the board: an admin without the board role lands on the accounts and is refused here', async () => {
    // Arrange
    const admin = await buildUser(ctx.db, ['admin']);
    const agent = new Agent(ctx.app);
    await agent.get('/connexion');

    // Act
    const login = await agent.post('/connexion', { email: admin.email, password: PASSWORD });
    const refused = await agent.get('/tableau-de-bord');

    // Assert
    assert.equal(login.headers.location, '/admin/utilisateurs');
    assert.equal(refused.statusCode, 403);
  });
});
