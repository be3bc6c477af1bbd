import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import { loadOrCreateKey } from './lib/vault.js';
import type { CliContext } from './cli/context.js';
import type { AppConfig } from './config.js';
import { issueSetupTokenIfEmpty } from './modules/auth/auth.service.js';

/** `vigie serve`: runs until stopped (exit code -1: keep the process alive). */
export async function serveCommand(ctx: CliContext): Promise<number> {
  await startServer(ctx.config);
  return -1;
}

/** Listens, prints the setup link on an empty instance, runs the scheduled jobs (mail included), stops cleanly. */
export async function startServer(config: AppConfig): Promise<FastifyInstance> {
  const key = loadOrCreateKey(config.encryptionKey, config.dataDir);
  if (key.created) {
    process.stdout.write(
      `\n  La clé de chiffrement des identités vient d'être créée : ${key.source}\n` +
        '  Sauvegardez-la avec la base de données (« vigie backup FICHIER ») :\n' +
        '  sans elle, les identités des demandeurs ne peuvent plus être lues.\n',
    );
  }
  const app = await buildApp(config);
  await app.listen({ host: config.host, port: config.port });
  const base = config.publicUrl;
  for (const warning of config.warnings ?? []) process.stderr.write(`\n  Attention : ${warning}\n`);

  const token = await issueSetupTokenIfEmpty(app.db);
  if (token) {
    // Printed on the console only: whoever can read the server's console may
    // claim the instance; nobody else can.
    process.stdout.write(
      `\n  Vigie est prêt, mais aucun compte n'existe encore.\n  Créez le premier compte administrateur avec ce lien (valable une fois) :\n\n    ${base}/installation?jeton=${token}\n\n`,
    );
  } else {
    process.stdout.write(`\n  Vigie écoute sur ${base}\n\n`);
  }
  if (!app.mailer.enabled) app.log.warn('SMTP_URL is not set: e-mails stay in the outbox (/admin/courriels)');

  // Scheduled work (src/jobs.ts): the outbox every 15 s, purges, reminders…
  // Each period runs once even with several processes on one database.
  app.scheduler.start(5_000);

  const stop = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  return app;
}
