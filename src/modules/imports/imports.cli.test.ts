import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { testConfig } from '../../../tests/setup/app.js';
import { createTestDatabase, testEngine, type TestDatabase } from '../../../tests/setup/databases.js';
import { buildXlsx } from '../../../tests/setup/xlsx.js';
import type { AppConfig } from '../../config.js';
import { openDatabase, type DatabaseHandle } from '../../db/index.js';
import { captureOutput } from '../../../tests/setup/cli.js';
import { runCli } from '../../cli.js';

const FIXTURE = fileURLToPath(new URL('../../../tests/fixtures/cvts-2019-2020.csv', import.meta.url));

const capture = captureOutput;

describe(`vigie import requests (${testEngine()})`, () => {
  let testDb: TestDatabase;
  let handle: DatabaseHandle;
  let config: AppConfig;
  let dir: string;
  const count = async () =>
    Number(
      (
        await handle.db
          .selectFrom('requests')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  before(async () => {
    testDb = await createTestDatabase();
    handle = openDatabase(testDb.config);
    config = testConfig({}, testDb.config);
    dir = mkdtempSync(path.join(tmpdir(), 'vigie-import-'));
  });
  after(async () => {
    await handle.destroy();
    await testDb.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('--dry-run shows what would be created, per year and kind, and writes nothing', async () => {
    const io = capture();
    assert.equal(await runCli(['import', 'requests', FIXTURE, '--dry-run'], io, { config }), 0, io.stderr);
    assert.match(io.stdout, /Essai \(--dry-run\) : rien n'a été enregistré\./);
    assert.match(io.stdout, /126 demandes seraient créées, 0 déjà importée serait ignorée/);
    assert.match(io.stdout, /2019 {2}Demande d'avis : 30\n/);
    assert.match(io.stdout, /2020 {2}Rencontre en bureau : 8\n/);
    assert.equal(await count(), 0);
    const audit = await handle.db
      .selectFrom('audit_events')
      .select('id')
      .where('action', '=', 'request.import')
      .execute();
    assert.equal(audit.length, 0);
  });

  it('imports the fixture, then importing it again creates nothing', async () => {
    const io = capture();
    assert.equal(await runCli(['import', 'requests', FIXTURE], io, { config }), 0, io.stderr);
    assert.match(io.stdout, /Import terminé : 126 demandes créées, 0 déjà importée ignorée\./);
    assert.equal(await count(), 126);
    const again = capture();
    assert.equal(await runCli(['import', 'requests', FIXTURE], again, { config }), 0, again.stderr);
    assert.match(again.stdout, /Import terminé : 0 demande créée, 126 déjà importées ignorées\./);
    assert.match(again.stdout, /ligne 2 : déjà importée \(2019-001\)/);
    assert.equal(await count(), 126);
  });

  it('imports an XLSX file', async () => {
    const file = path.join(dir, 'registre.xlsx');
    writeFileSync(
      file,
      buildXlsx([
        ['received_on', 'kind', 'subject'],
        [{ date: '2018-02-01' }, 'advice', 'Une question de 2018'],
      ]),
    );
    const io = capture();
    assert.equal(await runCli(['import', 'requests', file], io, { config }), 0, io.stderr);
    const row = await handle.db
      .selectFrom('requests')
      .select(['reference', 'received_on'])
      .where('year', '=', 2018)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, { reference: '2018-001', received_on: '2018-02-01' });
  });

  it('exits 1 listing every error when the file is invalid, 2 on wrong usage', async () => {
    const file = path.join(dir, 'faux.csv');
    writeFileSync(file, 'received_on;kind;subject\n2017-01-01;Formatoin;Objet\n2017-13-01;advice;Objet\n');
    const before = await count();
    const io = capture();
    assert.equal(await runCli(['import', 'requests', file], io, { config }), 1);
    assert.match(
      io.stderr,
      /2 erreurs, rien n’a été importé :\n {2}ligne 2, colonne kind : type inconnu « Formatoin »/,
    );
    assert.match(io.stderr, /ligne 3, colonne received_on : date invalide « 2017-13-01 »/);
    assert.equal(await count(), before);
    const usage = capture();
    assert.equal(await runCli(['import', 'members', file], usage, { config }), 2);
    assert.match(usage.stderr, /import : sous-commande inconnue « members » \(possibles : requests\)/);
    const missing = capture();
    assert.equal(await runCli(['import', 'requests', path.join(dir, 'absent.csv')], missing, { config }), 2);
    assert.match(missing.stderr, /impossible de lire le fichier/);
  });
});
