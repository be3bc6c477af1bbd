// Over 300 lines: the taxonomy's dated labels through every path (install, rename from a year, retire,
// YAML import and export, admin pages) share one app and the snapshot helper above.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { escapeHtml } from '@kitajs/html';
import { buildRequestInput, intakeForm, loginAs, themeId } from '../../../tests/factories/index.js';
import type { Agent } from '../../../tests/setup/agent.js';
import { createTestApp, type TestContext } from '../../../tests/setup/app.js';
import type { CurrentUser } from '../../web/access.js';
import { createRequest } from '../requests/requests.service.js';
import { findEntryByCode, listEntries, setLabelFrom } from './taxonomy.service.js';
import {
  describeChange,
  exportTaxonomy,
  importSummary,
  importTaxonomy,
  parseTaxonomyYaml,
  TaxonomyImportError,
} from './taxonomy.yaml.js';

const ISSUE_EXAMPLE = `kinds:
  - { code: advice, label: "Demande d'avis", countsInTotal: true }
  - { code: manifesto-talk, label: "Présentation du Manifeste", countsInTotal: false }
themes:
  - { code: secrecy, label: "Le secret professionnel", children: [ { code: secrecy-institution, label: "Dans une institution" } ] }
`;
// Years are explicit; only the intake form uses today's year, assumed to be after 2025.
const YEAR = 2026;

async function snapshot(ctx: TestContext) {
  const entries = await ctx.db.selectFrom('taxonomy_entries').selectAll().orderBy('id').execute();
  const labels = await ctx.db.selectFrom('taxonomy_labels').selectAll().orderBy('id').execute();
  const audit = await ctx.db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return { entries, labels, audit: Number(audit.n) };
}

function problemsOf(source: string): string[] {
  try {
    parseTaxonomyYaml(source);
  } catch (error) {
    if (error instanceof TaxonomyImportError) return error.problems;
    throw error;
  }
  assert.fail('the file should have been refused');
}

describe(`taxonomy (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let ctx: TestContext;
  let admin: { agent: Agent; user: CurrentUser };
  let board: { agent: Agent; user: CurrentUser };
  before(async () => {
    ctx = await createTestApp();
    admin = await loginAs(ctx, ['admin']);
    board = await loginAs(ctx, ['board']);
  });
  after(async () => ctx.close());

  it('installs the categories of the 2019–2020 activity report', async () => {
    const kinds = await listEntries(ctx.db, 'kind', 2020);
    assert.deepEqual(
      kinds.map((k) => [k.code, k.countsInTotal]),
      [
        ['training', true],
        ['advice', true],
        ['hearing', true],
        ['talk', true],
        ['publication', true],
        ['position', false],
        ['manifesto-talk', false],
        ['mobilisation', false],
        ['other', false],
      ],
    );
    const themes = await listEntries(ctx.db, 'theme', 2020);
    const secrecy = themes.find((t) => t.code === 'secrecy');
    assert.equal(secrecy?.label, 'Le secret professionnel');
    assert.deepEqual(
      themes.filter((t) => t.parentId === secrecy?.id).map((t) => t.code),
      ['secrecy-institution', 'secrecy-between', 'secrecy-police'],
    );
    assert.ok((await listEntries(ctx.db, 'sector', 2020)).some((s) => s.code === 'cpas' && s.label === 'CPAS'));
    assert.ok((await listEntries(ctx.db, 'outcome_reason', 2020)).some((r) => r.code === 'covid'));
  });

  it('renames from a year on without touching earlier years', async () => {
    const talk = await findEntryByCode(ctx.db, 'kind', 'talk');
    assert.ok(talk);
    const res = await admin.agent.post(`/admin/taxonomie/${talk.id}/libelle`, {
      label: 'Intervention publique',
      fromYear: String(YEAR),
      countsInTotal: '',
    });
    assert.equal(res.statusCode, 303);
    const label = async (year: number) => (await listEntries(ctx.db, 'kind', year)).find((k) => k.id === talk.id);
    assert.deepEqual(
      [(await label(2019))?.label, (await label(2019))?.countsInTotal],
      ['Intervention dans des colloques et groupes de travail', true],
    );
    assert.deepEqual(
      [(await label(YEAR))?.label, (await label(YEAR))?.countsInTotal],
      ['Intervention publique', false],
    );
    assert.equal((await label(YEAR + 3))?.label, 'Intervention publique');
    const page = await admin.agent.get(`/admin/taxonomie/${talk.id}`);
    assert.match(
      page.body,
      /Depuis toujours\u00a0: Intervention dans des colloques et groupes de travail \(compte dans le total\)/,
    );
    assert.match(page.body, new RegExp(`À partir de ${YEAR}\u00a0: Intervention publique \\(hors total\\)`));
  });

  it('retires an entry for later years: gone from the intake form, kept by existing requests', async () => {
    const theme = await themeId(ctx.db, 'worker-role');
    const { id } = await createRequest(
      ctx.db,
      ctx.app.vault,
      await buildRequestInput(ctx.db, { receivedOn: '2025-06-12', themeIds: [theme] }),
      board.user,
    );
    const retire = await admin.agent.post(`/admin/taxonomie/${theme}/annees`, { inUseFrom: '', inUseUntil: '2025' });
    assert.equal(retire.statusCode, 303);

    const intake = await board.agent.get('/permanence');
    assert.ok(!intake.body.includes(`value="${theme}"`), 'not offered for new requests');
    const refused = await board.agent.post(
      '/demandes',
      await intakeForm(ctx.db, { receivedOn: `${YEAR}-11-02`, themeIds: [String(theme)] }),
    );
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /id="themeIds-error"/);

    const detail = await board.agent.get(`/demandes/${id}`);
    assert.match(detail.body, /La fonction de l’intervenant social/);
    const edit = await board.agent.get(`/demandes/${id}/modifier`);
    assert.match(edit.body, new RegExp(`value="${theme}" checked`));
    const form = await intakeForm(ctx.db, {
      receivedOn: '2025-06-12',
      subject: 'Objet revu',
      themeIds: [String(theme)],
      status: 'in_progress',
    });
    delete form.mode;
    const saved = await board.agent.post(`/demandes/${id}`, form);
    assert.equal(saved.statusCode, 303, 'a request keeps a retired entry it already had');
    const links = await ctx.db.selectFrom('request_themes').select('theme_id').where('request_id', '=', id).execute();
    assert.deepEqual(
      links.map((l) => l.theme_id),
      [theme],
    );
  });

  it("accepts the issue's example file exactly", async () => {
    const before = await snapshot(ctx);
    const report = await importTaxonomy(ctx.db, parseTaxonomyYaml(ISSUE_EXAMPLE), admin.user.id);
    assert.deepEqual([report.created, report.updated, report.unchanged], [[], [], 4]);
    const after = await snapshot(ctx);
    assert.deepEqual([after.entries, after.labels], [before.entries, before.labels]);
    const page = await admin.agent.post('/admin/taxonomie/import', { yaml: ISSUE_EXAMPLE });
    assert.equal(page.statusCode, 303);
  });

  it('imports by code: updates, adds, never deletes', async () => {
    const before = await snapshot(ctx);
    const file = `kinds:
  - { code: advice, label: "Demande d'avis ou de conseil", countsInTotal: true, fromYear: ${YEAR} }
  - { code: webinar, label: "Webinaire", countsInTotal: true }
themes:
  - { code: secrecy, label: "Le secret professionnel", children: [ { code: secrecy-digital, label: "Données numériques" } ] }
`;
    const res = await admin.agent.post('/admin/taxonomie/import', { yaml: file });
    assert.equal(res.statusCode, 303);
    const after = await snapshot(ctx);
    assert.equal(after.entries.length, before.entries.length + 2);
    for (const e of before.entries)
      assert.ok(
        after.entries.some((a) => a.id === e.id && a.code === e.code),
        `${e.code} kept`,
      );
    const advice = await findEntryByCode(ctx.db, 'kind', 'advice');
    assert.equal((await listEntries(ctx.db, 'kind', 2019)).find((k) => k.id === advice?.id)?.label, "Demande d'avis");
    assert.equal(
      (await listEntries(ctx.db, 'kind', YEAR)).find((k) => k.id === advice?.id)?.label,
      "Demande d'avis ou de conseil",
    );
    const digital = await findEntryByCode(ctx.db, 'theme', 'secrecy-digital');
    assert.equal(digital?.parent_id, (await findEntryByCode(ctx.db, 'theme', 'secrecy'))?.id);
    assert.equal((await listEntries(ctx.db, 'kind', YEAR)).find((k) => k.code === 'webinar')?.countsInTotal, true);
  });

  it('refuses a changed label without its year, in French, and says which label changes from which year', async () => {
    const before = await snapshot(ctx);
    const withoutYear = `kinds:
  - { code: hearing, label: "Rencontres en bureau", countsInTotal: true }
  - { code: position, label: "Avis écrit", countsInTotal: true, fromYear: 2019 }
`;
    await assert.rejects(importTaxonomy(ctx.db, parseTaxonomyYaml(withoutYear), null), (error: unknown) => {
      assert.ok(error instanceof TaxonomyImportError);
      assert.deepEqual(error.problems.length, 1);
      assert.match(
        error.problems[0] ?? '',
        /^kinds : « hearing » change de libellé \(« Rencontre en bureau » → « Rencontres en bureau »\) sans dire à partir de quelle année : ajoutez fromYear/,
      );
      return true;
    });
    const page = await admin.agent.post('/admin/taxonomie/import', { yaml: withoutYear });
    assert.equal(page.statusCode, 422);
    assert.match(page.body, /change de libellé/);
    const after = await snapshot(ctx);
    assert.deepEqual([after.entries, after.labels], [before.entries, before.labels], 'nothing half-saved');

    const dated = withoutYear.replace('countsInTotal: true }', 'countsInTotal: true, fromYear: 2019 }');
    const report = await importTaxonomy(ctx.db, parseTaxonomyYaml(dated), null);
    assert.deepEqual(report.changes.map(describeChange), [
      'kinds › hearing : « Rencontre en bureau » → « Rencontres en bureau » à partir de 2019',
      'kinds › position : « Avis écrit, co-signature, carte blanche, pétition » → « Avis écrit » (compté dans le total) à partir de 2019',
    ]);
    assert.match(importSummary(report), /2 modifiées.*« Rencontres en bureau » à partir de 2019/);
    const hearing = (await listEntries(ctx.db, 'kind', 2018)).find((k) => k.code === 'hearing');
    assert.equal(hearing?.label, 'Rencontre en bureau', '2018 keeps its label');
    assert.equal(
      (await listEntries(ctx.db, 'kind', 2019)).find((k) => k.code === 'hearing')?.label,
      'Rencontres en bureau',
    );
  });

  it('refuses broken files with French problems and line numbers, writing nothing', async () => {
    const cases: Array<[string, string, RegExp]> = [
      ['unreadable YAML', 'kinds:\n  - { code: advice, label: "Demande\n  - oops: [\n', /^ligne \d+ : YAML illisible/],
      [
        'bad code',
        'kinds:\n  - { code: advice, label: "Avis" }\n  - { code: "Pas Un Code", label: "X" }\n',
        /^ligne 3, kinds\.1\.code : code invalide/,
      ],
      ['empty label', 'sectors:\n  - code: cpas\n    label: ""\n', /^ligne 3, sectors\.0\.label : libellé vide/],
      ['unknown key', 'kinds:\n  - { code: advice, label: "Avis", couleur: rouge }\n', /^ligne 2, kinds\.0 : /],
      [
        'duplicate code',
        'kinds:\n  - { code: advice, label: "Avis" }\n  - { code: training, label: "Formation" }\n  - { code: advice, label: "Avis bis" }\n',
        /^ligne 4, kinds : le code « advice » apparaît deux fois/,
      ],
      [
        'duplicate child code',
        'themes:\n  - code: secrecy\n    label: Secret\n    children:\n      - { code: secrecy, label: "Encore" }\n',
        /^ligne 5, themes : le code « secrecy » apparaît deux fois/,
      ],
    ];
    const before = await snapshot(ctx);
    for (const [name, source, expected] of cases) {
      const problems = problemsOf(source);
      assert.ok(
        problems.some((p) => expected.test(p)),
        `${name}: ${JSON.stringify(problems)}`,
      );
      const res = await admin.agent.post('/admin/taxonomie/import', { yaml: source });
      assert.equal(res.statusCode, 422, `${name}: ${res.statusCode}`);
      assert.match(res.body, /Le fichier contient des erreurs\u00a0: rien n’a été importé\./, name);
      assert.ok(res.body.includes(`${escapeHtml(source)}</textarea>`), `${name}: the text is kept`);
    }
    // A valid file whose entry changes parent is refused whole, in one transaction.
    const moved =
      'kinds:\n  - { code: brand-new, label: "Nouveau" }\nthemes:\n  - code: misc\n    label: Divers\n    children:\n      - { code: secrecy-police, label: "Police" }\n';
    await assert.rejects(importTaxonomy(ctx.db, parseTaxonomyYaml(moved), null), TaxonomyImportError);
    assert.deepEqual(await snapshot(ctx), before);
  });

  it('round-trips: an export imports back unchanged', async () => {
    const exported = await exportTaxonomy(ctx.db, YEAR);
    const before = await snapshot(ctx);
    const report = await importTaxonomy(ctx.db, parseTaxonomyYaml(exported), null);
    assert.deepEqual([report.created.length, report.updated.length], [0, 0]);
    assert.ok(report.unchanged > 40);
    const after = await snapshot(ctx);
    assert.deepEqual([after.entries, after.labels], [before.entries, before.labels]);
    assert.equal(await exportTaxonomy(ctx.db, YEAR), exported);
    const download = await admin.agent.get('/admin/taxonomie.yaml');
    assert.equal(download.statusCode, 200);
    assert.match(String(download.headers['content-type']), /^application\/yaml/);
    assert.match(
      download.body,
      /code: worker-role\n\s+label: La fonction de l'intervenant social\n\s+inUseUntil: 2025/,
    );
  });

  it('admin pages validate and keep what was typed', async () => {
    const before = await snapshot(ctx);
    const badCode = await admin.agent.post('/admin/taxonomie', {
      type: 'sector',
      label: 'Prisons',
      code: 'Prisons !',
      parentId: '',
      countsInTotal: '',
    });
    assert.equal(badCode.statusCode, 422);
    assert.match(badCode.body, /id="code-error"[\s\S]*?Code\u00a0: minuscules, chiffres et tirets seulement/);
    assert.ok(badCode.body.includes('value="Prisons"') && badCode.body.includes('value="Prisons !"'));
    assert.match(badCode.body, /<option value="sector" selected/);
    const taken = await admin.agent.post('/admin/taxonomie', {
      type: 'sector',
      label: 'CPAS bis',
      code: 'cpas',
      parentId: '',
      countsInTotal: '',
    });
    assert.equal(taken.statusCode, 422);
    assert.match(taken.body, /id="code-error"[\s\S]*?ce code existe déjà/);
    const parent = await themeId(ctx.db, 'secrecy');
    const badParent = await admin.agent.post('/admin/taxonomie', {
      type: 'sector',
      label: 'Sous-secteur',
      code: 'sub-sector',
      parentId: String(parent),
      countsInTotal: '',
    });
    assert.equal(badParent.statusCode, 422);
    assert.match(badParent.body, /id="parentId-error"/);
    const noLabel = await admin.agent.post('/admin/taxonomie', {
      type: 'kind',
      label: ' ',
      code: 'vide',
      parentId: '',
      countsInTotal: 'oui',
    });
    assert.match(noLabel.body, /id="label-error"[\s\S]*?Libellé\u00a0: ce champ est obligatoire/);

    const entry = await themeId(ctx.db, 'misc');
    const badYear = await admin.agent.post(`/admin/taxonomie/${entry}/libelle`, {
      label: 'Divers et variés',
      fromYear: '26',
    });
    assert.equal(badYear.statusCode, 422);
    assert.match(badYear.body, /id="fromYear-error"[\s\S]*?une année sur quatre chiffres/);
    assert.ok(badYear.body.includes('value="Divers et variés"') && badYear.body.includes('value="26"'));
    const reversed = await admin.agent.post(`/admin/taxonomie/${entry}/annees`, {
      inUseFrom: '2024',
      inUseUntil: '2020',
    });
    assert.equal(reversed.statusCode, 422);
    assert.match(reversed.body, /id="inUseUntil-error"[\s\S]*?cette année précède l’année de début/);
    assert.ok(reversed.body.includes('value="2024"') && reversed.body.includes('value="2020"'));
    assert.deepEqual(await snapshot(ctx), before);

    const added = await admin.agent.post('/admin/taxonomie', {
      type: 'theme',
      label: 'Réseaux sociaux',
      code: 'social-media',
      parentId: String(parent),
      countsInTotal: '',
    });
    assert.equal(added.statusCode, 303);
    const created = await findEntryByCode(ctx.db, 'theme', 'social-media');
    assert.equal(created?.parent_id, parent);
    assert.match((await board.agent.get('/permanence')).body, /Réseaux sociaux/);
  });

  it('labels stay dated even when set for a year already present', async () => {
    const sector = await findEntryByCode(ctx.db, 'sector', 'amo');
    assert.ok(sector);
    await setLabelFrom(ctx.db, sector.id, 2022, 'AMO (aide en milieu ouvert)', false);
    await setLabelFrom(ctx.db, sector.id, 2022, 'Services AMO', false);
    const labels = await ctx.db
      .selectFrom('taxonomy_labels')
      .select(['from_year', 'label'])
      .where('entry_id', '=', sector.id)
      .orderBy('from_year')
      .execute();
    assert.deepEqual(
      labels.map((l) => [l.from_year, l.label]),
      [
        [0, 'AMO'],
        [2022, 'Services AMO'],
      ],
    );
    assert.equal((await listEntries(ctx.db, 'sector', 2021)).find((s) => s.id === sector.id)?.label, 'AMO');
  });
});
