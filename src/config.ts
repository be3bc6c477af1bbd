/**
 * Every setting Vigie reads (environment and `.env`), checked in one place with French errors.
 * Over 300 lines because each variable's parsing and message sit together; split by area if it grows.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { fileURLToPath } from 'node:url';
import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';

/**
 * Configuration is read once from the environment, validated with Zod, and the
 * process refuses to start on a bad value. Every variable is documented in
 * `.env.example`.
 */
const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'true ou false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const integer = (min: number, max: number) =>
  z.coerce
    .number({ error: `un nombre entier entre ${min} et ${max}` })
    .int({ error: `un nombre entier entre ${min} et ${max}` })
    .min(min, { error: `un nombre entier entre ${min} et ${max}` })
    .max(max, { error: `un nombre entier entre ${min} et ${max}` });

const envSchema = z.object({
  NODE_ENV: z
    .enum(['development', 'production', 'test'], { error: 'development, production ou test' })
    .default('development'),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: integer(0, 65535).default(3000),
  PUBLIC_URL: z
    .url({
      protocol: /^https?$/,
      error: 'doit être une adresse http:// ou https:// complète (ex. https://vigie.exemple.be)',
    })
    .optional(),
  DATA_DIR: z.string().min(1).optional(),
  DATABASE_URL: z.string().min(1).optional(),
  ENCRYPTION_KEY: z
    .string()
    .regex(/^[A-Za-z0-9+/]{43}=$/, '32 octets encodés en base64 (44 caractères, ex. openssl rand -base64 32)')
    .optional(),
  COOKIE_SECRET: z.string().min(32, { error: 'au moins 32 caractères' }).optional(),
  COOKIE_SECURE: booleanFromEnv.optional(),
  SESSION_IDLE_MINUTES: integer(5, 24 * 60).default(120),
  SESSION_MAX_HOURS: integer(1, 24 * 30).default(12),
  LOGIN_RATE_LIMIT: integer(1, 1_000_000).default(10),
  SIGNUP_MIN_SECONDS: integer(0, 600).default(3),
  SIGNUP_IP_LIMIT: integer(1, 1_000_000).default(20),
  SIGNUP_ADDRESS_LIMIT: integer(1, 1_000_000).default(3),
  PUBLIC_CACHE_SECONDS: integer(0, 3600).default(1),
  RETENTION_IDENTITY_DAYS: integer(1, 36_500).default(365),
  RETENTION_UNSUBSCRIBED_DAYS: integer(0, 36_500).default(30),
  RETENTION_MAIL_BODY_DAYS: integer(0, 36_500).default(30),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, { error: 'doit commencer par smtp:// ou smtps://' })
    .optional(),
  MAIL_FROM: z
    .string()
    .min(3, { error: 'au moins 3 caractères, ex. Vigie <vigie@exemple.be>' })
    .default('Vigie <vigie@localhost>'),
  ORGANISATION_NAME: z.string().min(1).default('Comité de Vigilance en Travail Social'),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'fatal, error, warn, info, debug, trace ou silent',
    })
    .default('info'),
  TRUST_PROXY: z.string().optional(),
  DATABASE_PREPARE: booleanFromEnv.optional(),
  SOURCE_URL: z
    .url({ protocol: /^https?$/, error: 'une adresse complète, ex. https://forge.exemple.be/vigie' })
    .optional(),
});

/** Variables whose value may hold a secret: never echoed in an error message. */
const SECRET_VARIABLES = new Set(['ENCRYPTION_KEY', 'COOKIE_SECRET', 'SMTP_URL', 'DATABASE_URL']);

/**
 * The folder Vigie is installed in (the one holding package.json): this file is
 * `src/config.ts` or its compiled `dist/config.js`, one level below. `.env`,
 * the default data folder and relative paths are found from here, whatever
 * the current directory (systemd, cron, another shell).
 */
export const INSTALL_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * TRUST_PROXY: which reverse proxies may say who the visitor is
 * (X-Forwarded-For, -Proto, -Host). Unset: nobody, the connecting address is
 * the visitor's. A number: that many proxies in front. Otherwise a
 * comma-separated list of addresses, CIDR ranges or the names loopback,
 * linklocal, uniquelocal. « true » (everyone) is refused: any visitor could
 * then choose their own address and escape the rate limits.
 */
export function parseTrustProxy(raw: string | undefined): false | number | string[] {
  if (raw === undefined || raw.trim() === '' || /^(false|0|no)$/i.test(raw.trim())) return false;
  const value = raw.trim();
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops > 10) throw new ConfigError('TRUST_PROXY : 10 proxys au plus.');
    return hops;
  }
  if (/^(true|yes|\*)$/i.test(value)) {
    throw new ConfigError(
      'TRUST_PROXY : indiquez l’adresse du proxy (ex. 127.0.0.1 ou loopback) ou leur nombre, pas « true » : tout visiteur pourrait sinon choisir son adresse.',
    );
  }
  const entries = value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const [address, bits, extra] = entry.split('/');
    const family = isIP(address ?? '');
    const validBits = bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (family === 6 ? 128 : 32));
    if (!PROXY_NAMES.has(entry) && (family === 0 || !validBits || extra !== undefined)) {
      throw new ConfigError(
        `TRUST_PROXY : « ${entry} » n’est ni une adresse IP, ni une plage (10.0.0.0/8), ni loopback, linklocal ou uniquelocal.`,
      );
    }
  }
  return entries;
}

export type DatabaseConfig =
  | { kind: 'sqlite'; file: string }
  /** `prepare: false` (DATABASE_PREPARE=false): never name statements (PgBouncer in transaction mode before 1.21). */
  | { kind: 'postgres'; url: string; prepare?: boolean };

export interface AppConfig {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  /**
   * The site's address in e-mailed links and shared URLs: PUBLIC_URL, or fixed
   * once at start from HOST/PORT. Never built from a request's Host header,
   * which any visitor chooses (a reset link pointing at their server).
   */
  publicUrl: string;
  /** Said in French on the console at start (e.g. PUBLIC_URL guessed from HOST/PORT). */
  warnings?: string[];
  dataDir: string;
  database: DatabaseConfig;
  /** Base64 key for the identity vault; undefined means "use or create the key file". */
  encryptionKey: string | undefined;
  cookieSecret: string | undefined;
  cookieSecure: boolean;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  loginRateLimit: number;
  /** A public sign-up form sent back faster than this is quarantined. */
  signupMinSeconds: number;
  /** Public sign-ups (signatures, subscriptions) allowed per IP address per hour, and per e-mail address per day. */
  signupIpLimit: number;
  signupAddressLimit: number;
  smtpUrl: string | undefined;
  mailFrom: string;
  organisationName: string;
  logLevel: string;
  /** Reverse proxies trusted to give the visitor's address (TRUST_PROXY). */
  trustProxy: false | number | string[];
  /** Where the « Code source » link of every page leads (AGPL §13): SOURCE_URL, or the copy this server offers. */
  sourceUrl: string;
  /** Lifetime of the busiest public pages in the cache (PUBLIC_CACHE_SECONDS; 1 when absent, 0 = off). */
  publicCacheSeconds?: number;
  /** Delays of the daily retention job (src/modules/retention/README.md, docs/operations.md). */
  retention: RetentionDelays;
}

export interface RetentionDelays {
  /** Days after a request is closed before its requester's identity is erased (RETENTION_IDENTITY_DAYS). */
  identityDays: number;
  /** Days after an unsubscription before the address is reduced to a proof (RETENTION_UNSUBSCRIBED_DAYS). */
  unsubscribedDays: number;
  /** Days after sending before an e-mail's content is emptied (RETENTION_MAIL_BODY_DAYS). */
  mailBodyDays: number;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** A relative SQLite path or DATABASE_URL file is resolved against the install folder. */
function parseDatabaseUrl(raw: string | undefined, dataDir: string, base = INSTALL_DIR): DatabaseConfig {
  if (!raw) return { kind: 'sqlite', file: path.resolve(base, dataDir, 'vigie.sqlite') };
  if (/^postgres(ql)?:\/\//.test(raw)) return { kind: 'postgres', url: raw };
  if (raw.startsWith('file:')) {
    const file = raw.slice('file:'.length).replace(/^\/\/(?=\/)/, '');
    if (!file) throw new ConfigError('DATABASE_URL: chemin de fichier SQLite vide.');
    return { kind: 'sqlite', file: file === ':memory:' ? file : path.resolve(base, file) };
  }
  if (/^[a-z]+:\/\//i.test(raw)) {
    throw new ConfigError(
      `DATABASE_URL: type de base non pris en charge (« ${raw.split(':')[0]} »). Utilisez un chemin de fichier SQLite ou postgres://…`,
    );
  }
  return { kind: 'sqlite', file: raw === ':memory:' ? raw : path.resolve(base, raw) };
}

function withPrepare(database: DatabaseConfig, prepare: boolean | undefined): DatabaseConfig {
  return database.kind === 'postgres' && prepare === false ? { ...database, prepare: false } : database;
}

/** One line per invalid variable, in French, naming it (and its value unless it may be secret). */
function describeIssues(issues: readonly z.core.$ZodIssue[], env: Record<string, string>): string[] {
  return issues.map((issue) => {
    const name = String(issue.path[0] ?? '?');
    const value = env[name];
    const shown = value === undefined || SECRET_VARIABLES.has(name) ? '' : ` (valeur lue : « ${value} »)`;
    const message = issue.code === 'too_small' && issue.origin === 'string' ? 'ne peut pas être vide' : issue.message;
    return `  ${name} : ${message}${shown}`;
  });
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const values = stripEmpty(env);
  const parsed = envSchema.safeParse(values);
  if (!parsed.success) {
    throw new ConfigError(`Configuration invalide :\n${describeIssues(parsed.error.issues, values).join('\n')}`);
  }
  const e = parsed.data;
  const site = resolvePublicUrl(e);
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    publicUrl: site.url,
    ...(site.warning ? { warnings: [site.warning] } : {}),
    dataDir: path.resolve(INSTALL_DIR, e.DATA_DIR ?? 'data'),
    database: withPrepare(parseDatabaseUrl(e.DATABASE_URL, e.DATA_DIR ?? 'data'), e.DATABASE_PREPARE),
    encryptionKey: e.ENCRYPTION_KEY,
    cookieSecret: e.COOKIE_SECRET,
    cookieSecure: e.COOKIE_SECURE ?? Boolean(e.PUBLIC_URL?.startsWith('https://')),
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    sessionMaxHours: e.SESSION_MAX_HOURS,
    loginRateLimit: e.LOGIN_RATE_LIMIT,
    signupMinSeconds: e.SIGNUP_MIN_SECONDS,
    signupIpLimit: e.SIGNUP_IP_LIMIT,
    signupAddressLimit: e.SIGNUP_ADDRESS_LIMIT,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    organisationName: e.ORGANISATION_NAME,
    logLevel: e.LOG_LEVEL,
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    sourceUrl: e.SOURCE_URL ?? '/code-source',
    publicCacheSeconds: e.PUBLIC_CACHE_SECONDS,
    retention: {
      identityDays: e.RETENTION_IDENTITY_DAYS,
      unsubscribedDays: e.RETENTION_UNSUBSCRIBED_DAYS,
      mailBodyDays: e.RETENTION_MAIL_BODY_DAYS,
    },
  };
}

/**
 * PUBLIC_URL is required as soon as mail can leave (SMTP_URL set, or
 * NODE_ENV=production): a link in an e-mail must point at the real site.
 * Otherwise (a laptop, a test) it is fixed from HOST/PORT, with a warning.
 */
function resolvePublicUrl(e: {
  NODE_ENV: string;
  HOST: string;
  PORT: number;
  PUBLIC_URL?: string | undefined;
  SMTP_URL?: string | undefined;
}): { url: string; warning?: string } {
  if (e.PUBLIC_URL) return { url: e.PUBLIC_URL.replace(/\/+$/, '') };
  if (e.SMTP_URL || e.NODE_ENV === 'production') {
    throw new ConfigError(
      `Configuration invalide :\n  PUBLIC_URL : obligatoire ${e.SMTP_URL ? 'quand SMTP_URL est défini' : 'en production (NODE_ENV=production)'} ; c’est l’adresse du site dans les liens envoyés par e-mail (ex. https://vigie.exemple.be).`,
    );
  }
  const host = e.HOST === '0.0.0.0' || e.HOST === '::' ? 'localhost' : e.HOST;
  const url = `http://${isIP(host) === 6 ? `[${host}]` : host}${e.PORT === 80 ? '' : `:${e.PORT}`}`;
  return {
    url,
    warning: `PUBLIC_URL n’est pas défini : les liens des e-mails pointeront vers ${url}. Définissez PUBLIC_URL (ex. https://vigie.exemple.be) avant d’envoyer des e-mails.`,
  };
}

/** An empty variable (`FOO=`) means "not set", as in most twelve-factor apps. */
function stripEmpty(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && v !== '') out[k] = v;
  return out;
}

/**
 * Reads `.env` from the install folder (or `file`), as the ecosystem writes it:
 * comments, quotes, `export` prefixes, multi-line quoted values (Node's own
 * parser). The real environment wins. Returns the file read, if any.
 */
export function loadDotEnv(file = path.join(INSTALL_DIR, '.env')): string | null {
  if (!existsSync(file)) return null;
  let values: NodeJS.Dict<string>;
  try {
    values = parseEnv(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`${file} illisible : ${error instanceof Error ? error.message : String(error)}`);
  }
  for (const [key, value] of Object.entries(values))
    if (value !== undefined && process.env[key] === undefined) process.env[key] = value;
  return file;
}
