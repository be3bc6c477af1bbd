import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildRequestInput, buildUser } from '../../../tests/factories/index.js';
import { buildSubscriber } from '../../../tests/factories/newsletter.js';
import type { SubscriberStatus } from '../../db/schema.js';
import { createTestApp, type TestContext } from '../../../tests/setup/app.js';
import { hashToken } from '../../lib/tokens.js';
import { queueMail } from '../mail/mail.service.js';
import { buildReport, reportJson } from '../reports/reports.service.js';
import { closeRequest, createRequest, hasIdentity } from '../requests/requests.service.js';
import { addressProof } from './retention.queries.js';
import { applyRetention } from './retention.service.js';

const DAY = 86_400_000;
/** 04:00 in Brussels: after the job's 03:30. */
const RUN_AT = new Date('2026-11-27T03:00:00Z');
const ago = (days: number) => new Date(RUN_AT.getTime() - days * DAY).toISOString();

describe(`retention (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let ctx: TestContext;
  let at = new Date(RUN_AT.getTime() - DAY);
  const ids: Record<'old' | 'recent' | 'open', number> = { old: 0, recent: 0, open: 0 };
  const subscribers: Record<'old' | 'recent' | 'confirmed', number> = { old: 0, recent: 0, confirmed: 0 };
  let oldMail = 0;
  let recentMail = 0;
  let reportBefore = '';

  before(async () => {
    ctx = await createTestApp({}, { clock: () => at });
    const board = await buildUser(ctx.db, ['board']);
    const vault = ctx.app.vault;
    for (const key of ['old', 'recent', 'open'] as const) {
      const input = await buildRequestInput(ctx.db, {
        receivedOn: '2025-03-10',
        identityName: `Personne ${key}`,
        identityEmail: `${key}@exemple.be`,
      });
      ids[key] = (await createRequest(ctx.db, vault, input, board)).id;
    }
    for (const key of ['old', 'recent'] as const) {
      await closeRequest(
        ctx.db,
        ids[key],
        { outcome: 'answered', outcomeReasonId: null, outcomeDetail: '', eventOn: null, plannedYear: null, note: '' },
        board,
      );
    }
    await ctx.db
      .updateTable('requests')
      .set({ closed_at: ago(400) })
      .where('id', '=', ids.old)
      .execute();
    await ctx.db
      .updateTable('requests')
      .set({ closed_at: ago(10) })
      .where('id', '=', ids.recent)
      .execute();

    const subscriber = (email: string, status: SubscriberStatus, unsubscribedDaysAgo: number | null) =>
      buildSubscriber(ctx.db, {
        email,
        status,
        unsubscribe_token_hash: hashToken(email),
        created_at: ago(500),
        confirmed_at: ago(499),
        unsubscribed_at: unsubscribedDaysAgo === null ? null : ago(unsubscribedDaysAgo),
        updated_at: ago(1),
      });
    subscribers.old = await subscriber('parti.depuis.longtemps@exemple.be', 'unsubscribed', 40);
    subscribers.recent = await subscriber('parti.hier@exemple.be', 'unsubscribed', 2);
    subscribers.confirmed = await subscriber('reste@exemple.be', 'confirmed', null);

    const sentMail = async (daysAgo: number) => {
      const id = await queueMail(ctx.db, { to: 'x@exemple.be', subject: 'Objet', text: 'Corps', purpose: 'test' });
      await ctx.db
        .updateTable('mail_outbox')
        .set({ status: 'sent', sent_at: ago(daysAgo) })
        .where('id', '=', id)
        .execute();
      return id;
    };
    oldMail = await sentMail(31);
    recentMail = await sentMail(3);

    const session = (id: string, expires: string, lastSeen: string) =>
      ctx.db
        .insertInto('sessions')
        .values({
          id,
          user_id: board.id,
          created_at: ago(3),
          last_seen_at: lastSeen,
          expires_at: expires,
          second_factor: null,
        })
        .execute();
    await session('expired', ago(1), ago(1.1));
    await session('idle', new Date(RUN_AT.getTime() + DAY).toISOString(), ago(1));
    await session(
      'live',
      new Date(RUN_AT.getTime() + DAY).toISOString(),
      new Date(RUN_AT.getTime() - 60_000).toISOString(),
    );
    await ctx.db
      .insertInto('password_resets')
      .values([
        { token_hash: 'used', user_id: board.id, created_at: ago(5), expires_at: ago(-1), used_at: ago(4) },
        { token_hash: 'expired', user_id: board.id, created_at: ago(5), expires_at: ago(2), used_at: null },
        { token_hash: 'valid', user_id: board.id, created_at: ago(1), expires_at: ago(-1), used_at: null },
      ])
      .execute();

    reportBefore = reportJson(await buildReport(ctx.db, [2025], { organisationName: 'Comité', now: RUN_AT }));
  });
  after(() => ctx.close());

  it('runs once a day through the scheduler, a missed day caught up', async () => {
    // 03:00 in Brussels: today's period has not begun, yesterday's never ran (the server was down).
    at = new Date('2026-11-27T02:00:00Z');
    const early = (await ctx.app.scheduler.tick()).find((r) => r.job === 'retention.daily');
    assert.equal(early?.period, '2026-11-26', 'before 03:30 the period is still the previous day');
    const afterEarly = await ctx.db
      .selectFrom('audit_events')
      .select('id')
      .where('action', '=', 'retention.run')
      .execute();
    assert.equal(afterEarly.length, 1, 'the missed previous day ran once (catch-up)');

    at = RUN_AT;
    const result = (await ctx.app.scheduler.tick()).find((r) => r.job === 'retention.daily');
    assert.equal(result?.outcome, 'done');
    assert.equal(result?.period, '2026-11-27');
    const again = (await ctx.app.scheduler.tick()).find((r) => r.job === 'retention.daily');
    assert.notEqual(again?.outcome, 'done', 'the same day never runs twice');
    const runs = await ctx.db
      .selectFrom('audit_events')
      .select(['summary', 'actor_id'])
      .where('action', '=', 'retention.run')
      .execute();
    assert.equal(runs.length, 2);
  });

  it('erases the identities of requests closed longer ago than the delay, and only those', async () => {
    assert.equal(await hasIdentity(ctx.db, ids.old), false);
    assert.equal(await hasIdentity(ctx.db, ids.recent), true);
    assert.equal(await hasIdentity(ctx.db, ids.open), true);
    const request = await ctx.db.selectFrom('requests').select('status').where('id', '=', ids.old).executeTakeFirst();
    assert.equal(request?.status, 'closed', 'the request itself stays');
  });

  it('reduces long-unsubscribed addresses to a fingerprint that still proves the unsubscription', async () => {
    const rows = await ctx.db.selectFrom('newsletter_subscribers').selectAll().orderBy('id').execute();
    const old = rows.find((r) => r.id === subscribers.old);
    assert.equal(old?.email, addressProof(ctx.app.vault, 'parti.depuis.longtemps@exemple.be'));
    assert.equal(old?.status, 'unsubscribed');
    assert.equal(old?.unsubscribed_at, ago(40));
    assert.equal(old?.unsubscribe_token_sealed, '');
    assert.equal(rows.find((r) => r.id === subscribers.recent)?.email, 'parti.hier@exemple.be');
    assert.equal(rows.find((r) => r.id === subscribers.confirmed)?.email, 'reste@exemple.be');
  });

  it('empties old sent mail, ends expired and idle sessions, and clears spent links', async () => {
    const mails = await ctx.db.selectFrom('mail_outbox').select(['id', 'text_body', 'subject']).execute();
    assert.equal(mails.find((m) => m.id === oldMail)?.text_body, '');
    assert.equal(mails.find((m) => m.id === oldMail)?.subject, 'Objet');
    assert.equal(mails.find((m) => m.id === recentMail)?.text_body, 'Corps');
    const sessions = await ctx.db.selectFrom('sessions').select('id').execute();
    assert.deepEqual(
      sessions.map((s) => s.id),
      ['live'],
    );
    const links = await ctx.db.selectFrom('password_resets').select('token_hash').execute();
    assert.deepEqual(
      links.map((l) => l.token_hash),
      ['valid'],
    );
  });

  it('records counts in the audit trail, never data', async () => {
    const runs = await ctx.db
      .selectFrom('audit_events')
      .select(['summary', 'actor_id'])
      .where('action', '=', 'retention.run')
      .orderBy('id')
      .execute();
    const today = runs[1];
    assert.ok(today);
    assert.equal(today.actor_id, null);
    assert.match(today.summary, /identités de demandeurs effacées : 0/);
    // The catch-up run of the day before did the work already.
    assert.match(
      runs[0]?.summary ?? '',
      /identités de demandeurs effacées : 1, adresses désinscrites réduites à une preuve : 1, contenus d’e-mails effacés : 1/,
    );
    for (const run of runs) assert.doesNotMatch(run.summary, /@|Personne|exemple/);
  });

  it('leaves the reports of past years unchanged', async () => {
    const after = reportJson(await buildReport(ctx.db, [2025], { organisationName: 'Comité', now: RUN_AT }));
    assert.equal(after, reportBefore);
  });

  it('follows the configured delays', async () => {
    const counts = await applyRetention(ctx.db, RUN_AT, {
      vault: ctx.app.vault,
      delays: { identityDays: 5, unsubscribedDays: 1, mailBodyDays: 2 },
      sessionIdleMinutes: ctx.app.config.sessionIdleMinutes,
    });
    assert.deepEqual(counts, { identities: 1, unsubscribed: 1, mailBodies: 1, sessions: 0, tokens: 0 });
    assert.equal(await hasIdentity(ctx.db, ids.recent), false);
    assert.equal(await hasIdentity(ctx.db, ids.open), true, 'an open request keeps its identity');
  });
});
