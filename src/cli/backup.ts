import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { z } from 'zod';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { AppConfig } from '../config.js';
import { copySqlite, dumpPostgres, replaceSqlite, restorePostgres } from '../db/backup.js';
import { openDatabase } from '../db/index.js';
import { knownMigrations } from '../db/migrate.js';
import { KEY_FILE_NAME } from '../lib/vault.js';
import { recordAudit } from '../modules/audit/audit.service.js';
import { CommandError, requireDb, UsageError, type CliContext } from './context.js';

/**
 * `vigie backup FILE` and `vigie restore FILE`: the database and the
 * encryption key in one zip file (manifest.json, vigie.key, and
 * database.sqlite or database.pgdump). Without the key the requesters'
 * identities cannot be read; with it, whoever holds the file can: it is
 * written for its owner only (0600) and must be kept like the server itself.
 */
const manifestSchema = z.object({
  format: z.literal('vigie-backup'),
  version: z.literal(1),
  createdAt: z.string(),
  engine: z.enum(['sqlite', 'postgres']),
  /** The migrations the database had: a restore into an older Vigie is refused. */
  migrations: z.array(z.string()),
});
type Manifest = z.infer<typeof manifestSchema>;

/** The manifest as written by `backup`, or null when it is missing, not JSON or not ours. */
function parseManifest(raw: Uint8Array | undefined): Manifest | null {
  if (!raw) return null;
  let value: unknown;
  try {
    value = JSON.parse(strFromU8(raw));
  } catch {
    return null;
  }
  const parsed = manifestSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

const DATABASE_ENTRY = { sqlite: 'database.sqlite', postgres: 'database.pgdump' } as const;

/** The key in use, without ever creating one (a backup must not invent a key the data was not encrypted with). */
function currentKey(config: AppConfig): string {
  if (config.encryptionKey) return config.encryptionKey;
  const file = path.join(config.dataDir, KEY_FILE_NAME);
  if (!existsSync(file))
    throw new CommandError(
      `clé de chiffrement introuvable (${file}, ou ENCRYPTION_KEY) : sans elle, la sauvegarde ne servirait à rien.`,
    );
  return readFileSync(file, 'utf8').trim();
}

function megabytes(bytes: number): string {
  return `${(bytes / 1_048_576).toLocaleString('fr-BE', { maximumFractionDigits: 1 })} Mo`;
}

export async function backupCommand(ctx: CliContext): Promise<number> {
  const file = path.resolve(ctx.positionals[0] ?? '');
  if (existsSync(file)) throw new UsageError(`backup : ${file} existe déjà ; choisissez un nouveau nom de fichier.`);
  if (!existsSync(path.dirname(file))) throw new UsageError(`backup : le dossier ${path.dirname(file)} n’existe pas.`);
  const db = requireDb(ctx);
  const key = currentKey(ctx.config);
  const { database } = ctx.config;
  const migrations = (
    await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db)
  ).rows.map((r) => r.name);
  const work = mkdtempSync(path.join(path.dirname(file), '.vigie-sauvegarde-'));
  try {
    const copy = path.join(work, DATABASE_ENTRY[database.kind]);
    if (database.kind === 'sqlite') {
      if (database.file === ':memory:') throw new CommandError('backup : une base en mémoire ne se sauvegarde pas.');
      await copySqlite(database.file, copy);
    } else {
      await dumpPostgres(database.url, copy);
    }
    const manifest: Manifest = {
      format: 'vigie-backup',
      version: 1,
      createdAt: new Date().toISOString(),
      engine: database.kind,
      migrations,
    };
    const zip = zipSync({
      'manifest.json': strToU8(`${JSON.stringify(manifest, null, 2)}\n`),
      [KEY_FILE_NAME]: strToU8(`${key}\n`),
      [DATABASE_ENTRY[database.kind]]: [readFileSync(copy), { level: 6 }],
    });
    writeFileSync(file, zip, { mode: 0o600, flag: 'wx' });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  await recordAudit(db, {
    actorId: null,
    action: 'database.backup',
    entityType: 'setup',
    summary: `sauvegarde ${database.kind === 'sqlite' ? 'SQLite' : 'PostgreSQL'} (${megabytes(statSync(file).size)})`,
  });
  ctx.io.out(
    `Sauvegarde écrite dans ${file} (${megabytes(statSync(file).size)}) : la base et la clé de chiffrement.\n` +
      'Gardez ce fichier en lieu sûr : il permet de lire les identités des demandeurs.\n',
  );
  return 0;
}

function readBackup(file: string): { manifest: Manifest; entries: Record<string, Uint8Array> } {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(readFileSync(file));
  } catch {
    throw new CommandError(`restore : ${file} n’est pas une sauvegarde de Vigie lisible.`);
  }
  const manifest = parseManifest(entries['manifest.json']);
  if (!manifest || !entries[KEY_FILE_NAME])
    throw new CommandError(`restore : ${file} n’est pas une sauvegarde de Vigie (manifest.json absent ou inconnu).`);
  return { manifest, entries };
}

/** Whether the configured database already holds a register (accounts or requests). */
async function holdsData(config: AppConfig): Promise<boolean> {
  const target = config.database;
  if (target.kind === 'sqlite' && (target.file === ':memory:' || !existsSync(target.file))) return false;
  const handle = openDatabase(target);
  try {
    const { rows } = await sql<{
      n: number | string;
    }>`select (select count(*) from users) + (select count(*) from requests) as n`.execute(handle.db);
    return Number(rows[0]?.n ?? 0) > 0;
  } catch {
    return false; // no tables yet
  } finally {
    await handle.destroy();
  }
}

/** Writes the backup's key where this instance reads it, never silently replacing another key. */
function restoreKey(config: AppConfig, key: string, force: boolean): string {
  if (config.encryptionKey) {
    if (config.encryptionKey !== key)
      throw new CommandError(
        'restore : ENCRYPTION_KEY n’est pas la clé de cette sauvegarde. Mettez dans ENCRYPTION_KEY la clé du fichier vigie.key de la sauvegarde (ou retirez la variable), puis recommencez.',
      );
    return 'ENCRYPTION_KEY (inchangée)';
  }
  const file = path.join(config.dataDir, KEY_FILE_NAME);
  if (existsSync(file) && readFileSync(file, 'utf8').trim() !== key) {
    if (!force)
      throw new CommandError(
        `restore : ${file} contient une autre clé ; ajoutez --force pour la remplacer (elle sera gardée à côté).`,
      );
    writeFileSync(`${file}.avant-restauration-${Date.now()}`, readFileSync(file), { mode: 0o600 });
  }
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return file;
}

export async function restoreCommand(ctx: CliContext): Promise<number> {
  const file = path.resolve(ctx.positionals[0] ?? '');
  if (!existsSync(file)) throw new UsageError(`restore : fichier introuvable : ${file}`);
  const { manifest, entries } = readBackup(file);
  const { config } = ctx;
  const target = config.database;
  if (manifest.engine !== target.kind)
    throw new CommandError(
      `restore : cette sauvegarde vient d’une base ${manifest.engine === 'sqlite' ? 'SQLite' : 'PostgreSQL'}, la base configurée est ${target.kind === 'sqlite' ? 'SQLite' : 'PostgreSQL'}.`,
    );
  const unknown = manifest.migrations.filter((name) => !knownMigrations().includes(name));
  if (unknown.length)
    throw new CommandError(
      `restore : cette sauvegarde vient d’une version plus récente de Vigie (migrations inconnues : ${unknown.join(', ')}). Mettez Vigie à jour d’abord.`,
    );
  const data = entries[DATABASE_ENTRY[manifest.engine]];
  if (!data) throw new CommandError(`restore : ${file} ne contient pas de base de données.`);
  const force = ctx.values.force === true;
  if (!force && (await holdsData(config)))
    throw new CommandError(
      'restore : la base configurée contient déjà des données. Ajoutez --force pour la remplacer par la sauvegarde (arrêtez le serveur avant).',
    );
  const key = strFromU8(entries[KEY_FILE_NAME] ?? new Uint8Array()).trim();
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const keyPlace = restoreKey(config, key, force);

  const folder = target.kind === 'sqlite' ? path.dirname(target.file) : config.dataDir;
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const work = mkdtempSync(path.join(folder, '.vigie-restauration-'));
  try {
    const copy = path.join(work, DATABASE_ENTRY[manifest.engine]);
    writeFileSync(copy, data, { mode: 0o600 });
    if (target.kind === 'sqlite') replaceSqlite(copy, target.file);
    else await restorePostgres(target.url, copy);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  ctx.io.out(
    `Sauvegarde du ${new Date(manifest.createdAt).toLocaleString('fr-BE', { timeZone: 'Europe/Brussels' })} restaurée` +
      ` (${target.kind === 'sqlite' ? target.file : 'base PostgreSQL configurée'} ; clé : ${keyPlace}).\n` +
      'Démarrez le serveur : les migrations manquantes seront appliquées.\n',
  );
  return 0;
}
