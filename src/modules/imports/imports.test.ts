// Over 300 lines: the import's journeys (CSV with codes or labels, XLSX through the upload page,
// refusals, duplicates, access, and the 2019–2020 report whose counts must equal the report's table)
// share one app and the counting helpers above.
import assert from 'node:assert/strict';
import { setCountingRule } from '../reports/reports.queries.js';
import { reportMarkdown } from '../reports/reports.markdown.js';
import { buildReport } from '../reports/reports.service.js';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestContext } from '../../../tests/setup/app.js';
import { buildRequestInput, buildUser, loginAs, themeId } from '../../../tests/factories/index.js';
import { buildXlsx } from '../../../tests/setup/xlsx.js';
import type { Db } from '../../db/index.js';
import { findEntryByCode, loadTaxonomy } from '../taxonomy/taxonomy.service.js';
import { createRequest } from '../requests/requests.service.js';
import { parseCsv } from './imports.csv.js';
import { checkTable } from './imports.rows.js';
import { applyImport, ImportInvalidError, planImport } from './imports.service.js';

const HEADER =
  'received_on;kind;subject;channel;sector;theme;status;outcome;outcome_reason;event_on;planned_year;notes';

async function countRequests(db: Db): Promise<number> {
  return Number(
    (
      await db
        .selectFrom('requests')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
}

async function importText(db: Db, text: string, actorId: number | null = null) {
  return applyImport(db, parseCsv(text), actorId, 'csv');
}

function errorsOf(fn: () => Promise<unknown>): Promise<string[]> {
  return fn().then(
    () => assert.fail('the import should have been refused'),
    (error: unknown) => {
      assert.ok(error instanceof ImportInvalidError, String(error));
      return error.message.split('\n').slice(1);
    },
  );
}

describe(`import of requests (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await createTestApp();
  });
  after(async () => ctx.close());

  it('imports a semicolon CSV with codes and labels, defaults, themes, one timeline event each and one audit entry, and no identity', async () => {
    const user = await buildUser(ctx.db);
    // A request typed by hand in 2016 already took 2016-001: the import continues the numbering.
    await createRequest(ctx.db, ctx.app.vault, await buildRequestInput(ctx.db, { receivedOn: '2016-02-01' }), user);
    const csv = [
      HEADER,
      '2016-03-14;advice;Une AS de CPAS peut-elle répondre à la police ?;Permanence téléphonique;CPAS;secrecy-police|Pratiques institutionnelles;;Réponse donnée;;;;une note',
      '14/09/2016;Formation;Formation pour une équipe d’AMO;;amo;Le secret professionnel › Dans une institution;;declined;Manque de temps ou de disponibilité;;;',
      '2016-10-01;talk;Intervention prévue;;;;En cours;;;2016-12-01;2017;',
    ].join('\r\n');
    const result = await importText(ctx.db, `\ufeff${csv}\r\n`, user.id);
    assert.deepEqual(
      result.created.map((c) => c.reference),
      ['2016-002', '2016-003', '2016-004'],
    );
    const rows = await ctx.db
      .selectFrom('requests')
      .selectAll()
      .where('year', '=', 2016)
      .where('import_fingerprint', 'is not', null)
      .orderBy('seq')
      .execute();
    assert.equal(rows.length, 3);
    const [advice, training, talk] = rows;
    assert.ok(advice && training && talk);
    assert.equal(advice.channel, 'helpline');
    assert.equal(advice.status, 'closed');
    assert.equal(advice.outcome, 'answered');
    assert.equal(advice.requester_type, 'unknown');
    assert.equal(advice.notes, 'une note');
    assert.equal(advice.sector_id, (await findEntryByCode(ctx.db, 'sector', 'cpas'))?.id);
    assert.equal(advice.created_by, user.id);
    const themes = await ctx.db
      .selectFrom('request_themes')
      .select('theme_id')
      .where('request_id', '=', advice.id)
      .execute();
    assert.deepEqual(
      themes.map((t) => t.theme_id).sort(),
      [await themeId(ctx.db, 'secrecy-police'), await themeId(ctx.db, 'institutional-practices')].sort(),
    );
    assert.equal(training.channel, 'other', 'the default channel');
    assert.equal(training.received_on, '2016-09-14');
    assert.equal(training.outcome, 'declined');
    assert.equal(training.outcome_reason_id, (await findEntryByCode(ctx.db, 'outcome_reason', 'no-time'))?.id);
    const trainingThemes = await ctx.db
      .selectFrom('request_themes')
      .select('theme_id')
      .where('request_id', '=', training.id)
      .execute();
    assert.deepEqual(
      trainingThemes.map((t) => t.theme_id),
      [await themeId(ctx.db, 'secrecy-institution')],
    );
    assert.equal(talk.status, 'in_progress');
    assert.equal(talk.outcome, null);
    assert.equal(talk.event_on, '2016-12-01');
    assert.equal(talk.planned_year, 2017);
    const events = await ctx.db
      .selectFrom('request_events')
      .selectAll()
      .where(
        'request_id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
    assert.equal(events.length, 3);
    assert.ok(events.every((e) => e.body.startsWith('Importée')));
    const identities = await ctx.db
      .selectFrom('requester_identities')
      .select('request_id')
      .where(
        'request_id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
    assert.equal(identities.length, 0);
    const audit = await ctx.db.selectFrom('audit_events').selectAll().where('action', '=', 'request.import').execute();
    assert.equal(audit.length, 1);
    assert.equal(audit[0]?.actor_id, user.id);
    assert.match(audit[0]?.summary ?? '', /3 créées, 0 déjà importée/);
    // Imported requests are found by the register's search, like typed ones.
    assert.match(advice.search_text, /2016-002 une as de cpas/);
  });

  it('imports a comma-separated CSV with only the required columns; a past year without an outcome is closed as « suite non consignée »', async () => {
    const result = await importText(
      ctx.db,
      'received_on,kind,subject\n2015-01-05,advice,"Une question, avec une virgule"\n',
    );
    assert.equal(result.created.length, 1);
    const row = await ctx.db
      .selectFrom('requests')
      .selectAll()
      .where('reference', '=', result.created[0]?.reference ?? '')
      .executeTakeFirstOrThrow();
    assert.equal(row.subject, 'Une question, avec une virgule');
    assert.deepEqual([row.status, row.outcome], ['closed', 'not_recorded'], 'not an open request from 2015');
    assert.equal(row.channel, 'other');
    // The report does not print the outcome the register never knew, nor « pas encore clôturée ».
    const report = await buildReport(ctx.db, [2015], { organisationName: 'CVTS' });
    const md = reportMarkdown(report);
    assert.match(md, /Une question, avec une virgule/);
    assert.doesNotMatch(md, /non consignée|pas encore clôturée|Nouvelle/);
  });

  it("keeps this year's rows without an outcome open, and an explicit status as given (clock injected)", async () => {
    const taxonomy = await loadTaxonomy(ctx.db, 2015);
    const checked = checkTable(
      parseCsv(
        'received_on;kind;subject;status\n2015-03-01;advice;Cette année;\n2014-12-01;advice;Année passée;\n2014-11-01;advice;Encore en cours;En cours\n',
      ),
      taxonomy,
      '2015-06-01',
    );
    assert.deepEqual(
      checked.rows.map((r) => [r.subject, r.status, r.outcome]),
      [
        ['Cette année', 'new', null],
        ['Année passée', 'closed', 'not_recorded'],
        ['Encore en cours', 'in_progress', null],
      ],
    );
  });

  it('refuses a file with any invalid row, imports nothing, and lists every error with its line and column', async () => {
    const before = await countRequests(ctx.db);
    const csv = [
      HEADER,
      '2014-01-10;advice;Une ligne valide;;;;;;;;;', // line 2: fine, but must not be imported
      ';advice;Sans date;;;;;;;;;', // 3: missing required
      '2014-02-30;advice;Date impossible;;;;;;;;;', // 4: bad date
      '2014-03-01;Formatoin;Type mal orthographié;;;;;;;;;', // 5: unknown kind
      '2014-03-02;advice;Thème inconnu;;;secret-inconnu;;;;;;', // 6: unknown theme
      '2014-03-03;advice;Secteur inconnu;;Banque;;;;;;;', // 7: unknown sector
      '2014-03-04;advice;Issue inconnue;;;;;réglée;;;;', // 8: unknown outcome
      '2014-03-05;advice;Statut inconnu;;;;terminé;;;;;', // 9: unknown status
      '2014-03-06;talk;Année prévue illisible;;;;;later_year;;;20x;', // 10: bad planned_year
      '2014-03-07;talk;Année prévue passée;;;;;later_year;;;2013;', // 11: planned year before the request
      '2014-03-08;advice;;;;;;;;;;', // 12: missing subject
      '2014-03-09;advice;Canal inconnu;pigeon;;;;;;;;', // 13: unknown channel
      '2014-03-10;training;Raison inconnue;;;;;declined;la météo;;;', // 14: unknown reason
      '2014-01-10;advice;Une ligne VALIDE;;;;;;;;;', // 15: same as line 2 (case aside): duplicate in the file
    ].join('\n');
    const errors = await errorsOf(() => importText(ctx.db, csv));
    const expected = [
      /^ligne 3, colonne received_on : valeur obligatoire manquante\.$/,
      /^ligne 4, colonne received_on : date invalide « 2014-02-30 » \(formats acceptés : AAAA-MM-JJ ou JJ\/MM\/AAAA\)\.$/,
      /^ligne 5, colonne kind : type inconnu « Formatoin » \(codes ou libellés acceptés : training \(Formation\), advice \(Demande d'avis\)/,
      /^ligne 6, colonne theme : thème inconnu « secret-inconnu » \(codes ou libellés acceptés : secrecy \(Le secret professionnel\)/,
      /^ligne 7, colonne sector : secteur inconnu « Banque »/,
      /^ligne 8, colonne outcome : issue inconnue « réglée » \(codes ou libellés acceptés : answered \(Réponse donnée\)/,
      /^ligne 9, colonne status : statut inconnu « terminé »/,
      /^ligne 10, colonne planned_year : année invalide « 20x »/,
      /^ligne 11, colonne planned_year : année 2013 antérieure à l'année de la demande \(2014\)\.$/,
      /^ligne 12, colonne subject : valeur obligatoire manquante\.$/,
      /^ligne 13, colonne channel : canal inconnu « pigeon »/,
      /^ligne 14, colonne outcome_reason : raison inconnue « la météo »/,
      /^ligne 15, colonne subject : même date, même type et même objet que la ligne 2 : doublon dans le fichier/,
    ];
    assert.equal(errors.length, expected.length, errors.join('\n'));
    expected.forEach((re, i) => assert.match(errors[i] ?? '', re));
    assert.equal(await countRequests(ctx.db), before, 'nothing imported');
  });

  it('refuses identity columns, unknown columns and missing required columns before anything else', async () => {
    const before = await countRequests(ctx.db);
    const errors = await errorsOf(() =>
      importText(
        ctx.db,
        'received_on;kind;subject;Nom du demandeur;email;telephone;couleur\n2014-05-01;advice;Objet;Dupont;a@b.be;0470000000;bleu\n',
      ),
    );
    assert.equal(errors.length, 4, errors.join('\n'));
    for (const column of ['Nom du demandeur', 'email', 'telephone']) {
      assert.ok(
        errors.some((e) =>
          e.startsWith(`ligne 1, colonne ${column} : un import ne contient jamais l'identité d'un demandeur`),
        ),
        column,
      );
    }
    assert.ok(
      errors.some((e) =>
        /^ligne 1, colonne couleur : colonne inconnue \(colonnes acceptées : received_on, kind, subject/.test(e),
      ),
    );
    const missing = await errorsOf(() => importText(ctx.db, 'received_on;subject\n2014-05-01;Objet\n'));
    assert.deepEqual(missing, ['ligne 1, colonne kind : colonne obligatoire absente de la ligne des en-têtes.']);
    assert.equal(await countRequests(ctx.db), before);
  });

  it('does not import the same rows twice, and says which ones were already there', async () => {
    const csv = `${HEADER}\n2013-04-01;advice;Première demande;;;;;;;;;\n2013-04-02;hearing;Deuxième demande;;;;;hearing_held;;;;\n`;
    const first = await importText(ctx.db, csv);
    assert.equal(first.created.length, 2);
    const before = await countRequests(ctx.db);
    const plan = await planImport(ctx.db, parseCsv(csv));
    assert.equal(plan.rows.length, 0);
    assert.deepEqual(
      plan.alreadyImported.map((a) => a.line),
      [2, 3],
    );
    // Case, accents and spacing of the subject do not make a row new.
    const again = await importText(
      ctx.db,
      `${HEADER}\n01/04/2013;Demande d'avis;  PREMIÈRE   demande ;;;;;;;;;\n2013-04-03;advice;Troisième demande;;;;;;;;;\n`,
    );
    assert.equal(again.created.length, 1);
    assert.deepEqual(again.alreadyImported, [{ line: 2, reference: first.created[0]?.reference }]);
    assert.equal(await countRequests(ctx.db), before + 1);
  });

  it('imports an XLSX file through the upload page: preview first, nothing written, then « Importer »', async () => {
    const { agent } = await loginAs(ctx);
    const page = await agent.get('/bureau/import');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /enctype="multipart\/form-data"/);
    assert.match(
      (await agent.get('/bureau')).body,
      /<a href="\/bureau\/import">Importer des demandes<\/a>/,
      'listed in « Tout le menu »',
    );
    const xlsx = buildXlsx([
      ['received_on', 'kind', 'subject', 'theme', 'outcome', 'event_on'],
      [
        { date: '2012-05-10' },
        'training',
        'Formation « secret partagé » pour une équipe <PMS>',
        'secrecy-between',
        'done',
        { date: '2012-06-01' },
      ],
      [
        '11/05/2012',
        "Demande d'avis",
        'Un AS peut-il parler au juge ?',
        'Police et instances de contrôle',
        { inline: '' },
        null,
      ],
      [{ date: '2012-05-12' }, 'advice', 'Une autre question', null, null, null],
    ]);
    const before = await countRequests(ctx.db);
    const preview = await agent.postMultipart(
      '/bureau/import',
      {},
      { fichier: { filename: 'registre 2012.xlsx', data: xlsx } },
    );
    assert.equal(preview.statusCode, 200, preview.body);
    assert.match(preview.body, /3 demandes seront créées/);
    assert.match(preview.body, /Formation «\u00a0secret partagé\u00a0» pour une équipe &lt;PMS>/);
    assert.match(preview.body, /<td>2012<\/td>\s*<td>Demande d’avis<\/td>\s*<td>2<\/td>/);
    assert.equal(await countRequests(ctx.db), before, 'the preview writes nothing');
    const tableau = /name="tableau" value="([^"]+)"/.exec(preview.body)?.[1];
    assert.ok(tableau);
    const done = await agent.postMultipart('/bureau/import/confirmer', { format: 'xlsx', tableau });
    assert.equal(done.statusCode, 303);
    assert.equal(done.headers.location, '/demandes');
    const list = await agent.get('/demandes?annee=2012');
    assert.match(list.body, /Import terminé\u00a0: 3 demandes créées \(2012-001 à 2012-003\), 0 déjà importée\./);
    const rows = await ctx.db
      .selectFrom('requests')
      .select(['received_on', 'event_on', 'status'])
      .where('year', '=', 2012)
      .orderBy('seq')
      .execute();
    assert.deepEqual(rows, [
      { received_on: '2012-05-10', event_on: '2012-06-01', status: 'closed' },
      { received_on: '2012-05-11', event_on: null, status: 'closed' },
      { received_on: '2012-05-12', event_on: null, status: 'closed' },
    ]);
    // The same file again: the preview says there is nothing to import.
    const again = await agent.postMultipart(
      '/bureau/import',
      {},
      { fichier: { filename: 'registre 2012.xlsx', data: xlsx } },
    );
    assert.match(again.body, /Rien à importer\u00a0: les 3 lignes sont déjà dans le registre/);
    assert.match(again.body, /ligne 2\u00a0: déjà importée \(demande 2012-001\)/);
    assert.doesNotMatch(again.body, /name="tableau"/);
  });

  it('shows every error of an uploaded file on the preview page, without a button to import', async () => {
    const { agent } = await loginAs(ctx);
    const csv = Buffer.from(`${HEADER}\n2011-01-01;Formatoin;Objet;;;;;;;;;\n2011-01-02;advice;;;;;;;;;;\n`);
    const res = await agent.postMultipart('/bureau/import', {}, { fichier: { filename: 'x.csv', data: csv } });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Le fichier contient 2 erreurs\u00a0: rien ne sera importé\./);
    assert.match(res.body, /ligne 2, colonne kind\u00a0: type inconnu «\u00a0Formatoin\u00a0»/);
    assert.match(res.body, /ligne 3, colonne subject\u00a0: valeur obligatoire manquante\./);
    assert.doesNotMatch(res.body, /name="tableau"/);
    const unreadable = await agent.postMultipart(
      '/bureau/import',
      {},
      { fichier: { filename: 'x.csv', data: Buffer.from([0x61, 0xe9, 0x0a]) } },
    );
    assert.equal(unreadable.statusCode, 400);
    assert.match(unreadable.body, /CSV UTF-8/);
  });

  it('keeps the upload for the board: CSRF token required, admins without the board role refused', async () => {
    const { agent } = await loginAs(ctx);
    await agent.get('/bureau/import');
    const file = {
      fichier: { filename: 'x.csv', data: Buffer.from(`received_on;kind;subject\n2010-01-01;advice;Objet\n`) },
    };
    const forged = await agent.postMultipart(
      '/bureau/import/confirmer',
      { _csrf: 'faux', format: 'csv', tableau: 'e30=' },
      {},
      { csrf: false },
    );
    assert.equal(forged.statusCode, 403);
    const { agent: admin } = await loginAs(ctx, ['admin']);
    const refused = await admin.postMultipart('/bureau/import', {}, file);
    assert.equal(refused.statusCode, 403);
    assert.equal((await admin.get('/bureau/import')).statusCode, 403);
  });

  it('imports the 2019–2020 report: counts per kind equal the report’s table', async () => {
    const result = await importText(
      ctx.db,
      readFileSync(new URL('../../../tests/fixtures/cvts-2019-2020.csv', import.meta.url), 'utf8'),
    );
    assert.ok(result.created.length > 100);
    // The committee's 2019–2020 table counts what took place: a rule dated from 2019.
    await setCountingRule(ctx.db, 2019, 'took_place', null);
    // The report's key-figures table, computed by the report itself, equals the seed's table.
    const report = await buildReport(ctx.db, [2019, 2020], { organisationName: 'CVTS' });
    const table: Array<[string, number, number]> = [
      ['training', 5, 2],
      ['advice', 30, 34],
      ['hearing', 12, 8],
      ['talk', 4, 7],
      ['publication', 1, 2],
    ];
    for (const [code, y2019, y2020] of table)
      assert.deepEqual(report.requests.byKind[code], { '2019': y2019, '2020': y2020 }, code);
    assert.deepEqual(report.requests.total, { '2019': 52, '2020': 53 });
    // Declined and cancelled trainings are there, with their reason, for the review.
    const declined = await ctx.db
      .selectFrom('requests')
      .innerJoin('taxonomy_entries', 'taxonomy_entries.id', 'requests.kind_id')
      .select(['requests.year', 'requests.outcome_reason_id'])
      .where('taxonomy_entries.code', '=', 'training')
      .where('requests.outcome', 'in', ['declined', 'cancelled'])
      .execute();
    assert.deepEqual(
      [declined.filter((d) => d.year === 2019).length, declined.filter((d) => d.year === 2020).length],
      [5, 7],
    );
    assert.ok(declined.every((d) => d.outcome_reason_id !== null));
  });
});
