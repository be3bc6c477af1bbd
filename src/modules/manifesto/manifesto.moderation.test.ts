import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loginAs } from '../../../tests/factories/index.js';
import { Agent } from '../../../tests/setup/agent.js';
import { antibotFieldsOf, linkIn } from '../../../tests/support/smtp.js';
import { useMailApp } from '../../../tests/support/mail-app.js';

/** Issue 13: the board's signature actions say what they do; the quarantine is handled in batches; reused links. */
describe(`manifesto: moderation in batches and reused links (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  const env = useMailApp({ manifesto: true });

  async function sign(prefix: '' | '/nl', form: Record<string, string>, extra: Record<string, string> = {}) {
    const agent = new Agent(env.ctx.app);
    const page = await agent.get(`${prefix}/manifeste/signer`);
    return agent.post(`${prefix}/manifeste/signer`, { ...antibotFieldsOf(page.body), ...form, ...extra });
  }

  async function idOf(email: string): Promise<number> {
    return (await env.ctx.db.selectFrom('signatures').select('id').where('email', '=', email).executeTakeFirstOrThrow())
      .id;
  }

  async function statusOf(email: string): Promise<string | undefined> {
    return (await env.ctx.db.selectFrom('signatures').select('status').where('email', '=', email).executeTakeFirst())
      ?.status;
  }

  /** The `<li>` of one signature in the back-office list. */
  function entry(html: string, name: string): string {
    return (
      html
        .split('<li>')
        .slice(1)
        .find((li) => li.includes(name)) ?? ''
    );
  }

  it('says there is nothing to examine when the quarantine is empty', async () => {
    // Arrange
    const { agent } = await loginAs(env.ctx, ['board']);

    // Act
    const quarantine = (await agent.get('/bureau/signatures?statut=quarantined')).body;
    const search = (await agent.get('/bureau/signatures?q=personne')).body;

    // Assert
    assert.match(quarantine, /<p>Rien à examiner\u00a0: aucune signature n’est en quarantaine\.<\/p>/);
    assert.match(search, /<p>Aucune signature ne correspond à ces critères\.<\/p>/);
  });

  it('offers « retirer de la liste publique » only to people who asked to be listed, and never makes counting without a check look like the safe choice', async () => {
    await sign(
      '',
      { kind: 'individual', name: 'Liste Oui', email: 'liste.oui@exemple.be', showPublicly: 'oui' },
      { site_web: 'x' },
    );
    await sign('', { kind: 'individual', name: 'Liste Non', email: 'liste.non@exemple.be' }, { site_web: 'x' });
    const { agent } = await loginAs(env.ctx, ['board']);
    const page = (await agent.get('/bureau/signatures?statut=quarantined')).body;
    assert.match(entry(page, 'Liste Oui'), /Retirer de la liste publique/);
    assert.doesNotMatch(entry(page, 'Liste Non'), /liste publique<\/span>/);
    assert.doesNotMatch(page, /Confirmer sans e-mail/);
    const count = /<button type="submit" class="([^"]*)"><span>Compter la signature sans vérifier l’adresse/.exec(
      entry(page, 'Liste Oui'),
    );
    assert.equal(count?.[1], 'secondary', 'counting without a check is a secondary button');
    assert.match(entry(page, 'Liste Oui'), /<button type="submit" class=""><span>Libérer\u00a0: envoyer l’e-mail/);
  });

  it('releases several quarantined signatures at once: each gets its mail, each is audited, and the batch too', async () => {
    await sign('', { kind: 'individual', name: 'Lot Un', email: 'lot.un@exemple.be' }, { site_web: 'x' });
    await sign('', { kind: 'individual', name: 'Lot Deux', email: 'lot.deux@exemple.be' }, { site_web: 'x' });
    await env.ctx.app.mailer.flush(env.ctx.db);
    env.smtp.received.length = 0;
    const { agent } = await loginAs(env.ctx, ['board']);
    const page = await agent.get('/bureau/signatures?statut=quarantined');
    assert.match(page.body, /<form method="post" action="\/bureau\/signatures\/lot" id="lot"/);
    assert.match(page.body, /<input type="checkbox" form="lot" name="ids"/);

    const ids = [String(await idOf('lot.un@exemple.be')), String(await idOf('lot.deux@exemple.be'))];
    const res = await agent.post('/bureau/signatures/lot', {
      action: 'release',
      ids,
      retour: '/bureau/signatures?statut=quarantined',
    });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/bureau/signatures?statut=quarantined');
    assert.match((await agent.get('/bureau/signatures?statut=quarantined')).body, /2 signatures traitées\./);
    assert.equal(await statusOf('lot.un@exemple.be'), 'pending');
    assert.equal(await statusOf('lot.deux@exemple.be'), 'pending');
    await env.ctx.app.mailer.flush(env.ctx.db);
    assert.deepEqual(env.smtp.received.map((m) => m.to[0]).sort(), ['lot.deux@exemple.be', 'lot.un@exemple.be']);
    const audit = await env.ctx.db
      .selectFrom('audit_events')
      .select(['action', 'entity_id', 'summary'])
      .where('action', 'in', ['signature.moderate', 'signature.moderate_batch'])
      .execute();
    assert.deepEqual(
      audit
        .filter((a) => a.action === 'signature.moderate')
        .map((a) => String(a.entity_id))
        .sort(),
      [...ids].sort(),
    );
    assert.match(audit.find((a) => a.action === 'signature.moderate_batch')?.summary ?? '', /^2 signatures sortie/);
  });

  it('ticks every signature of the page at once without JavaScript (« Tout cocher »), and unticks them', async () => {
    // Arrange: two signatures in quarantine
    await sign('', { kind: 'individual', name: 'Coche Un', email: 'coche.un@exemple.be' }, { site_web: 'x' });
    await sign('', { kind: 'individual', name: 'Coche Deux', email: 'coche.deux@exemple.be' }, { site_web: 'x' });
    const { agent } = await loginAs(env.ctx, ['board']);
    const boxes = (html: string, name: string) => /<input[^>]*form="lot"[^>]*>/.exec(entry(html, name))?.[0] ?? '';

    // Act: the list, then its « Tout cocher » link followed as a plain link
    const page = (await agent.get('/bureau/signatures?statut=quarantined')).body;
    const link = /<a href="([^"]+)">Tout cocher sur cette page<\/a>/.exec(page)?.[1] ?? '';
    const ticked = (await agent.get(link.split('#')[0] ?? '')).body;

    // Assert: unticked at first, every box ticked after, with the way back; the batch returns to the plain list
    assert.equal(link, '/bureau/signatures?statut=quarantined&tout=1#lot');
    assert.doesNotMatch(boxes(page, 'Coche Un'), /checked/);
    assert.match(boxes(ticked, 'Coche Un'), /checked/);
    assert.match(boxes(ticked, 'Coche Deux'), /checked/);
    assert.match(ticked, /<a href="\/bureau\/signatures\?statut=quarantined#lot">Tout décocher<\/a>/);
    assert.match(ticked, /name="retour" value="\/bureau\/signatures\?statut=quarantined"/);
  });

  it('does all or nothing: one signature already handled leaves the others untouched; the CSRF token is required', async () => {
    await sign('', { kind: 'individual', name: 'Tout Un', email: 'tout.un@exemple.be' }, { site_web: 'x' });
    await sign('', { kind: 'individual', name: 'Tout Deux', email: 'tout.deux@exemple.be' }, { site_web: 'x' });
    const { agent } = await loginAs(env.ctx, ['board']);
    await agent.get('/bureau/signatures');
    const first = await idOf('tout.un@exemple.be');
    const second = await idOf('tout.deux@exemple.be');
    await agent.post(`/bureau/signatures/${second}/moderer`, { action: 'delete' });

    await agent.post('/bureau/signatures/lot', { action: 'delete', ids: [String(first), String(second)] });
    assert.equal(await statusOf('tout.un@exemple.be'), 'quarantined', 'the batch was refused as a whole');
    assert.match((await agent.get('/bureau/signatures')).body, /Rien n’a été fait/);

    const forged = await agent.post('/bureau/signatures/lot', {
      action: 'delete',
      ids: [String(first)],
      _csrf: 'faux',
    });
    assert.equal(forged.statusCode, 403);
    assert.equal(await statusOf('tout.un@exemple.be'), 'quarantined');

    await agent.post('/bureau/signatures/lot', { action: 'delete', ids: [String(first)] });
    assert.equal(await statusOf('tout.un@exemple.be'), undefined);
  });

  it('tells someone who opens their confirmation link again that the signature is already confirmed, in their language', async () => {
    await sign('/nl', { kind: 'individual', name: 'Opnieuw Klikken', email: 'opnieuw@exemple.be' });
    await sign('', { kind: 'individual', name: 'Encore Cliquer', email: 'encore@exemple.be' });
    await env.ctx.app.mailer.flush(env.ctx.db);
    const mailTo = (to: string) => env.smtp.received.find((m) => m.to.includes(to));
    for (const [email, prefix, already] of [
      ['opnieuw@exemple.be', '/nl', /Uw handtekening is al bevestigd/],
      ['encore@exemple.be', '', /Votre signature est déjà confirmée/],
    ] as const) {
      const link = new URL(linkIn(mailTo(email), `${prefix}/manifeste/confirmer`));
      const token = link.searchParams.get('jeton') ?? '';
      const person = new Agent(env.ctx.app);
      await person.get(link.pathname + link.search);
      assert.equal((await person.post(`${prefix}/manifeste/confirmer`, { jeton: token })).statusCode, 200);
      assert.equal(await statusOf(email), 'confirmed');

      const again = await person.get(link.pathname + link.search);
      assert.equal(again.statusCode, 200, email);
      assert.match(again.body, already);
      assert.doesNotMatch(again.body, /signer à nouveau|opnieuw ondertekenen/);
      const twice = await person.post(`${prefix}/manifeste/confirmer`, { jeton: token });
      assert.match(twice.body, already);
    }
    const unknown = await new Agent(env.ctx.app).get('/manifeste/confirmer?jeton=inconnu');
    assert.equal(unknown.statusCode, 404);
    assert.match(unknown.body, /pas ou plus valable/);
  });
});
