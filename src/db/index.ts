import { createHash } from 'node:crypto';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import {
  Kysely,
  PostgresAdapter,
  PostgresDialect,
  CompiledQuery,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type Driver,
  type SqliteDialectConfig,
  type Transaction,
} from 'kysely';
import pg from 'pg';
import type { DatabaseConfig } from '../config.js';
import { FALLBACK_AUTOCHECKPOINT_PAGES, startCheckpointer } from './checkpointer.js';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;
export type DbOrTrx = Db | Trx;

export interface DatabaseHandle {
  db: Db;
  kind: DatabaseConfig['kind'];
  destroy(): Promise<void>;
}

/** For the rare statement written for one engine (each one says why). */
export function isPostgresDb(db: DbOrTrx): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

// pg returns int8 (count(*), sum()) as strings; our counts fit in a JS number.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number.parseInt(v, 10));

/**
 * SQLite only: Kysely prepares every statement anew; better-sqlite3 lets a
 * prepared statement be reused, and the app runs the same few hundred SQL
 * texts again and again. (PostgreSQL's driver needs nothing of the kind.)
 * Safe because better-sqlite3 runs each statement to completion
 * synchronously and Vigie never streams rows. PostgreSQL: see withPreparedStatements.
 */
function withStatementCache(sqlite: SqliteDatabase.Database): SqliteDialectConfig['database'] {
  const statements = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => {
      statements.clear();
      sqlite.close();
    },
    prepare: (sql: string) => {
      let statement = statements.get(sql);
      if (!statement) {
        if (statements.size >= 1_000) statements.clear();
        statement = sqlite.prepare(sql);
        statements.set(sql, statement);
      }
      return statement;
    },
  };
}

/** Statements worth preparing: data, not schema changes. */
const PREPARABLE = /^\s*(select|insert|update|delete|with)\b/i;

/**
 * PostgreSQL: Kysely sends every statement unnamed, so the server parses and
 * plans it on every call. Naming a statement after its text lets each pooled
 * connection prepare it once, then only bind and execute it (the Manifesto's
 * signature: +35 % requests per second, docs/benchmarks.md). Data statements
 * only, never DDL. A statement the server will not reuse after a schema
 * change (« cached plan must not change result type ») is run again unnamed
 * and never named again. DATABASE_PREPARE=false turns it off (PgBouncer in
 * transaction mode before 1.21 cannot keep prepared statements).
 */
function withPreparedStatements(pool: pg.Pool): void {
  const refused = new Set<string>();
  pool.on('connect', (client) => {
    const plain = client.query.bind(client) as (...args: unknown[]) => unknown;
    const named = async (text: string, values: unknown[]) => {
      const name = `vigie_${createHash('sha1').update(text).digest('base64url').slice(0, 24)}`;
      try {
        return await (plain({ name, text, values }) as Promise<unknown>);
      } catch (error) {
        if ((error as { code?: string }).code !== '0A000') throw error;
        refused.add(text);
        return plain(text, values);
      }
    };
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      const [text, values] = args;
      if (
        args.length === 2 &&
        typeof text === 'string' &&
        Array.isArray(values) &&
        text.length <= 16_384 &&
        PREPARABLE.test(text) &&
        !refused.has(text)
      ) {
        return named(text, values);
      }
      return plain(...args);
    };
  });
}

/**
 * The database holds the register: owner-only. Its folder is created 0700 and
 * the file 0600 before SQLite opens it; SQLite gives its -wal and -shm files
 * the database file's permissions. A file left readable by an older version is
 * narrowed, when this process owns it.
 */
function ensurePrivateFile(file: string): void {
  const dir = path.dirname(file);
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      const stat = statSync(f);
      if ((stat.mode & 0o077) !== 0 && stat.uid === process.getuid?.()) chmodSync(f, 0o600);
    } catch {
      // Absent (-wal, -shm before the first write): created with the file's mode.
    }
  }
}

/**
 * SQLite transactions take the write lock when they begin (`begin immediate`),
 * waiting for it up to busy_timeout. Kysely's plain `begin` takes it at the
 * first write instead: if another process (a `vigie` command beside the
 * server) committed in between, SQLite refuses at once (SQLITE_BUSY_SNAPSHOT),
 * without waiting.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

export interface OpenOptions {
  /**
   * SQLite file only: checkpoint the write-ahead log from a worker thread
   * (src/db/checkpointer.ts). The web server asks for it; short commands and
   * tests do not need it.
   */
  backgroundCheckpoint?: boolean;
}

export function openDatabase(config: DatabaseConfig, options: OpenOptions = {}): DatabaseHandle {
  if (config.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: config.url, max: 10 });
    if (config.prepare !== false) withPreparedStatements(pool);
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgres', destroy: () => db.destroy() };
  }
  if (config.file !== ':memory:') ensurePrivateFile(config.file);
  const sqlite = new SqliteDatabase(config.file);
  // WAL lets the web server read while a write is in progress; foreign keys are
  // off by default in SQLite and we rely on them as PostgreSQL does.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: withStatementCache(sqlite) }) });
  if (!options.backgroundCheckpoint || config.file === ':memory:')
    return { db, kind: 'sqlite', destroy: () => db.destroy() };
  sqlite.pragma(`wal_autocheckpoint = ${FALLBACK_AUTOCHECKPOINT_PAGES}`);
  // Once the log is checkpointed and restarted, keep its file small.
  sqlite.pragma('journal_size_limit = 67108864');
  const checkpointer = startCheckpointer(config.file, (message) => {
    // The worker failed: the main connection checkpoints as SQLite does by default.
    process.emitWarning(`SQLite checkpointer: ${message}`);
    if (sqlite.open) sqlite.pragma('wal_autocheckpoint = 1000');
  });
  return {
    db,
    kind: 'sqlite',
    destroy: async () => {
      await checkpointer.stop();
      await db.destroy();
    },
  };
}
