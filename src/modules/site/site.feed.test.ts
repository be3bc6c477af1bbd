import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildContent } from '../../../tests/factories/site.js';
import { createTestApp, type TestContext } from '../../../tests/setup/app.js';
import { createContent, setStatus, type ContentInput } from './site.service.js';

function news(input: Partial<ContentInput> & Pick<ContentInput, 'slug' | 'title'>): ContentInput {
  return { locale: 'fr', summary: '', body: '', eventStartsOn: null, eventEndsOn: null, eventPlace: null, ...input };
}

const entries = (xml: string) => xml.match(/<entry>[\s\S]*?<\/entry>/g) ?? [];

describe(`Atom feed of the news (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await createTestApp();
    const published = await createContent(
      ctx.db,
      'news',
      news({
        slug: 'journee-d-etude',
        title: 'Journée d’étude : secret & police',
        summary: 'Le 12 mars, à Bruxelles.',
        body: '## Programme\n\nLe **matin**, une <script>alert(1)</script> table ronde.',
      }),
      null,
    );
    await setStatus(ctx.db, published, 'published', null, new Date('2026-11-20T10:00:00Z'));
    await buildContent(ctx.db, { type: 'news', slug: 'brouillon', title: 'Un brouillon', status: 'draft' });
    const dutch = await createContent(
      ctx.db,
      'news',
      news({ locale: 'nl', slug: 'studiedag', title: 'Studiedag' }),
      null,
      published,
    );
    await setStatus(ctx.db, dutch, 'published', null, new Date('2026-11-21T10:00:00Z'));
  });
  after(async () => ctx.close());

  it('lists the published news of the language, escaped, with the full text as HTML', async () => {
    // Act
    const res = await ctx.app.inject({ method: 'GET', url: '/actualites.atom' });

    // Assert
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^application\/atom\+xml; charset=utf-8/);
    assert.match(
      res.body,
      /^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom" xml:lang="fr-BE">/,
    );
    const list = entries(res.body);
    assert.equal(list.length, 1, 'neither the draft nor the Dutch news');
    const [entry] = list;
    assert.match(entry ?? '', /<title>Journée d’étude : secret &amp; police<\/title>/);
    assert.match(
      entry ?? '',
      /<link rel="alternate" type="text\/html" href="http:\/\/vigie.test\/actualites\/journee-d-etude"\/>/,
    );
    assert.match(entry ?? '', /<published>2026-11-20T10:00:00Z<\/published>/);
    assert.match(entry ?? '', /<summary>Le 12 mars, à Bruxelles.<\/summary>/);
    assert.match(entry ?? '', /<content type="html">[^<]*&lt;strong&gt;matin&lt;\/strong&gt;/);
    assert.doesNotMatch(res.body, /<script>/, 'markup in the text never reaches the feed raw');
    assert.match(res.body, /<author><name>Comité de test<\/name><\/author>/);
  });

  it('has one feed per language, announced on every public page', async () => {
    // Act
    const dutch = await ctx.app.inject({ method: 'GET', url: '/nl/actualites.atom' });
    const home = await ctx.app.inject({ method: 'GET', url: '/nl' });

    // Assert
    assert.equal(dutch.statusCode, 200);
    assert.match(dutch.body, /xml:lang="nl-BE"/);
    assert.deepEqual(
      entries(dutch.body).map((e) => /<title>(.*)<\/title>/.exec(e)?.[1]),
      ['Studiedag'],
    );
    assert.match(
      home.body,
      /<link rel="alternate" type="application\/atom\+xml" title="Nieuws · Comité de test" href="http:\/\/vigie.test\/nl\/actualites.atom"\/?>/,
    );
  });
});
