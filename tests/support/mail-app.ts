import { after, before } from 'node:test';
import type { AppConfig } from '../../src/config.js';
import { publishManifesto } from '../factories/index.js';
import { createTestApp, type TestContext } from '../setup/app.js';
import { startSmtp, type SmtpListener } from './smtp.js';

/**
 * The setup the public forms' tests share: a test app whose mail goes to a real SMTP listener, no
 * minimum time to fill a form (the defences have their own tests), and, when asked, the Manifesto
 * published. Call it inside a `describe`: its `before` and `after` start and stop both; read `ctx` and
 * `smtp` in the tests.
 */
export function useMailApp(options: { config?: Partial<AppConfig>; manifesto?: boolean } = {}): {
  readonly ctx: TestContext;
  readonly smtp: SmtpListener;
} {
  let ctx: TestContext | undefined;
  let smtp: SmtpListener | undefined;
  before(async () => {
    smtp = await startSmtp();
    ctx = await createTestApp({ smtpUrl: smtp.url, signupMinSeconds: 0, ...options.config });
    if (options.manifesto) await publishManifesto(ctx.db);
  });
  after(async () => {
    await ctx?.close();
    await smtp?.close();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('useMailApp: read ctx and smtp in a test, after the before hook');
    return value;
  };
  return {
    get ctx() {
      return started(ctx);
    },
    get smtp() {
      return started(smtp);
    },
  };
}
