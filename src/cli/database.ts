import { existsSync } from 'node:fs';
import { sql } from 'kysely';
import type { AppConfig } from '../config.js';
import { openDatabase, type Db } from '../db/index.js';
import { migrateToLatest } from '../db/migrate.js';
import { oneProcessAtATime } from '../db/startup-lock.js';
import { ensureGuideContent } from '../modules/guide/guide.versions.service.js';
import { ensureDefaultTaxonomy } from '../modules/taxonomy/taxonomy.service.js';
import { CommandError } from './context.js';

const MISSING =
  'Vérifiez DATA_DIR ou DATABASE_URL (dans l’environnement ou le fichier .env du dossier d’installation), ' +
  'ou créez une nouvelle base avec « vigie migrate ».';

/**
 * Opens the configured database for a command, migrated and with its default
 * categories (unless `as-is`), runs `fn`, closes it. Unless `create` (only `vigie migrate`),
 * a database that does not exist is refused: a command run from the wrong
 * folder or with a mistyped DATABASE_URL must not start a new, empty register.
 */
export async function withCliDatabase<T>(
  config: AppConfig,
  mode: 'create' | 'existing' | 'as-is',
  fn: (db: Db) => Promise<T>,
): Promise<T> {
  const target = config.database;
  const mayCreate = mode === 'create';
  if (!mayCreate && target.kind === 'sqlite' && target.file !== ':memory:' && !existsSync(target.file))
    throw new CommandError(`aucune base de données à ${target.file}. ${MISSING}`);
  const handle = openDatabase(target);
  try {
    if (!mayCreate && target.kind === 'postgres' && !(await hasBeenMigrated(handle.db)))
      throw new CommandError(`la base PostgreSQL configurée n’a pas encore été créée par Vigie. ${MISSING}`);
    if (mode !== 'as-is') {
      // A server starting meanwhile may be doing the same: one process at a time.
      await oneProcessAtATime(handle.db, async () => {
        await migrateToLatest(handle.db);
        await ensureDefaultTaxonomy(handle.db);
        await ensureGuideContent(handle.db);
      });
    }
    return await fn(handle.db);
  } finally {
    await handle.destroy();
  }
}

async function hasBeenMigrated(db: Db): Promise<boolean> {
  try {
    await sql`select 1 from kysely_migration limit 1`.execute(db);
    return true;
  } catch (error) {
    // A connection that fails says so itself (wrong password, no server).
    if (/kysely_migration/.test(error instanceof Error ? error.message : '')) return false;
    throw error;
  }
}
