import { parseArgs } from 'node:util';
import { COMMANDS, commandHelp, globalHelp, optionList, type CommandSpec } from './cli/commands.js';
import type { AppConfig } from './config.js';
import { CommandError, UsageError, type CliContext, type CliOutput } from './cli/context.js';

/**
 * The `vigie` command. Loads only what the command needs: the table of
 * commands is light, configuration and database come after the arguments are
 * checked, and each command imports its own code (`vigie --help` does nothing
 * else than print).
 */
const STD: CliOutput = { out: (c) => process.stdout.write(c), err: (t) => process.stderr.write(t) };

const HELP_FLAGS = new Set(['-h', '--help']);

/** The command named by the first words of argv (the longest match), and the rest. */
function findCommand(argv: readonly string[]): { spec: CommandSpec; rest: string[] } | null {
  let best: CommandSpec | null = null;
  for (const spec of COMMANDS) {
    if (spec.path.every((word, i) => argv[i] === word) && (!best || spec.path.length > best.path.length)) best = spec;
  }
  return best ? { spec: best, rest: argv.slice(best.path.length) } : null;
}

/** Help asked anywhere before a `--`: the help of what was named, and nothing else is done. */
function helpAsked(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).some((a) => HELP_FLAGS.has(a));
}

function groupHelp(word: string): string | null {
  const specs = COMMANDS.filter((c) => c.path[0] === word);
  if (specs.length === 0) return null;
  return [
    `Commandes « ${word} » :`,
    ...specs.map((s) => `  vigie ${[...s.path, s.args].filter(Boolean).join(' ')} — ${s.summary}`),
    '',
    `« vigie ${word} <…> --help » détaille une commande.`,
  ].join('\n');
}

function unknownCommand(argv: readonly string[]): UsageError {
  const word = argv[0] ?? '';
  const group = COMMANDS.filter((c) => c.path[0] === word && c.path.length > 1);
  if (group.length) {
    const subs = group.map((c) => c.path.slice(1).join(' '));
    const given = argv[1] === undefined ? 'sous-commande manquante' : `sous-commande inconnue « ${argv[1]} »`;
    return new UsageError(`${word} : ${given} (possibles : ${subs.join(', ')}).`);
  }
  const names = [...new Set(COMMANDS.map((c) => c.path[0]))].join(', ');
  return new UsageError(`commande inconnue « ${word} » (commandes : ${names}). Tapez « vigie --help ».`);
}

/** Strict parsing: an unknown option, a missing value or a value outside the allowed ones is refused in French. */
function parseCommandArgs(spec: CommandSpec, rest: string[]): Pick<CliContext, 'values' | 'positionals'> {
  const name = `vigie ${spec.path.join(' ')}`;
  const options = Object.fromEntries(
    Object.entries(spec.options).map(([k, o]) => [k, { type: o.type, ...(o.multiple ? { multiple: true } : {}) }]),
  );
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options, allowPositionals: true, strict: true });
  } catch (error) {
    const code = (error as { code?: string }).code;
    const flag = /'(-{1,2}[^'\s]+)/.exec(error instanceof Error ? error.message : '')?.[1] ?? '';
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION')
      throw new UsageError(`${name} : option inconnue « ${flag} ». Options : ${optionList(spec)}.`);
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      const option = spec.options[flag.replace(/^-+/, '')];
      throw new UsageError(
        option?.type === 'boolean'
          ? `${name} : ${flag} ne prend pas de valeur.`
          : `${name} : ${flag} demande une valeur (${option?.choices?.join(', ') ?? option?.value ?? 'VALEUR'}).`,
      );
    }
    throw new UsageError(`${name} : ${error instanceof Error ? error.message : String(error)}`);
  }
  for (const [key, option] of Object.entries(spec.options)) {
    const value = parsed.values[key];
    if (option.choices && typeof value === 'string' && !option.choices.includes(value))
      throw new UsageError(
        `${name} : --${key} « ${value} » n’est pas possible (valeurs : ${option.choices.join(', ')}).`,
      );
  }
  const count = parsed.positionals.length;
  if (count < spec.positionals.min || count > spec.positionals.max) {
    const expected = spec.args ? `attendu : ${spec.args}` : 'aucun argument attendu';
    throw new UsageError(
      `${name} : ${count < spec.positionals.min ? 'argument manquant' : `argument en trop « ${parsed.positionals[spec.positionals.max] ?? ''} »`} (${expected}).`,
    );
  }
  return { values: parsed.values, positionals: parsed.positionals };
}

async function configFromEnvironment(): Promise<AppConfig> {
  const { loadConfig, loadDotEnv } = await import('./config.js');
  loadDotEnv();
  return loadConfig();
}

export interface RunOptions {
  /** Tests run a command in-process on their own configuration instead of the environment's. */
  config?: AppConfig;
}

export async function runCli(argv: string[], io: CliOutput = STD, options: RunOptions = {}): Promise<number> {
  try {
    if (argv.length === 0) {
      io.err(`${globalHelp()}\n`);
      return 2;
    }
    const found = findCommand(argv);
    if (helpAsked(argv) || argv[0] === 'help') {
      const target = argv[0] === 'help' ? findCommand(argv.slice(1)) : found;
      const word = argv[0] === 'help' ? argv[1] : argv[0];
      const text = target ? commandHelp(target.spec) : ((word && groupHelp(word)) ?? globalHelp());
      io.out(`${text}\n`);
      return 0;
    }
    if (!found) throw unknownCommand(argv);
    const { spec, rest } = found;
    const args = parseCommandArgs(spec, rest);

    // Everything Vigie writes (database, key, backups, reports) is for its owner only.
    process.umask(0o077);
    const config = options.config ?? (await configFromEnvironment());
    if (spec.database === 'none') return await spec.run({ config, ...args, db: undefined, io });
    const { withCliDatabase } = await import('./cli/database.js');
    return await withCliDatabase(config, spec.database, (db) => spec.run({ config, ...args, db, io }));
  } catch (error) {
    if (error instanceof UsageError || (error instanceof Error && error.name === 'ConfigError')) {
      io.err(`vigie : ${error.message}\n`);
      return 2;
    }
    if (error instanceof CommandError || (error instanceof Error && error.name === 'DemoRefusedError')) {
      io.err(`vigie : ${error.message}\n`);
      return 1;
    }
    io.err(`vigie : erreur : ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
