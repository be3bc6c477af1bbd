import type { ServerTimeouts } from '../../src/web/limits.js';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { loadConfig, type AppConfig } from '../../src/config.js';
import { buildApp } from '../../src/app.js';
import { openDatabase, type Db } from '../../src/db/index.js';
import { createTestDatabase, TMP_DIR, type TestDatabase } from './databases.js';

export const TEST_KEY = Buffer.alloc(32, 7).toString('base64');

/**
 * The configuration tests run with: parsed by `loadConfig` like the real one (so
 * a new setting gets its default here too), then the test's overrides.
 */
export function testConfig(
  overrides: Partial<AppConfig> = {},
  database: AppConfig['database'] = { kind: 'sqlite', file: ':memory:' },
): AppConfig {
  const config = loadConfig({
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    PUBLIC_URL: 'http://vigie.test',
    ENCRYPTION_KEY: TEST_KEY,
    COOKIE_SECRET: 'test-cookie-secret-test-cookie-secret-0123',
    COOKIE_SECURE: 'false',
    LOGIN_RATE_LIMIT: '1000',
    SIGNUP_IP_LIMIT: '10',
    MAIL_FROM: 'Vigie <vigie@test.invalid>',
    ORGANISATION_NAME: 'Comité de test',
    LOG_LEVEL: 'info',
    // No page served from the short public cache unless a test asks for it
    // (src/web/microcache.test.ts): a test must not depend on how fast it runs.
    PUBLIC_CACHE_SECONDS: '0',
  });
  return { ...config, dataDir: TMP_DIR, database, ...overrides };
}

export interface TestContext {
  app: FastifyInstance;
  db: Db;
  /** Every log line the app wrote, for the "nothing identifying in logs" checks. */
  logs: string[];
  engine: string;
  close(): Promise<void>;
}

/** A real app on its own real database (SQLite file or PostgreSQL, per TEST_DB). */
export async function createTestApp(
  overrides: Partial<AppConfig> = {},
  options: { clock?: () => Date; timeouts?: ServerTimeouts } = {},
): Promise<TestContext> {
  const testDb: TestDatabase = await createTestDatabase();
  const handle = openDatabase(testDb.config);
  const logs: string[] = [];
  const logStream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      logs.push(chunk.toString('utf8'));
      cb();
    },
  });
  const app = await buildApp(testConfig(overrides, testDb.config), {
    database: handle,
    logStream,
    migrate: false,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.timeouts ? { timeouts: options.timeouts } : {}),
  });
  await app.ready();
  return {
    app,
    db: handle.db,
    logs,
    engine: handle.kind,
    close: async () => {
      await app.close();
      await handle.destroy();
      await testDb.drop();
    },
  };
}
