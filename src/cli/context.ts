import type { AppConfig } from '../config.js';
import type { Db } from '../db/index.js';

/** Where a command writes: stdout for results, stderr for progress and errors. */
export interface CliOutput {
  out: (chunk: string | Buffer) => void;
  err: (text: string) => void;
}

/** What a command receives once its arguments are checked and its database opened. */
export interface CliContext {
  config: AppConfig;
  /** Options as parsed by `node:util` parseArgs (strict), checked against their allowed values. */
  values: Readonly<Record<string, string | boolean | (string | boolean)[] | undefined>>;
  positionals: readonly string[];
  /** The configured database, migrated; absent for commands declared `database: 'none'`. */
  db: Db | undefined;
  io: CliOutput;
}

/** A command's body: returns the exit code (0 success, 1 failure, 2 wrong usage); -1 keeps running (serve). */
export type CliRun = (ctx: CliContext) => Promise<number>;

/** A mistake in how the command was called: French message on stderr, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** The command ran but could not do its work (file unreadable, database missing…): exit code 1. */
export class CommandError extends Error {
  override readonly name = 'CommandError';
}

export function requireDb(ctx: CliContext): Db {
  if (!ctx.db) throw new Error('this command was declared without a database');
  return ctx.db;
}

export function stringValue(ctx: CliContext, name: string): string | undefined {
  const value = ctx.values[name];
  return typeof value === 'string' ? value : undefined;
}
