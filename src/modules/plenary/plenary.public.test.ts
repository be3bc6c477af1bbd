import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildMember } from '../../../tests/factories/members.js';
import { createTestApp, type TestContext } from '../../../tests/setup/app.js';
import { hashToken } from '../../lib/tokens.js';

/** The plenary on the public site: its public assemblies on the agenda page, the unsubscribe link in three languages. */
describe(`the plenary on the public site (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let ctx: TestContext;
  // Friday 27 November 2026.
  const now = new Date('2026-11-27T10:00:00Z');
  before(async () => {
    ctx = await createTestApp({}, { clock: () => now });
    const at = '2026-01-10T10:00:00.000Z';
    const base = { starts_at: null, ends_at: null, place: '', is_public: 1, created_at: at, updated_at: at };
    await ctx.db
      .insertInto('plenary_assemblies')
      .values([
        {
          ...base,
          title: 'Résister ensemble',
          held_on: '2026-12-12',
          starts_at: '09:30',
          ends_at: '12:30',
          place: 'Maison des associations, Namur',
        },
        { ...base, title: 'Bilan 2025', held_on: '2026-03-14' },
        { ...base, title: 'Réunion interne', held_on: '2027-01-16', is_public: 0 },
        { ...base, title: 'Annulée', held_on: '2027-02-13', cancelled_at: at },
        { ...base, title: 'Trop ancienne', held_on: '2025-06-14' },
      ])
      .execute();
  });
  after(async () => ctx.close());

  const section = (body: string, id: string) =>
    new RegExp(`<section aria-labelledby="${id}">([\\s\\S]*?)</section>`).exec(body)?.[1] ?? '';

  it('lists the public assemblies on the agenda page, upcoming and past, as the feed does', async () => {
    const fr = await ctx.app.inject({ method: 'GET', url: '/agenda' });
    assert.equal(fr.statusCode, 200);
    const upcoming = section(fr.body, 'a-venir');
    assert.match(upcoming, /Assemblée plénière\u00a0: Résister ensemble/);
    assert.match(upcoming, /samedi 12 décembre 2026, de 9 h 30 à 12 h 30 — Maison des associations, Namur/);
    assert.match(section(fr.body, 'passes'), /Assemblée plénière\u00a0: Bilan 2025/);
    for (const hidden of ['Réunion interne', 'Annulée', 'Trop ancienne']) assert.ok(!fr.body.includes(hidden), hidden);
    assert.ok(!fr.body.includes('Aucun élément'), 'the page is not empty');

    const feed = await ctx.app.inject({ method: 'GET', url: '/agenda.ics' });
    const inFeed = [...feed.body.matchAll(/^SUMMARY:(.*)$/gm)].map((m) => m[1]?.trim());
    assert.deepEqual(inFeed, ['Assemblée plénière : Bilan 2025', 'Assemblée plénière : Résister ensemble']);

    const nl = await ctx.app.inject({ method: 'GET', url: '/nl/agenda' });
    assert.match(section(nl.body, 'a-venir'), /Plenaire vergadering: Résister ensemble/);
    assert.match(
      section(nl.body, 'a-venir'),
      /zaterdag 12 december 2026, van 9\.30 uur tot 12\.30 uur — Maison des associations/,
    );
    const en = await ctx.app.inject({ method: 'GET', url: '/en/agenda' });
    assert.match(section(en.body, 'a-venir'), /Plenary assembly: Résister ensemble/);
    assert.match(section(en.body, 'passes'), /Plenary assembly: Bilan 2025/);
  });

  it('offers the unsubscribe page of the convocations in Dutch and English, with hreflang and the language switch', async () => {
    const member = await buildMember(ctx.db, { contact_email: 'bea@exemple.be', mail_consent: 1 });
    const assembly = await ctx.db.selectFrom('plenary_assemblies').select('id').executeTakeFirstOrThrow();
    const token = 'jeton-de-test-plenary-0123456789';
    await ctx.db
      .insertInto('plenary_convocations')
      .values({
        assembly_id: assembly.id,
        member_id: member,
        token_hash: hashToken(token),
        created_at: now.toISOString(),
      })
      .execute();

    const fr = await ctx.app.inject({ method: 'GET', url: `/plenieres/desinscription?jeton=${token}` });
    assert.equal(fr.statusCode, 200);
    assert.match(fr.body, /<html lang="fr-BE">/);
    assert.match(fr.body, /Ne plus recevoir les convocations/);
    assert.match(
      fr.body,
      new RegExp(`hreflang="nl-BE" href="http://vigie.test/nl/plenieres/desinscription\\?jeton=${token}"`),
    );

    const nl = await ctx.app.inject({ method: 'GET', url: `/nl/plenieres/desinscription?jeton=${token}` });
    assert.equal(nl.statusCode, 200);
    assert.match(nl.body, /<html lang="nl-BE">/);
    assert.match(nl.body, /Geen uitnodigingen meer ontvangen/);
    assert.match(nl.body, new RegExp(`action="/nl/plenieres/desinscription\\?jeton=${token}"`));
    assert.match(nl.body, new RegExp(`href="/en/plenieres/desinscription\\?jeton=${token}" hreflang="en"`));

    const done = await ctx.app.inject({
      method: 'POST',
      url: `/en/plenieres/desinscription?jeton=${token}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    assert.equal(done.statusCode, 200, done.body);
    assert.match(done.body, /<html lang="en">/);
    assert.match(done.body, /you will no longer receive the invitations/);
    const row = await ctx.db.selectFrom('members').selectAll().where('id', '=', member).executeTakeFirstOrThrow();
    assert.equal(row.mail_consent, 0);
    assert.equal(row.mail_consent_source, 'unsubscribe');

    const bad = await ctx.app.inject({ method: 'POST', url: '/nl/plenieres/desinscription?jeton=onbekend-onbekend-0' });
    assert.equal(bad.statusCode, 404);
    assert.match(bad.body, /Deze uitschrijflink is ongeldig/);
  });
});
