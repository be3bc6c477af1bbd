// Over 300 lines: the public contents' journeys (drafts, edits, Markdown safety, translations,
// attachments, access, page weight, contact details) share one app and the form helper above.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loginAs } from '../../../tests/factories/index.js';
import { Agent } from '../../../tests/setup/agent.js';
import { createTestApp, type TestContext } from '../../../tests/setup/app.js';
import { getAsset } from '../../web/assets.js';
import { fillPublicDemo, tinyPdf } from './site.demo.service.js';

const BROWSER = {
  'user-agent': 'Mozilla/5.0 (Android 14) Firefox/130.0',
  'accept-language': 'fr-BE,fr;q=0.9',
  accept: 'text/html,application/xhtml+xml',
};

function newsForm(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    type: 'news',
    locale: 'fr',
    title: 'Journée d’étude sur le secret partagé',
    slug: '',
    summary: 'Un résumé.',
    body: '## Programme\n\nDu **contenu**.',
    action: 'save',
    ...overrides,
  };
}

describe(`public content (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let ctx: TestContext;
  let board: Agent;
  before(async () => {
    ctx = await createTestApp();
    board = (await loginAs(ctx)).agent;
  });
  after(async () => ctx.close());

  async function create(form: Record<string, string>): Promise<number> {
    const res = await board.post('/bureau/contenu', form);
    assert.equal(res.statusCode, 303, res.body.slice(0, 500));
    return Number(String(res.headers.location).split('/').pop());
  }

  it('keeps a draft off the site until it is published, and takes it off again when unpublished', async () => {
    const anonymous = new Agent(ctx.app);
    const id = await create(newsForm({ title: 'Brouillon très secret' }));
    const slug = 'brouillon-tres-secret';
    assert.equal((await anonymous.get(`/actualites/${slug}`)).statusCode, 404);
    assert.ok(!(await anonymous.get('/actualites')).body.includes('Brouillon très secret'));
    assert.ok(!(await anonymous.get('/')).body.includes('Brouillon très secret'));

    assert.equal((await board.post(`/bureau/contenu/${id}/publier`, {})).statusCode, 303);
    const page = await anonymous.get(`/actualites/${slug}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<h1>Brouillon très secret<\/h1>/);
    assert.match(page.body, /<h2>Programme<\/h2>/);
    assert.match((await anonymous.get('/actualites')).body, /Brouillon très secret/);
    assert.match((await anonymous.get('/')).body, /Brouillon très secret/);

    assert.equal((await board.post(`/bureau/contenu/${id}/depublier`, {})).statusCode, 303);
    assert.equal((await anonymous.get(`/actualites/${slug}`)).statusCode, 404);
    const audit = await ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where('entity_type', '=', 'content')
      .where('entity_id', '=', String(id))
      .execute();
    assert.deepEqual(audit.map((a) => a.action).sort(), ['content.create', 'content.publish', 'content.unpublish']);
  });

  it('edits, previews without saving, refuses a taken address and deletes', async () => {
    const id = await create(newsForm({ title: 'Titre initial', slug: 'titre-initial' }));
    const preview = await board.post(
      `/bureau/contenu/${id}`,
      newsForm({ title: 'Titre en aperçu', slug: 'titre-initial', body: 'Texte *aperçu*', action: 'preview' }),
    );
    assert.equal(preview.statusCode, 200);
    assert.match(preview.body, /Aperçu \(non enregistré\)/);
    assert.match(preview.body, /<em>aperçu<\/em>/);
    const stored = await ctx.db
      .selectFrom('content_items')
      .select('title')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(stored.title, 'Titre initial');

    const saved = await board.post(
      `/bureau/contenu/${id}`,
      newsForm({ title: 'Titre corrigé', slug: 'titre-initial' }),
    );
    assert.equal(saved.statusCode, 303);
    assert.equal(
      (await ctx.db.selectFrom('content_items').select('title').where('id', '=', id).executeTakeFirstOrThrow()).title,
      'Titre corrigé',
    );

    const clash = await board.post('/bureau/contenu', newsForm({ title: 'Autre', slug: 'titre-initial' }));
    assert.equal(clash.statusCode, 400);
    assert.match(clash.body, /Adresse\u00a0: «\u00a0titre-initial\u00a0» est déjà utilisée/);

    const missing = await board.post('/bureau/contenu', {
      type: 'event',
      locale: 'fr',
      title: 'Assemblée',
      action: 'save',
    });
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /Date de début\u00a0: obligatoire pour un événement/);

    assert.equal((await board.post(`/bureau/contenu/${id}/supprimer`, {})).statusCode, 303);
    assert.equal(
      await ctx.db.selectFrom('content_items').select('id').where('id', '=', id).executeTakeFirst(),
      undefined,
    );
  });

  it('shows raw HTML in Markdown as text, never as markup', async () => {
    const id = await create(
      newsForm({
        title: 'Essai XSS',
        body: '<script>alert(1)</script>\n\n[clic](javascript:alert(2)) <img src=x onerror=alert(3)>',
      }),
    );
    await board.post(`/bureau/contenu/${id}/publier`, {});
    const page = await new Agent(ctx.app).get('/actualites/essai-xss');
    assert.ok(!page.body.includes('<script>alert(1)'));
    assert.ok(!page.body.includes('javascript:'));
    assert.ok(!/<img src="?x/.test(page.body));
    assert.match(page.body, /&lt;script&gt;alert\(1\)/);
  });

  it('links translations: a version in Dutch is created from the French one and both pages point to each other', async () => {
    const fr = await create(newsForm({ title: 'Assemblée plénière 2027', slug: 'assemblee-2027' }));
    const form = await board.get(`/bureau/contenu/nouveau?type=news&traduction=${fr}&langue=nl`);
    assert.match(form.body, /name="translationOf" value="\d+"/);
    const nl = await create(
      newsForm({ locale: 'nl', title: 'Plenaire vergadering 2027', slug: 'plenaire-2027', translationOf: String(fr) }),
    );
    await board.post(`/bureau/contenu/${fr}/publier`, {});
    await board.post(`/bureau/contenu/${nl}/publier`, {});
    const frPage = await new Agent(ctx.app).get('/actualites/assemblee-2027');
    assert.match(frPage.body, /hreflang="nl-BE" href="http:\/\/vigie\.test\/nl\/actualites\/plenaire-2027"/);
    const nlPage = await new Agent(ctx.app).get('/nl/actualites/plenaire-2027');
    assert.match(nlPage.body, /<html lang="nl-BE">/);
    assert.match(nlPage.body, /hreflang="fr-BE" href="http:\/\/vigie\.test\/actualites\/assemblee-2027"/);

    // A second Dutch version cannot join the same group.
    const other = await create(newsForm({ locale: 'nl', title: 'Nog een versie', slug: 'nog-een-versie' }));
    const refused = await board.post(`/bureau/contenu/${fr}/traductions`, { translation: String(other) });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /a déjà une version en néerlandais/);
    // An English one can be linked, then detached.
    const en = await create(newsForm({ locale: 'en', title: 'Plenary 2027', slug: 'plenary-2027' }));
    assert.equal((await board.post(`/bureau/contenu/${fr}/traductions`, { translation: String(en) })).statusCode, 303);
    const groups = await ctx.db
      .selectFrom('content_items')
      .select(['id', 'translation_group'])
      .where('id', 'in', [fr, nl, en])
      .execute();
    assert.equal(new Set(groups.map((g) => g.translation_group)).size, 1);
    await board.post(`/bureau/contenu/${en}/traductions/detacher`, {});
    const after = await ctx.db
      .selectFrom('content_items')
      .select(['id', 'translation_group'])
      .where('id', 'in', [fr, en])
      .execute();
    assert.equal(new Set(after.map((g) => g.translation_group)).size, 2);
  });

  // Issue 9: a right-to-left override kept in the name made « …\u202Egnp.pdf » look like a .png.
  it('strips format characters (bidirectional overrides, zero-width) from attachment names', async () => {
    const id = await create({ ...newsForm({ title: 'Fiche trompeuse', slug: 'fiche-trompeuse' }), type: 'resource' });
    const res = await board.postMultipart(
      `/bureau/contenu/${id}/pieces-jointes`,
      {},
      { file: { filename: 'photo\u202Egnp.pdf', data: tinyPdf(['x']), type: 'application/pdf' } },
    );
    assert.equal(res.statusCode, 303);
    const second = await board.postMultipart(
      `/bureau/contenu/${id}/pieces-jointes`,
      {},
      { file: { filename: 'fi\u200Bche\u2066 \uFEFFfinale\u2069.pdf', data: tinyPdf(['y']), type: 'application/pdf' } },
    );
    assert.equal(second.statusCode, 303);
    const names = await ctx.db
      .selectFrom('attachments')
      .select('filename')
      .where('content_item_id', '=', id)
      .orderBy('id')
      .execute();
    assert.deepEqual(
      names.map((n) => n.filename),
      ['photognp.pdf', 'fiche finale.pdf'],
    );
  });

  it('accepts PDF attachments, serves them as downloads, and refuses wrong types, fake PDFs and files over 10 MB', async () => {
    const id = await create({ ...newsForm({ title: 'Fiche pratique', slug: 'fiche-pratique' }), type: 'resource' });
    const pdf = tinyPdf(['Fiche', 'Texte']);
    const ok = await board.postMultipart(
      `/bureau/contenu/${id}/pieces-jointes`,
      {},
      { file: { filename: 'fiche été.pdf', data: pdf, type: 'application/pdf' } },
    );
    assert.equal(ok.statusCode, 303, ok.body.slice(0, 300));
    const att = await ctx.db
      .selectFrom('attachments')
      .select(['id', 'size', 'mime'])
      .where('content_item_id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(att.size, pdf.length);

    // Not public while the resource is a draft; the board can check it.
    assert.equal((await new Agent(ctx.app).get(`/fichiers/${att.id}/fiche.pdf`)).statusCode, 404);
    assert.equal((await board.get(`/fichiers/${att.id}/fiche.pdf`)).statusCode, 200);
    await board.post(`/bureau/contenu/${id}/publier`, {});
    const dl = await new Agent(ctx.app).get(`/fichiers/${att.id}/fiche.pdf`);
    assert.equal(dl.statusCode, 200);
    assert.equal(dl.headers['content-type'], 'application/pdf');
    assert.equal(dl.headers['x-content-type-options'], 'nosniff');
    assert.match(
      String(dl.headers['content-disposition']),
      /^attachment; filename="fiche ete\.pdf"; filename\*=UTF-8''fiche%20%C3%A9t%C3%A9\.pdf$/,
    );
    assert.equal(dl.rawPayload.length, pdf.length);
    const page = await new Agent(ctx.app).get('/ressources/fiche-pratique');
    assert.match(page.body, /Documents à télécharger/);
    assert.match(page.body, /fiche été\.pdf/);

    const exe = await board.postMultipart(
      `/bureau/contenu/${id}/pieces-jointes`,
      {},
      { file: { filename: 'outil.exe', data: Buffer.from('MZ....') } },
    );
    assert.equal(exe.statusCode, 400);
    assert.match(exe.body, /seuls les PDF, les images/);
    const fake = await board.postMultipart(
      `/bureau/contenu/${id}/pieces-jointes`,
      {},
      { file: { filename: 'page.pdf', data: Buffer.from('<html><script>alert(1)</script></html>') } },
    );
    assert.equal(fake.statusCode, 400);
    assert.match(fake.body, /ne correspond pas à un fichier PDF/);
    const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(10 * 1024 * 1024 + 10, 32)]);
    const tooBig = await board.postMultipart(
      `/bureau/contenu/${id}/pieces-jointes`,
      {},
      { file: { filename: 'gros.pdf', data: big } },
    );
    assert.ok(tooBig.statusCode === 413 || tooBig.statusCode === 400, String(tooBig.statusCode));
    assert.ok(tooBig.statusCode < 500);
    const count = await ctx.db
      .selectFrom('attachments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('content_item_id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 1);

    const del = await board.post(`/bureau/contenu/${id}/pieces-jointes/${att.id}/supprimer`, {});
    assert.equal(del.statusCode, 303);
    assert.equal((await new Agent(ctx.app).get(`/fichiers/${att.id}/fiche.pdf`)).statusCode, 404);
  });

  it('keeps the back office for the board', async () => {
    const anonymous = new Agent(ctx.app);
    const res = await anonymous.get('/bureau/contenu');
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/connexion?retour=%2Fbureau%2Fcontenu');
    const { agent: admin } = await loginAs(ctx, ['admin']);
    assert.equal((await admin.get('/bureau/contenu')).statusCode, 403);
    assert.equal((await admin.post('/bureau/contenu', newsForm())).statusCode, 403);
  });

  it('serves every public page under 60 KB (HTML, CSS, JS) with no request to another host', async () => {
    // A fresh database: the demo fills only an empty site.
    const demo = await createTestApp();
    await fillPublicDemo(demo.db);
    const pages = [
      '/',
      '/nl',
      '/en',
      '/actualites',
      '/actualites/secret-partage-demo',
      '/nl/actualites/jaarverslag-demo',
      '/ressources',
      '/ressources/fiche-secret-professionnel-demo',
      '/temoignages',
      '/temoignages/as-de-cpas-demo',
      '/agenda',
      '/agenda/assemblee-pleniere-demo',
      '/membres',
      '/contact',
      '/vie-privee',
      '/pages/a-propos',
      '/en/vie-privee',
    ];
    for (const url of pages) {
      const res = await new Agent(demo.app).get(url, BROWSER);
      assert.equal(res.statusCode, 200, url);
      assert.equal(res.headers['set-cookie'], undefined, `${url} sets a cookie`);
      // Everything the page makes a browser fetch: the HTML and each asset it references (CSS, JS, icon).
      let weight = Buffer.byteLength(res.body);
      for (const ref of new Set([...res.body.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => String(m[1])))) {
        const asset = getAsset(ref.split('/').pop() ?? '');
        assert.ok(asset, `${url}: unknown asset ${ref}`);
        weight += asset.body.length;
      }
      assert.ok(weight < 60 * 1024, `${url} weighs ${weight} bytes`);
      // Absolute URLs may only name this site (hreflang alternates); nothing is loaded from elsewhere.
      for (const m of res.body.matchAll(/(?:src|href|action|content)="((?:https?:)?\/\/[^"]*)"/g)) {
        assert.ok(String(m[1]).startsWith('http://vigie.test/'), `${url} refers to another host: ${m[1]}`);
      }
      assert.ok(!/<(?:img|script|link|iframe)[^>]+(?:src|href)="(?:https?:)?\/\/(?!vigie\.test)/.test(res.body), url);
    }
    await demo.close();
  });

  it('shows the contact details and hours from the settings, and explains what is stored', async () => {
    const saved = await board.post('/bureau/contenu/reglages', {
      slot0_weekday: '4',
      slot0_start: '13:30',
      slot0_end: '16:00',
      helplinePhone: '02 123 45 67',
      contactEmail: 'bureau@exemple.be',
      contactAddress: 'Rue de la Loi 1\n1000 Bruxelles',
    });
    assert.equal(saved.statusCode, 303);
    const contact = await new Agent(ctx.app).get('/contact');
    assert.match(contact.body, /href="mailto:bureau@exemple\.be"/);
    assert.match(contact.body, /Rue de la Loi 1<\/span><br\/><span>1000 Bruxelles/);
    assert.match(contact.body, /de 13 h 30 à 16 h/);
    const home = await new Agent(ctx.app).get('/');
    assert.match(home.body, /href="tel:021234567"/);
    const bad = await board.post('/bureau/contenu/reglages', {
      slot0_weekday: '4',
      slot0_start: '17:00',
      slot0_end: '16:00',
      contactEmail: 'pas une adresse',
    });
    assert.equal(bad.statusCode, 400);
    const privacy = await new Agent(ctx.app).get('/vie-privee');
    assert.match(privacy.body, /secret tiré au hasard chaque jour/);
    assert.match(privacy.body, /effacer les données qui vous concernent/);
  });
});
