import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loginAs } from '../../../tests/factories/index.js';
import type { Agent } from '../../../tests/setup/agent.js';
import { createTestApp, type TestContext } from '../../../tests/setup/app.js';
import { pdfText } from '../../../tests/support/pdf-text.js';

describe(`the plenary: assemblies, convocation, attendance, minutes (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let ctx: TestContext;
  let agent: Agent;
  // Friday 27 November 2026: the assembly of 12 December is ahead.
  let now = new Date('2026-11-27T10:00:00Z');
  before(async () => {
    ctx = await createTestApp({}, { clock: () => now });
    ({ agent } = await loginAs(ctx));
  });
  after(async () => ctx.close());

  async function member(name: string, fields: Record<string, string>): Promise<number> {
    const res = await agent.post('/bureau/membres', {
      kind: 'individual',
      name,
      contactEmail: '',
      contactPhone: '',
      joinedOn: '2024-01-10',
      leftOn: '',
      notes: '',
      ...fields,
    });
    assert.equal(res.statusCode, 303, res.body);
    return Number(/\/bureau\/membres\/(\d+)/.exec(String(res.headers.location))?.[1]);
  }

  async function assembly(heldOn: string): Promise<string> {
    const res = await agent.post('/bureau/assemblees/nouvelle', {
      heldOn,
      startsAt: '9h30',
      endsAt: '12:30',
      place: 'Maison des associations, Namur',
      videoUrl: '',
      title: 'Résister ensemble',
    });
    assert.equal(res.statusCode, 303, res.body);
    return String(res.headers.location).replace(/#.*$/, '');
  }

  const outbox = (ref: string) =>
    ctx.db.selectFrom('mail_outbox').selectAll().where('ref', '=', ref).orderBy('id').execute();

  it('records the consent to e-mails with its date and source, and refuses it without an address', async () => {
    const refused = await agent.post('/bureau/membres', {
      kind: 'individual',
      name: 'Sans Adresse',
      contactEmail: '',
      mailConsent: 'oui',
      joinedOn: '',
    });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /indiquez l’adresse où envoyer les convocations/);
    assert.equal(
      (await ctx.db.selectFrom('members').select('id').where('name', '=', 'Sans Adresse').execute()).length,
      0,
    );
    const id = await member('Alix Consentante', { contactEmail: 'alix@exemple.be', mailConsent: 'oui' });
    const row = await ctx.db.selectFrom('members').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.mail_consent, 1);
    assert.equal(row.mail_consent_source, 'board');
    assert.ok(row.mail_consent_at);
    assert.match((await agent.get(`/bureau/membres/${id}`)).body, /Accord donné le .* \(encodé par le bureau\)/);
    const ledger = await ctx.db
      .selectFrom('consent_events')
      .select(['purpose', 'action'])
      .where('email', '=', 'alix@exemple.be')
      .execute();
    assert.deepEqual(ledger, [{ purpose: 'member.mail', action: 'given' }]);
  });

  it('builds the agenda without JavaScript and sends the convocation once, only to those who accepted e-mails', async () => {
    await member('Bea Consentante', { contactEmail: 'bea@exemple.be', mailConsent: 'oui' });
    await member('Carl Sans Accord', { contactEmail: 'carl@exemple.be' });
    await member('Dora Partie', { contactEmail: 'dora@exemple.be', mailConsent: 'oui', leftOn: '2026-06-30' });
    const page = await assembly('2026-12-12');
    const id = page.split('/').pop() ?? '';
    const empty = await agent.post(`${page}/convocation`, {});
    assert.equal(empty.statusCode, 409, 'no agenda, no convocation');
    for (const title of ['Rapport d’activités 2026', 'Élection du bureau', 'Groupe de travail « résistances »'])
      assert.equal((await agent.post(`${page}/points`, { title })).statusCode, 303);
    assert.equal((await agent.post(`${page}/points`, { title: '  ' })).statusCode, 400);
    const items = await ctx.db
      .selectFrom('plenary_agenda_items')
      .select(['id', 'title'])
      .where('assembly_id', '=', Number(id))
      .orderBy('position')
      .execute();
    assert.equal((await agent.post(`${page}/points/${items[2]?.id}/monter`, {})).statusCode, 303);
    const order = await ctx.db
      .selectFrom('plenary_agenda_items')
      .select('title')
      .where('assembly_id', '=', Number(id))
      .orderBy('position')
      .execute();
    assert.deepEqual(
      order.map((i) => i.title),
      ['Rapport d’activités 2026', 'Groupe de travail « résistances »', 'Élection du bureau'],
    );
    assert.match((await agent.get(page)).body, /2 membres recevront la convocation/);

    const sent = await agent.post(`${page}/convocation`, {});
    assert.equal(sent.statusCode, 303, sent.body);
    const mails = await outbox(`plenary_assembly:${id}`);
    assert.deepEqual(mails.map((m) => m.to_address).sort(), ['alix@exemple.be', 'bea@exemple.be']);
    for (const m of mails) {
      assert.equal(m.subject, 'Convocation\u00a0: assemblée plénière du 12 décembre 2026');
      assert.match(m.text_body, /samedi 12 décembre 2026, de 9 h 30 à 12 h 30|12 décembre 2026, de 9 h 30 à 12 h 30/);
      assert.match(
        m.text_body,
        /1\. Rapport d’activités 2026\n2\. Groupe de travail «\u00a0résistances\u00a0»\n3\. Élection du bureau/,
      );
      const headers = JSON.parse(m.headers ?? '{}') as Record<string, string>;
      assert.match(
        headers['List-Unsubscribe'] ?? '',
        /^<http:\/\/vigie\.test\/plenieres\/desinscription\?jeton=[\w-]+>$/,
      );
      assert.equal(headers['List-Unsubscribe-Post'], 'List-Unsubscribe=One-Click');
      assert.ok(m.text_body.includes(headers['List-Unsubscribe']?.slice(1, -1) ?? '?'), 'the link is in the text');
      assert.ok(m.html_body?.includes(headers['List-Unsubscribe']?.slice(1, -1) ?? '?'), 'and in the HTML');
    }
    assert.equal(new Set(mails.map((m) => m.headers)).size, 2, 'each member has their own link');
    const tokens = await ctx.db.selectFrom('plenary_convocations').select('token_hash').execute();
    for (const m of mails) assert.ok(!tokens.some((t) => m.text_body.includes(t.token_hash)), 'tokens are kept hashed');

    // Sending twice does not mail twice.
    const again = await agent.post(`${page}/convocation`, {});
    assert.equal(again.statusCode, 409);
    assert.match(again.body, /déjà été envoyée/);
    assert.equal((await outbox(`plenary_assembly:${id}`)).length, 2);
    const audit = await ctx.db
      .selectFrom('audit_events')
      .select('summary')
      .where('action', '=', 'assembly.convene')
      .execute();
    assert.deepEqual(audit, [{ summary: '2 membres convoqués' }]);
  });

  it('sends nothing and marks nothing when no member accepted e-mails (all or nothing)', async () => {
    await ctx.db.updateTable('members').set({ mail_consent: 0 }).execute();
    const page = await assembly('2027-03-13');
    const id = Number(page.split('/').pop());
    await agent.post(`${page}/points`, { title: 'Bilan' });
    const res = await agent.post(`${page}/convocation`, {});
    assert.equal(res.statusCode, 409);
    assert.match(res.body, /Aucun membre n’a accepté/);
    const row = await ctx.db
      .selectFrom('plenary_assemblies')
      .select('convocation_sent_at')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(row.convocation_sent_at, null);
    assert.equal((await outbox(`plenary_assembly:${id}`)).length, 0);
    await ctx.db
      .updateTable('members')
      .set({ mail_consent: 1 })
      .where('contact_email', 'in', ['alix@exemple.be', 'bea@exemple.be'])
      .execute();
  });

  it('unsubscribes in one click (RFC 8058 POST, no cookie, no CSRF token) and records why', async () => {
    const [mail] = await ctx.db
      .selectFrom('mail_outbox')
      .selectAll()
      .where('to_address', '=', 'bea@exemple.be')
      .where('purpose', '=', 'plenary_convocation')
      .execute();
    const link = /<(http[^>]+)>/.exec(JSON.parse(mail?.headers ?? '{}')['List-Unsubscribe'] ?? '')?.[1] ?? '';
    const path = link.replace('http://vigie.test', '');
    const page = await ctx.app.inject({ method: 'GET', url: path });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Ne plus recevoir les convocations/);
    assert.equal(
      (
        await ctx.db
          .selectFrom('members')
          .select('mail_consent')
          .where('contact_email', '=', 'bea@exemple.be')
          .executeTakeFirstOrThrow()
      ).mail_consent,
      1,
      'opening the link changes nothing (mail scanners open links)',
    );
    const res = await ctx.app.inject({
      method: 'POST',
      url: path,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.match(res.body, /vous ne recevrez plus les convocations/);
    const row = await ctx.db
      .selectFrom('members')
      .selectAll()
      .where('contact_email', '=', 'bea@exemple.be')
      .executeTakeFirstOrThrow();
    assert.equal(row.mail_consent, 0);
    assert.equal(row.mail_consent_source, 'unsubscribe');
    const ledger = await ctx.db
      .selectFrom('consent_events')
      .select(['purpose', 'action', 'form'])
      .where('email', '=', 'bea@exemple.be')
      .orderBy('id')
      .execute();
    assert.deepEqual(ledger.at(-1), { purpose: 'member.mail', action: 'withdrawn', form: 'unsubscribe' });
    const bad = await ctx.app.inject({
      method: 'POST',
      url: '/plenieres/desinscription?jeton=inconnu-inconnu-inconnu-0',
    });
    assert.equal(bad.statusCode, 404);
  });

  it('records attendance (an organisation represented), writes the minutes, approves them, then freezes them', async () => {
    const org = await member('Collectif des AS de CPAS', { kind: 'organisation' });
    const person = await member('Eva Présente', {});
    const page = await assembly('2026-12-12');
    await agent.post(`${page}/points`, { title: 'Rapport d’activités' });
    const [item] = await ctx.db
      .selectFrom('plenary_agenda_items')
      .select('id')
      .where('assembly_id', '=', Number(page.split('/').pop()))
      .execute();
    const early = await agent.post(`${page}/approuver`, {});
    assert.equal(early.statusCode, 409, 'not before the assembly is held');

    now = new Date('2026-12-12T15:00:00Z');
    assert.match((await agent.get(`${page}/presences?q=collectif`)).body, /Représentée par/);
    const saved = await agent.post(`${page}/presences`, {
      [`presence_${org}`]: 'present',
      [`representative_${org}`]: 'Fatou N.',
      [`presence_${person}`]: 'excused',
    });
    assert.equal(saved.statusCode, 303, saved.body);
    const notes = await agent.post(`${page}/notes`, {
      [`notes_${item?.id}`]: 'Le rapport est présenté et discuté.',
      notes: 'Prochaine plénière en 2027.',
    });
    assert.equal(notes.statusCode, 303, notes.body);
    const draft = pdfText((await agent.get(`${page}/proces-verbal.pdf`)).rawPayload);
    assert.match(draft, /Collectif des AS de CPAS \(représentée par Fatou N\.\)/);
    assert.match(draft, /Excusé·es : Eva Présente/);
    assert.match(draft, /Le rapport est présenté et discuté\./);

    assert.equal((await agent.post(`${page}/approuver`, {})).statusCode, 303);
    const frozen = await agent.post(`${page}/notes`, { [`notes_${item?.id}`]: 'Réécrit après coup.' });
    assert.equal(frozen.statusCode, 409);
    assert.equal((await agent.post(`${page}/points`, { title: 'Ajout tardif' })).statusCode, 409);
    assert.equal((await agent.post(`${page}/presences`, { [`presence_${person}`]: 'present' })).statusCode, 409);
    // Renaming the member later does not change approved minutes.
    await ctx.db.updateTable('members').set({ name: 'Nouveau nom' }).where('id', '=', org).execute();
    const approved = (await agent.get(`${page}/proces-verbal`)).body;
    assert.match(approved, /Collectif des AS de CPAS \(représentée par Fatou N\.\)/);
    assert.match(approved, /Approuvé par le bureau/);
    const docx = await agent.get(`${page}/proces-verbal.docx`);
    assert.equal(docx.statusCode, 200);
    assert.match(String(docx.headers['content-disposition']), /proces-verbal-pleniere-2026-12-12\.docx/);
  });

  it('is for the board only', async () => {
    const anonymous = await ctx.app.inject({ method: 'GET', url: '/bureau/assemblees' });
    assert.notEqual(anonymous.statusCode, 200);
    const csrfless = await agent.post(
      '/bureau/assemblees/nouvelle',
      { heldOn: '2027-01-01', place: 'Ici' },
      { csrf: false },
    );
    assert.equal(csrfless.statusCode, 403);
  });
});
