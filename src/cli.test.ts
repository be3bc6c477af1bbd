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

  function vigie(args: string[], extraEnv: Record<string, string> = {}, cwd = ROOT): Promise<Run> {
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? dir,
      DATABASE_URL: databaseUrl,
      DATA_DIR: path.join(dir, 'data'),
      LOG_LEVEL: 'silent',
      ...extraEnv,
    };
    return new Promise((resolve, reject) => {
      // The shipped command (bin/vigie.js runs dist/, built by scripts/test-node.sh before the tests).
      const child = spawn(process.execPath, [path.join(ROOT, 'bin/vigie.js'), ...args], {
        cwd,
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
      [['user', 'remove'], /user : sous-commande inconnue « remove » \(possibles : add\)/],
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
    assert.match(imported.stdout, /Import terminé : 0 catégorie ajoutée, 0 modifiée, \d+ inchangées\./);

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
    assert.match(unknown.stderr, /commande inconnue « bonjour » \(commandes : serve, migrate, user, /);
    const none = await vigie([]);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /Utilisation : vigie <commande>/);
    const badKey = await vigie(['migrate'], { ENCRYPTION_KEY: 'trop-courte' });
    assert.equal(badKey.code, 2);
    assert.match(badKey.stderr, /ENCRYPTION_KEY : 32 octets encodés en base64/);
    assert.doesNotMatch(badKey.stderr, /trop-courte/, 'a secret is never echoed');
  });

  it('asks --help anywhere: prints the help of what was named and does nothing else', async () => {
    const before = await count('requests');
    for (const args of [
      ['demo', '--help'],
      ['serve', '-h'],
      ['report', '2020', '--format', 'pdf', '--help'],
    ]) {
      const run = await vigie(args);
      assert.equal(run.code, 0, `${args.join(' ')}: ${run.stderr}`);
      assert.match(run.stdout, new RegExp(`^Utilisation : vigie ${args[0]}`), args.join(' '));
      assert.equal(run.stderr, '', args.join(' '));
    }
    assert.equal(await count('requests'), before, 'demo --help filled nothing');
    const group = await vigie(['figures', '--help']);
    assert.match(group.stdout, /Commandes « figures » :\n {2}vigie figures set ANNÉE CLÉ VALEUR/);
    const all = await vigie(['--help']);
    assert.equal(all.code, 0);
    for (const command of ['serve', 'migrate', 'user add', 'backup FICHIER', 'restore FICHIER', 'report ANNÉE'])
      assert.match(all.stdout, new RegExp(`\\n {2}${command}`), command);
  });

  it('parses every flag strictly: unknown flag, missing value or impossible value is a French error with the valid values', async () => {
    const cases: Array<[string[], RegExp]> = [
      [
        ['report', '2020', '--formt', 'pdf'],
        /vigie report : option inconnue « --formt »\. Options : --format md\|json\|html\|pdf\|docx, --out FICHIER, --malgre\./,
      ],
      [['report', '2020', '--format'], /vigie report : --format demande une valeur \(md, json, html, pdf, docx\)\./],
      [
        ['report', '2020', '--format', 'odt'],
        /--format « odt » n’est pas possible \(valeurs : md, json, html, pdf, docx\)/,
      ],
      [['demo', '--vite'], /vigie demo : option inconnue « --vite »\. Options : aucune option\./],
      [['migrate', 'maintenant'], /vigie migrate : argument en trop « maintenant » \(aucun argument attendu\)/],
      [['taxonomy', 'export'], /vigie taxonomy export : argument manquant \(attendu : FICHIER\.yaml\)/],
      [['user'], /user : sous-commande manquante \(possibles : add\)/],
      [['import', 'requests', 'a.csv', '--dry-run=oui'], /--dry-run ne prend pas de valeur/],
    ];
    for (const [args, message] of cases) {
      const run = await vigie(args);
      assert.equal(run.code, 2, args.join(' '));
      assert.match(run.stderr, message, args.join(' '));
      assert.equal(run.stdout, '', args.join(' '));
    }
  });

  it('refuses, in French, to run a command other than serve and migrate on a database that does not exist', async () => {
    const missing = path.join(dir, 'ailleurs', 'vigie.sqlite');
    for (const args of [['user', 'add', '--email', 'a@exemple.be', '--role', 'board'], ['demo'], ['figures', 'list']]) {
      const run = await vigie(args, { DATABASE_URL: missing });
      assert.equal(run.code, 1, args.join(' '));
      assert.match(
        run.stderr,
        /aucune base de données à .*ailleurs\/vigie\.sqlite\. Vérifiez DATA_DIR ou DATABASE_URL/,
      );
      assert.ok(!existsSync(missing), `${args.join(' ')} created no database`);
    }
    if (testEngine() === 'postgres') {
      const empty = await createTestDatabase('postgres', { empty: true });
      try {
        if (empty.config.kind !== 'postgres') throw new Error('expected PostgreSQL');
        const run = await vigie(['demo'], { DATABASE_URL: empty.config.url });
        assert.equal(run.code, 1);
        assert.match(run.stderr, /la base PostgreSQL configurée n’a pas encore été créée par Vigie/);
      } finally {
        await empty.drop();
      }
    }
  });

  it('finds a relative DATA_DIR from the install folder, whatever the current directory, and keeps its files private', async () => {
    const elsewhere = mkdtempSync(path.join(tmpdir(), 'vigie-cwd-'));
    const dataDir = path.join(dir, 'donnees-relatives');
    try {
      const run = await vigie(['migrate'], { DATABASE_URL: '', DATA_DIR: path.relative(ROOT, dataDir) }, elsewhere);
      assert.equal(run.code, 0, run.stderr);
      assert.ok(
        existsSync(path.join(dataDir, 'vigie.sqlite')),
        'the database is in DATA_DIR, resolved from the install folder',
      );
      assert.ok(!existsSync(path.join(elsewhere, 'data')), 'nothing was created in the current directory');
      assert.equal(statSync(dataDir).mode & 0o777, 0o700);
      for (const file of ['vigie.sqlite', 'vigie.sqlite-wal'].map((f) => path.join(dataDir, f)))
        if (existsSync(file)) assert.equal(statSync(file).mode & 0o777, 0o600, file);
      const again = await vigie(['demo'], { DATABASE_URL: '', DATA_DIR: path.relative(ROOT, dataDir) }, elsewhere);
      assert.equal(again.code, 0, again.stderr);
      assert.ok(existsSync(path.join(dataDir, 'vigie.key')), 'the key was created');
      for (const file of ['vigie.sqlite', 'vigie.sqlite-wal', 'vigie.sqlite-shm', 'vigie.key'].map((f) =>
        path.join(dataDir, f),
      ))
        if (existsSync(file)) assert.equal(statSync(file).mode & 0o777, 0o600, file);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });
});
