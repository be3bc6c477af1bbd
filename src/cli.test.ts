import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { openDatabase, type DatabaseHandle } from './db/index.js';
import { Vault } from './lib/vault.js';
import { createTestDatabase, testEngine, type TestDatabase } from '../tests/setup/databases.js';

/**
 * The real `vigie` command, spawned as an operator runs it. On SQLite it starts
 * from a file that does not exist yet; on PostgreSQL from a fresh copy of the
 * test template (the CLI's database code is the app's, tested on both).
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

describe(`vigie command line (${testEngine()})`, () => {
  let dir: string;
  let testDb: TestDatabase | null = null;
  let databaseUrl: string;
  let handle: DatabaseHandle;

  function vigie(args: string[], extraEnv: Record<string, string> = {}): Promise<Run> {
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? dir,
      DATABASE_URL: databaseUrl,
      DATA_DIR: path.join(dir, 'data'),
      LOG_LEVEL: 'silent',
      ...extraEnv,
    };
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/main.ts'), ...args], {
        cwd: ROOT,
        env,
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

  const count = async (table: 'users' | 'requests' | 'taxonomy_entries') =>
    Number(
      (
        await handle.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'vigie-cli-'));
    if (testEngine() === 'postgres') {
      testDb = await createTestDatabase('postgres');
      if (testDb.config.kind !== 'postgres') throw new Error('expected a PostgreSQL database');
      databaseUrl = testDb.config.url;
    } else {
      databaseUrl = path.join(dir, 'vigie.sqlite');
    }
  });
  after(async () => {
    await handle?.destroy();
    await testDb?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('migrates a new database and installs the default categories', async () => {
    const run = await vigie(['migrate']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /Base de données à jour\./);
    const again = await vigie(['migrate']);
    assert.equal(again.code, 0, again.stderr);
    handle = openDatabase(testDb ? testDb.config : { kind: 'sqlite', file: databaseUrl });
    assert.ok((await count('taxonomy_entries')) > 30, 'default categories installed');
  });

  it('adds a board member and prints a one-time password link', async () => {
    const run = await vigie(['user', 'add', '--email', 'Marie@Exemple.be', '--role', 'board', '--name', 'Marie']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /Compte créé \(n° \d+, rôles : board\)/);
    assert.match(run.stdout, /http:\/\/localhost:3000\/reinitialiser\?jeton=[\w-]{40,}/);
    const user = await handle.db
      .selectFrom('users')
      .selectAll()
      .where('email', '=', 'marie@exemple.be')
      .executeTakeFirstOrThrow();
    assert.deepEqual([user.role, user.display_name, user.password_hash], ['board', 'Marie', null]);
    const again = await vigie(['user', 'add', '--email', 'marie@exemple.be', '--role', 'admin']);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /--email : Un compte existe déjà avec cette adresse e-mail\./);
  });

  it('refuses bad arguments with a French message and a non-zero exit, writing no user', async () => {
    const before = await count('users');
    const cases: Array<[string[], RegExp]> = [
      [
        ['user', 'add', '--email', 'pas-une-adresse', '--role', 'board'],
        /--email : Adresse e-mail : cette adresse n’est pas valide/,
      ],
      [['user', 'add', '--email', 'paul@exemple.be', '--role', 'chef'], /--role : (Rôles : )?rôle inconnu/],
      [['user', 'add', '--email', 'paul@exemple.be', '--role', 'board,chef'], /--role : (Rôles : )?rôle inconnu/],
      [['user', 'add', '--role', 'board'], /--email et --role sont obligatoires/],
      [['user', 'add', '--email', 'paul@exemple.be', '--role', 'board', '--oops'], /vigie : /],
      [['user', 'remove'], /seule la sous-commande « user add » existe/],
    ];
    for (const [args, message] of cases) {
      const run = await vigie(args);
      assert.notEqual(run.code, 0, args.join(' '));
      assert.match(run.stderr, message, args.join(' '));
      assert.equal(run.stdout, '', args.join(' '));
    }
    assert.equal(await count('users'), before);
  });

  it('exports the categories and imports them back; a broken file is refused with its line', async () => {
    const file = path.join(dir, 'categories.yaml');
    const exported = await vigie(['taxonomy', 'export', file]);
    assert.equal(exported.code, 0, exported.stderr);
    assert.match(
      readFileSync(file, 'utf8'),
      /code: manifesto-talk\n\s+label: Présentation du Manifeste\n\s+countsInTotal: false/,
    );
    const imported = await vigie(['taxonomy', 'import', file]);
    assert.equal(imported.code, 0, imported.stderr);
    assert.match(imported.stdout, /Import terminé : 0 ajoutée\(s\), 0 modifiée\(s\), \d+ inchangée\(s\)\./);

    const entries = await count('taxonomy_entries');
    const broken = path.join(dir, 'broken.yaml');
    writeFileSync(
      broken,
      'kinds:\n  - { code: webinar, label: "Webinaire" }\n  - { code: "Mauvais Code", label: "X" }\n',
    );
    const refused = await vigie(['taxonomy', 'import', broken]);
    assert.notEqual(refused.code, 0);
    assert.match(refused.stderr, /ligne 3, kinds\.1\.code : code invalide/);
    assert.match(refused.stderr, /Rien n'a été importé\./);
    const missing = await vigie(['taxonomy', 'import', path.join(dir, 'absent.yaml')]);
    assert.notEqual(missing.code, 0);
    assert.match(missing.stderr, /impossible de lire le fichier/);
    assert.equal(await count('taxonomy_entries'), entries);
  });

  it('fills an empty register with demo data once, and refuses a second time', async () => {
    assert.equal(await count('requests'), 0);
    const first = await vigie(['demo']);
    assert.equal(first.code, 0, first.stderr);
    const requests = await count('requests');
    assert.ok(requests > 5, `demo requests: ${requests}`);
    // ENCRYPTION_KEY is unset: the key file is created (0600) and the server will read the same identities.
    const keyFile = path.join(dir, 'data', 'vigie.key');
    assert.ok(existsSync(keyFile), 'the key file is created');
    assert.equal(statSync(keyFile).mode & 0o777, 0o600);
    const vault = new Vault(Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'base64'));
    const identity = await handle.db.selectFrom('requester_identities').selectAll().executeTakeFirstOrThrow();
    assert.equal(identity.key_id, vault.keyId);
    assert.match(vault.decrypt(identity.ciphertext, `request:${identity.request_id}`), /démo|\.invalid/);
    const second = await vigie(['demo']);
    assert.notEqual(second.code, 0);
    assert.match(second.stderr, /ne remplit qu’une base vide/);
    assert.equal(await count('requests'), requests);
  });

  it('exits 2 on an unknown command or a bad configuration', async () => {
    const unknown = await vigie(['bonjour']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /Commande inconnue : « bonjour »/);
    const none = await vigie([]);
    assert.equal(none.code, 2);
    assert.match(none.stdout, /Utilisation : vigie <commande>/);
    const badKey = await vigie(['migrate'], { ENCRYPTION_KEY: 'trop-courte' });
    assert.equal(badKey.code, 2);
    assert.match(badKey.stderr, /ENCRYPTION_KEY doit être 32 octets encodés en base64/);
  });
});
