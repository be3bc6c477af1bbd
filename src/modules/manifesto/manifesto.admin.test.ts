import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loginAs, publishManifesto } from '../../../tests/factories/index.js';
import { Agent } from '../../../tests/setup/agent.js';
import { fillManifestoDemo } from './manifesto.demo.service.js';
import { antibotFieldsOf, linkIn } from '../../../tests/support/smtp.js';
import { useMailApp } from '../../../tests/support/mail-app.js';

/** The public pages' languages, and the board's back office (moderation, export, text). */
describe(`manifesto: pages and back office (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  const env = useMailApp();

  async function sign(form: Record<string, string>, extra: Record<string, string> = {}) {
    const agent = new Agent(env.ctx.app);
    const page = await agent.get('/manifeste/signer');
    return agent.post('/manifeste/signer', { ...antibotFieldsOf(page.body), ...form, ...extra });
  }

  it('gives every public page the right lang, hreflang alternates in the three languages and a language switch', async () => {
    const pages = ['/manifeste', '/manifeste/historique', '/manifeste/signer', '/manifeste/signataires', '/newsletter'];
    const lang = { '': 'fr-BE', '/nl': 'nl-BE', '/en': 'en' } as const;
    for (const path of pages) {
      for (const [prefix, htmlLang] of Object.entries(lang)) {
        const res = await env.ctx.app.inject({ method: 'GET', url: `${prefix}${path}` });
        assert.equal(res.statusCode, 200, `${prefix}${path}`);
        assert.match(res.body, new RegExp(`<html lang="${htmlLang}"`), `${prefix}${path}`);
        for (const [p, l] of [
          ['', 'fr-BE'],
          ['/nl', 'nl-BE'],
          ['/en', 'en'],
        ]) {
          assert.ok(
            res.body.includes(`<link rel="alternate" hreflang="${l}" href="http://vigie.test${p}${path}"/>`),
            `${prefix}${path}: alternate ${l}`,
          );
          assert.ok(
            res.body.includes(`<a href="${p}${path}" hreflang="${l}" lang="${l}"`),
            `${prefix}${path}: switch to ${l}`,
          );
        }
        assert.ok(res.body.includes(`<link rel="alternate" hreflang="x-default" href="http://vigie.test${path}"/>`));
      }
    }
    const nl = await env.ctx.app.inject({ method: 'GET', url: '/nl/manifeste' });
    assert.match(nl.body, /Manifest van het sociaal werk/);
    // A placeholder cannot be signed: no button, a notice, and the form answers that it is closed.
    assert.doesNotMatch(nl.body, /<a class="button" href="\/nl\/manifeste\/signer">/);
    assert.match(nl.body, /kan hier nog niet ondertekend worden/);
    const signatories = await env.ctx.app.inject({ method: 'GET', url: '/nl/manifeste/signataires' });
    assert.doesNotMatch(signatories.body, /href="\/nl\/manifeste\/signer"/, 'nor on the list of signatories');
    const form = await env.ctx.app.inject({ method: 'GET', url: '/nl/manifeste/signer' });
    assert.doesNotMatch(form.body, /name="email"/);
    const refused = await sign({ kind: 'individual', name: 'Te Vroeg', email: 'vroeg@exemple.be' });
    assert.equal(refused.statusCode, 409);
    assert.equal(
      (await env.ctx.db.selectFrom('signatures').select('id').where('email', '=', 'vroeg@exemple.be').execute()).length,
      0,
    );
  });

  it('opens signing once the official text is published in that language', async () => {
    await publishManifesto(env.ctx.db, ['fr']);
    const fr = await env.ctx.app.inject({ method: 'GET', url: '/manifeste' });
    assert.match(fr.body, /<a class="button" href="\/manifeste\/signer">Signer le Manifeste<\/a>/);
    const en = await env.ctx.app.inject({ method: 'GET', url: '/en/manifeste' });
    assert.doesNotMatch(en.body, /href="\/en\/manifeste\/signer"/, 'English is still a placeholder');
    const list = await env.ctx.app.inject({ method: 'GET', url: '/manifeste/signataires' });
    assert.match(list.body, /<a class="button" href="\/manifeste\/signer">Signer le Manifeste<\/a>/);
  });

  it('shows a clearly marked placeholder text, with its 2020 update in the history', async () => {
    const en = await env.ctx.app.inject({ method: 'GET', url: '/en/manifeste' });
    assert.match(en.body, /Placeholder text — the committee will paste the official text of the Manifesto here/);
    const history = await env.ctx.app.inject({ method: 'GET', url: '/en/manifeste/historique' });
    assert.match(history.body, /2020 update \(placeholder text\)/);
    assert.match(history.body, /Published in 2020/);
  });

  it('publishes a new version of the text from the back office, with a preview, and keeps the history', async () => {
    const { agent, user } = await loginAs(env.ctx, ['board']);
    await agent.get('/bureau/manifeste');
    const form = {
      locale: 'nl',
      versionLabel: 'Versie 2020',
      publishedOn: '2020-06-15',
      summary: 'Geactualiseerd.',
      body: '# Artikel 1\n\nHet **beroepsgeheim** beschermt.\n\n<img src=x onerror=alert(1)>',
    };
    const preview = await agent.post('/bureau/manifeste', { ...form, action: 'preview' });
    assert.match(preview.body, /<strong>beroepsgeheim<\/strong>/);
    assert.doesNotMatch(preview.body, /<img src=x/);
    const bad = await agent.post('/bureau/manifeste', { ...form, publishedOn: 'juin 2020', action: 'publish' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Date de publication\u00a0: une année/);
    const ok = await agent.post('/bureau/manifeste', { ...form, action: 'publish' });
    assert.equal(ok.statusCode, 303);
    const page = await env.ctx.app.inject({ method: 'GET', url: '/nl/manifeste' });
    assert.match(page.body, /Het <strong>beroepsgeheim<\/strong> beschermt/);
    assert.doesNotMatch(page.body, /Voorlopige tekst/, 'the placeholder is no longer shown');
    const history = await env.ctx.app.inject({ method: 'GET', url: '/nl/manifeste/historique' });
    assert.match(history.body, /Versie 2020/);
    assert.match(history.body, /15 juni 2020/);
    assert.doesNotMatch(history.body, /voorlopige tekst/, 'the placeholder leaves the history once a real text exists');
    assert.match(
      (await env.ctx.app.inject({ method: 'GET', url: '/en/manifeste' })).body,
      /Placeholder text/,
      'the other languages keep theirs',
    );
    const audit = await env.ctx.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'manifesto.publish')
      .execute();
    assert.equal(audit[0]?.actor_id, user.id);
  });

  it('lets the board review the quarantine with its reasons, release an entry (a mail goes out), hide one from the list and export CSV', async () => {
    await sign(
      { kind: 'individual', name: 'Marie Honeypot', email: 'marie.h@exemple.be', showPublicly: 'oui' },
      { site_web: 'rempli' },
    );
    await sign({
      kind: 'organisation',
      name: '=HYPERLINK("http://x")',
      functionOrOrg: 'Service; "social"',
      town: 'Liège',
      email: 'asbl@exemple.be',
      showPublicly: 'oui',
    });
    const quarantined = await env.ctx.db
      .selectFrom('signatures')
      .selectAll()
      .where('email', '=', 'marie.h@exemple.be')
      .executeTakeFirstOrThrow();
    const org = await env.ctx.db
      .selectFrom('signatures')
      .selectAll()
      .where('email', '=', 'asbl@exemple.be')
      .executeTakeFirstOrThrow();
    await env.ctx.app.mailer.flush(env.ctx.db);
    env.smtp.received.length = 0;

    const { agent } = await loginAs(env.ctx, ['board']);
    const review = await agent.get('/bureau/signatures?statut=quarantined');
    assert.equal(review.statusCode, 200);
    assert.match(review.body, /Marie Honeypot/);
    assert.match(review.body, /Raisons\u00a0: Champ piège rempli \(robot probable\)/);
    assert.doesNotMatch(review.body, /HYPERLINK/, 'the filter keeps only quarantined entries');

    assert.equal(
      (
        await agent.post(`/bureau/signatures/${quarantined.id}/moderer`, {
          action: 'release',
          retour: '/bureau/signatures?statut=quarantined',
        })
      ).statusCode,
      303,
    );
    assert.equal(
      (
        await env.ctx.db
          .selectFrom('signatures')
          .select('status')
          .where('id', '=', quarantined.id)
          .executeTakeFirstOrThrow()
      ).status,
      'pending',
    );
    await env.ctx.app.mailer.flush(env.ctx.db);
    const link = new URL(linkIn(env.smtp.received[0], '/manifeste/confirmer'));
    const person = new Agent(env.ctx.app);
    await person.get(link.pathname + link.search);
    assert.equal(
      (await person.post('/manifeste/confirmer', { jeton: link.searchParams.get('jeton') ?? '' })).statusCode,
      200,
    );

    // The organisation confirms too; then the board hides it from the public list.
    await agent.post(`/bureau/signatures/${org.id}/moderer`, { action: 'confirm' });
    assert.match((await env.ctx.app.inject({ method: 'GET', url: '/manifeste/signataires' })).body, /HYPERLINK/);
    await agent.post(`/bureau/signatures/${org.id}/moderer`, { action: 'hide' });
    const list = await env.ctx.app.inject({ method: 'GET', url: '/manifeste/signataires' });
    assert.doesNotMatch(list.body, /HYPERLINK/);
    assert.match(list.body, /Marie Honeypot/);
    const refused = await agent.post(`/bureau/signatures/${org.id}/moderer`, { action: 'release' });
    assert.equal(refused.statusCode, 303, 'an impossible action is refused with a message, not an error');

    const search = await agent.get('/bureau/signatures?q=liege');
    assert.match(search.body, /HYPERLINK/, 'search ignores accents');

    const csv = await agent.get('/bureau/signatures.csv');
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-type']), /^text\/csv; charset=utf-8/);
    assert.match(String(csv.headers['content-disposition']), /attachment; filename="signatures-manifeste\.csv"/);
    assert.ok(csv.body.startsWith('\uFEFFN°;Type;Nom;'), 'UTF-8 with a BOM, ; between fields');
    assert.match(
      csv.body,
      /;Organisation;"'=HYPERLINK\(""http:\/\/x""\)";"Service; ""social""";Liège;asbl@exemple\.be;fr;oui;non;non;oui;Confirmée;/,
    );
    assert.match(csv.body, /Marie Honeypot/);
    assert.ok(csv.body.endsWith('\r\n'));
    assert.equal(
      (await env.ctx.db.selectFrom('audit_events').select('id').where('action', '=', 'signature.export').execute())
        .length,
      1,
    );
    const moderations = await env.ctx.db
      .selectFrom('audit_events')
      .select('summary')
      .where('action', '=', 'signature.moderate')
      .execute();
    assert.equal(moderations.length, 3);

    const months = await agent.get('/bureau/signatures/par-mois');
    const month = new Intl.DateTimeFormat('fr-BE', { month: 'long', year: 'numeric' }).format(new Date());
    assert.match(months.body, new RegExp(`<th scope="row">${month}</th><td>1</td><td>1</td>`), 'the month in words');
  });

  it('fills clearly fictional confirmed signatories and subscribers for `vigie demo`, once', async () => {
    const before = await env.ctx.db.selectFrom('signatures').select('id').where('status', '=', 'confirmed').execute();
    assert.match(
      await fillManifestoDemo(env.ctx.db, env.ctx.app.vault),
      /8 signataires fictifs confirmés, 7 abonné·e·s/,
    );
    const rows = await env.ctx.db
      .selectFrom('signatures')
      .selectAll()
      .where('email', 'like', '%@demo.invalid')
      .execute();
    assert.equal(rows.length, 8);
    assert.ok(rows.every((r) => r.status === 'confirmed' && /\(d[ée]mo\)/.test(r.name)));
    assert.equal(
      (await env.ctx.db.selectFrom('signatures').select('id').where('status', '=', 'confirmed').execute()).length,
      before.length + 8,
    );
    assert.match(
      (await env.ctx.app.inject({ method: 'GET', url: '/manifeste/signataires' })).body,
      /Camille Exemple \(démo\)/,
    );
    assert.match(await fillManifestoDemo(env.ctx.db, env.ctx.app.vault), /0 signataires fictifs confirmés, 0 abonné/);
  });

  it('keeps the back office to the board', async () => {
    const anonymous = new Agent(env.ctx.app);
    for (const url of ['/bureau/signatures', '/bureau/signatures.csv', '/bureau/newsletter', '/bureau/manifeste']) {
      const res = await anonymous.get(url);
      assert.equal(res.statusCode, 303, url);
      assert.match(String(res.headers.location), /^\/connexion\?retour=/);
    }
    const { agent } = await loginAs(env.ctx, ['admin']);
    assert.equal(
      (await agent.get('/bureau/signatures.csv')).statusCode,
      403,
      'an admin who is not on the board sees no signature',
    );
  });
});
