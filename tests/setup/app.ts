import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { AppConfig } from '../../src/config.js';
import { buildApp } from '../../src/app.js';
import { openDatabase, type Db } from '../../src/db/index.js';
import { createTestDatabase, TMP_DIR, type TestDatabase } from './databases.js';

export const TEST_KEY = Buffer.alloc(32, 7).toString('base64');

export function testConfig(
  overrides: Partial<AppConfig> = {},
  database: AppConfig['database'] = { kind: 'sqlite', file: ':memory:' },
): AppConfig {
  return {
    env: 'test',
    host: '127.0.0.1',
    port: 0,
    publicUrl: 'http://vigie.test',
    dataDir: TMP_DIR,
    database,
    encryptionKey: TEST_KEY,
    cookieSecret: 'test-cookie-secret-test-cookie-secret-0123',
    cookieSecure: false,
    sessionIdleMinutes: 120,
    sessionMaxHours: 12,
    loginRateLimit: 1000,
    signupMinSeconds: 3,
    signupIpLimit: 10,
    signupAddressLimit: 3,
    smtpUrl: undefined,
    mailFrom: 'Vigie <vigie@test.invalid>',
    organisationName: 'Comité de test',
    logLevel: 'info',
    trustProxy: false,
    // No page served from the short public cache unless a test asks for it
    // (src/web/microcache.test.ts): a test must not depend on how fast it runs.
    publicCacheSeconds: 0,
    ...overrides,
  };
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
export async function createTestApp(overrides: Partial<AppConfig> = {}): Promise<TestContext> {
  const testDb: TestDatabase = await createTestDatabase();
  const handle = openDatabase(testDb.config);
  const logs: string[] = [];
  const logStream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      logs.push(chunk.toString('utf8'));
      cb();
    },
  });
  const app = await buildApp(testConfig(overrides, testDb.config), { database: handle, logStream, migrate: false });
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
