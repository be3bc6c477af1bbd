import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildUser, intakeForm, kindId, loginAs, themeId } from '../../../tests/factories/index.js';
import { createTestApp, type TestContext } from '../../../tests/setup/app.js';
import { findEntryByCode, setLabelFrom } from '../taxonomy/taxonomy.service.js';

/**
 * The backstop behind the @kitajs XSS scanner (which misses some ternaries):
 * hostile text typed anywhere comes back escaped on every page showing it.
 */
const SCRIPT = '<script>alert(1)</script>';
const ATTRIBUTE = '"><img src=x onerror=alert(1)>';
const HOSTILE = `${SCRIPT} ${ATTRIBUTE}`;

/**
 * Quoted attribute values are safe whatever they hold, as long as their quote
 * is escaped: they are removed first, so a broken-out value would show as a
 * raw tag in what is left. What is left must carry the payload only as text.
 */
function assertEscaped(html: string, page: string, minimum = 1): void {
  const outsideAttributes = html.replace(/="[^"]*"/g, '=""');
  assert.ok(!outsideAttributes.includes('<script>alert'), `${page}: raw <script> printed`);
  assert.ok(!outsideAttributes.includes('<img src=x'), `${page}: raw <img> printed`);
  const shown = outsideAttributes.match(/&lt;script(&gt;|>)alert\(1\)&lt;\/script/g)?.length ?? 0;
  assert.ok(shown >= minimum, `${page}: expected the escaped text at least ${minimum} time(s), found ${shown}`);
  assert.match(
    outsideAttributes,
    /(&#34;|&quot;)(&gt;|>)&lt;img src=x onerror=alert\(1\)/,
    `${page}: the attribute payload should be shown, escaped`,
  );
}

describe(`hostile content is escaped everywhere (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await createTestApp();
  });
  after(async () => ctx.close());

  it('subject, notes, timeline and taxonomy labels stay text on every page', async () => {
    const { agent } = await loginAs(ctx, ['admin', 'board']);
    const year = 0; // the label for every year, so the pages of any year show it
    const theme = await themeId(ctx.db, 'secrecy-police');
    const parent = await themeId(ctx.db, 'secrecy');
    const sector = await findEntryByCode(ctx.db, 'sector', 'cpas');
    assert.ok(sector);
    await setLabelFrom(ctx.db, theme, year, `Thème ${HOSTILE}`, false);
    await setLabelFrom(ctx.db, parent, year, `Parent ${HOSTILE}`, false);
    await setLabelFrom(ctx.db, sector.id, year, `Secteur ${HOSTILE}`, false);
    await setLabelFrom(ctx.db, await kindId(ctx.db), year, `Type ${HOSTILE}`, true);

    // A member whose display name is hostile follows the request.
    const member = await buildUser(ctx.db, ['board'], { displayName: `Membre ${HOSTILE}` });
    const created = await agent.post(
      '/demandes',
      await intakeForm(ctx.db, {
        subject: `Objet ${HOSTILE}`,
        notes: `Note ${HOSTILE}`,
        themeIds: [String(theme)],
        sectorId: String(sector.id),
        assigneeIds: [String(member.id)],
        toDiscuss: 'oui',
        confirmIdentifying: 'oui',
      }),
    );
    assert.equal(created.statusCode, 303);
    const id = Number(String(created.headers.location).split('/').pop());
    const step = await agent.post(`/demandes/${id}/etapes`, {
      type: 'note',
      occurredOn: '2026-11-20',
      body: `Étape ${HOSTILE}`,
      confirmIdentifying: 'oui',
    });
    assert.equal(step.statusCode, 303);

    const pages: Array<[string, number]> = [
      ['/demandes', 4], // subject, kind, theme, member (and the filters' options)
      [`/demandes?q=${encodeURIComponent('objet')}`, 1],
      [`/demandes/${id}`, 6], // subject, notes, kind, sector, theme path, member, timeline
      [`/demandes/${id}/modifier`, 4],
      [`/demandes/${id}/cloture`, 1],
      ['/bureau/a-discuter', 4], // subject, kind, theme, member, last step
      ['/permanence', 3],
      ['/admin/taxonomie', 4],
      [`/admin/taxonomie/${theme}`, 2],
      ['/admin/utilisateurs', 2],
      [`/admin/journal?personne=${member.id}`, 1],
    ];
    for (const [url, minimum] of pages) {
      const res = await agent.get(url);
      assert.equal(res.statusCode, 200, url);
      assertEscaped(res.body, url, minimum);
    }
    // The subject also travels in the page title and the flash message.
    const detail = await agent.get(`/demandes/${id}`);
    assert.ok(!/<title>[^<]*<(script|img)/.test(detail.body));
  });

  it('echoes hostile values escaped when a form is refused', async () => {
    const { agent } = await loginAs(ctx, ['admin', 'board']);
    const refused = await agent.post(
      '/demandes',
      await intakeForm(ctx.db, {
        subject: `${HOSTILE}${'x'.repeat(300)}`,
        notes: HOSTILE,
        identityName: HOSTILE,
        receivedOn: HOSTILE,
      }),
    );
    assert.equal(refused.statusCode, 422);
    assertEscaped(refused.body, 'refused intake form', 3);
    const search = await agent.get(`/demandes?q=${encodeURIComponent(HOSTILE)}`);
    assertEscaped(search.body, 'search box', 1);
    const taxonomy = await agent.post('/admin/taxonomie', {
      type: 'kind',
      label: HOSTILE,
      code: 'BAD CODE',
      parentId: '',
      countsInTotal: '',
    });
    assert.equal(taxonomy.statusCode, 422);
    assertEscaped(taxonomy.body, 'refused taxonomy entry', 1);
    const yaml = await agent.post('/admin/taxonomie/import', {
      yaml: `kinds:\n  - { code: "${ATTRIBUTE}", label: "${SCRIPT}" }\n`,
    });
    assert.equal(yaml.statusCode, 422);
    assertEscaped(yaml.body, 'refused import', 1);
  });
});
