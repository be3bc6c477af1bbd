import { spawn } from 'node:child_process';
import { existsSync, renameSync, rmSync } from 'node:fs';
import SqliteDatabase from 'better-sqlite3';

/**
 * Engine-specific copies of a whole database, for `vigie backup` / `vigie
 * restore` (src/cli/backup.ts). SQLite: the online backup API, safe while the
 * server writes. PostgreSQL: the server's own tools, pg_dump and pg_restore.
 */

class BackupToolError extends Error {
  override readonly name = 'BackupToolError';
}

/**
 * A consistent copy of a live SQLite database: the backup is asked to copy
 * every page in one step, so it reads one snapshot (the server's writers go on
 * in the write-ahead log meanwhile) instead of restarting on each write.
 */
export async function copySqlite(source: string, destination: string): Promise<void> {
  const db = new SqliteDatabase(source, { readonly: true, fileMustExist: true });
  try {
    await db.backup(destination, { progress: () => 0x7fffffff });
  } finally {
    db.close();
  }
}

/** Puts a copied SQLite file in place of the database (the server must be stopped). */
export function replaceSqlite(copy: string, target: string): void {
  for (const suffix of ['-wal', '-shm']) rmSync(`${target}${suffix}`, { force: true });
  renameSync(copy, target);
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    let stderr = '';
    const child = spawn(command, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'ENOENT'
          ? new BackupToolError(
              `${command} est introuvable : installez les outils clients de PostgreSQL (Debian : apt-get install postgresql-client), de la même version que le serveur ou plus récente.`,
            )
          : error,
      ),
    );
    child.on('close', (code) =>
      code === 0
        ? resolve()
        : reject(
            new BackupToolError(
              `${command} a échoué (code ${code}) : ${stderr.trim().split('\n').slice(-3).join(' ')}`,
            ),
          ),
    );
  });
}

/** The connection URL without its password, which goes through PGPASSWORD instead of the command line. */
function connection(url: string): { url: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  return { url: u.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}

/** pg_dump in its custom format (compressed, restorable table by table). */
export async function dumpPostgres(url: string, destination: string): Promise<void> {
  const c = connection(url);
  await run('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${destination}`, c.url], c.env);
}

/** pg_restore into the configured database, replacing the objects it holds. */
export async function restorePostgres(url: string, dump: string): Promise<void> {
  if (!existsSync(dump)) throw new BackupToolError(`fichier introuvable : ${dump}`);
  const c = connection(url);
  await run(
    'pg_restore',
    [
      '--clean',
      '--if-exists',
      '--no-owner',
      '--no-privileges',
      '--single-transaction',
      '--exit-on-error',
      `--dbname=${c.url}`,
      dump,
    ],
    c.env,
  );
}
