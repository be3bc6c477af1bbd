import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { strToU8, zipSync } from 'fflate';
import { buildRequestInput, buildUser } from '../../tests/factories/index.js';
import { testConfig } from '../../tests/setup/app.js';
import { captureOutput } from '../../tests/setup/cli.js';
import { createTestDatabase, testEngine, type TestDatabase } from '../../tests/setup/databases.js';
import { runCli } from '../cli.js';
import type { AppConfig } from '../config.js';
import { openDatabase, type Db, type DatabaseHandle } from '../db/index.js';
import { loadOrCreateKey, Vault } from '../lib/vault.js';
import { createRequest } from '../modules/requests/requests.service.js';

/**
 * `vigie backup` taken by another process while this one keeps writing
 * requests (the server's load), then `vigie restore` into a new folder: every
 * row of the snapshot is there and every identity decrypts with the restored key.
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function spawnVigie(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/vigie.js'), ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'silent', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function snapshot(db: Db) {
  const requests = await db.selectFrom('requests').select(['id', 'reference', 'subject']).orderBy('id').execute();
  const identities = await db.selectFrom('requester_identities').selectAll().orderBy('request_id').execute();
  return { requests, identities };
}

describe(`vigie backup and restore (${testEngine()})`, () => {
  let dir: string;
  let source: TestDatabase;
  let target: TestDatabase;
  let handle: DatabaseHandle;
  let config: AppConfig;
  let vault: Vault;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'vigie-backup-'));
    source = await createTestDatabase();
    target = await createTestDatabase(testEngine(), { empty: true });
    // The key lives in the data folder, as on a default installation.
    config = testConfig({ encryptionKey: undefined, dataDir: path.join(dir, 'data') }, source.config);
    vault = new Vault(loadOrCreateKey(undefined, config.dataDir).key);
    handle = openDatabase(source.config);
  });
  after(async () => {
    await handle.destroy();
    await source.drop();
    await target.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('copies a database being written to, with its key, and restores it elsewhere with every row and identity', async () => {
    const { db } = handle;
    const actor = await buildUser(db);
    const add = async (n: number) =>
      createRequest(
        db,
        vault,
        await buildRequestInput(db, {
          subject: `Question n° ${n} sur le secret partagé`,
          identityName: `Demandeur ${n}`,
          identityEmail: `demandeur${n}@exemple.invalid`,
        }),
        actor,
      );
    for (let n = 0; n < 20; n++) await add(n);
    const before = await snapshot(db);

    // The load: requests keep arriving while another process takes the backup.
    let writing = true;
    let written = 20;
    const load = (async () => {
      while (writing) {
        await add(written++);
        // Let the child's events through, as a server's requests would (SQLite calls are synchronous).
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    const file = path.join(dir, 'sauvegarde.zip');
    const env: Record<string, string> = {
      DATA_DIR: config.dataDir,
      DATABASE_URL: source.config.kind === 'sqlite' ? source.config.file : source.config.url,
    };
    const backup = await spawnVigie(['backup', file], env);
    writing = false;
    await load;
    assert.equal(backup.code, 0, backup.stderr);
    assert.match(
      backup.stdout,
      /Sauvegarde écrite dans .*sauvegarde\.zip \(.* Mo\) : la base et la clé de chiffrement\./,
    );
    assert.equal(statSync(file).mode & 0o777, 0o600, 'the backup is for its owner only');
    assert.ok(written > 20, 'requests were written during the backup');
    const after = await snapshot(db);

    // Restore into a new folder and a new database.
    const restoredDir = path.join(dir, 'restauree');
    const restoredConfig = testConfig({ encryptionKey: undefined, dataDir: restoredDir }, target.config);
    const io = captureOutput();
    assert.equal(await runCli(['restore', file], io, { config: restoredConfig }), 0, io.stderr);
    assert.match(io.stdout, /restaurée/);
    const restoredKey = loadOrCreateKey(undefined, restoredDir);
    assert.equal(restoredKey.created, false, 'the key comes from the backup');
    assert.equal(statSync(path.join(restoredDir, 'vigie.key')).mode & 0o777, 0o600);
    const restoredVault = new Vault(restoredKey.key);

    const restored = openDatabase(target.config);
    try {
      const copy = await snapshot(restored.db);
      // A snapshot taken during the load: everything written before it, nothing that never existed.
      assert.ok(copy.requests.length >= before.requests.length, 'every row written before the backup is there');
      const ids = new Set(after.requests.map((r) => `${r.id}|${r.reference}|${r.subject}`));
      for (const r of copy.requests)
        assert.ok(ids.has(`${r.id}|${r.reference}|${r.subject}`), `row ${r.reference} as written`);
      for (const r of before.requests)
        assert.ok(
          copy.requests.some((c) => c.id === r.id),
          `row ${r.reference} restored`,
        );
      assert.equal(copy.identities.length, copy.requests.length, 'each request with its identity');
      for (const identity of copy.identities) {
        const plain = restoredVault.decrypt(identity.ciphertext, `request:${identity.request_id}`);
        assert.match(plain, /Demandeur \d+/);
      }
    } finally {
      await restored.destroy();
    }

    // A database with data is never replaced by mistake.
    const again = captureOutput();
    assert.equal(await runCli(['restore', file], again, { config: restoredConfig }), 1);
    assert.match(again.stderr, /la base configurée contient déjà des données\. Ajoutez --force/);
    const forced = captureOutput();
    assert.equal(await runCli(['restore', file, '--force'], forced, { config: restoredConfig }), 0, forced.stderr);
  });

  it('refuses what is not a backup, and a backup over an existing file', async () => {
    const notBackup = path.join(dir, 'pas-une-sauvegarde.zip');
    const io = captureOutput();
    assert.equal(await runCli(['restore', path.join(ROOT, 'package.json')], io, { config }), 1);
    assert.match(io.stderr, /n’est pas une sauvegarde de Vigie lisible/);
    assert.ok(!existsSync(notBackup));
    const existing = captureOutput();
    assert.equal(await runCli(['backup', path.join(ROOT, 'package.json')], existing, { config }), 2);
    assert.match(existing.stderr, /existe déjà ; choisissez un nouveau nom de fichier/);
    assert.ok(readFileSync(path.join(ROOT, 'package.json'), 'utf8').startsWith('{'), 'nothing overwritten');
  });

  it('refuses a zip whose manifest is damaged with a French message, not a stack trace', async () => {
    // Arrange: zips holding a key and a manifest that is not JSON, or JSON that is not ours
    const cases = {
      'manifeste-abime.zip': '{"format": "vigie-backup", "vers',
      'manifeste-etranger.zip': '{"format": "vigie-backup", "version": 1, "engine": "oracle", "migrations": []}',
    };
    for (const [name, manifest] of Object.entries(cases)) {
      const file = path.join(dir, name);
      writeFileSync(file, zipSync({ 'manifest.json': strToU8(manifest), 'vigie.key': strToU8('clé') }));

      // Act
      const io = captureOutput();
      const code = await runCli(['restore', file], io, { config });

      // Assert
      assert.equal(code, 1, name);
      assert.match(io.stderr, /n’est pas une sauvegarde de Vigie \(manifest\.json absent ou inconnu\)/, name);
      assert.doesNotMatch(io.stderr, /SyntaxError|at JSON\.parse/, name);
    }
  });
});
