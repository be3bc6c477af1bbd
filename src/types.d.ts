import type { AppConfig } from './config.js';
import type { Db } from './db/index.js';
import type { Vault } from './lib/vault.js';
import type { MailSender } from './modules/mail/mail.service.js';
import type { Antibot } from './modules/antibot/antibot.service.js';
import type { Scheduler } from './modules/jobs/jobs.service.js';
import type { RateStore } from './modules/rate-limit/rate-limit.service.js';
import type { PublicCache } from './web/microcache.js';
import type { Access, CurrentUser } from './web/access.js';
import type { Organisation, OrganisationStore } from './modules/setup/setup.organisation.service.js';

declare module 'fastify' {
  interface FastifyInstance {
    config: AppConfig;
    db: Db;
    dbKind: 'sqlite' | 'postgres';
    vault: Vault;
    mailer: MailSender;
    /** Where rate limits count (memory with SQLite, the database with PostgreSQL): src/modules/rate-limit/README.md. */
    rateStore: RateStore;
    /** The short cache of the busiest public pages, cleared in every process (src/web/microcache.ts). */
    publicCache: PublicCache;
    /** Shared defences of every public sign-up form (honeypot, timing, proof of work, rate limits). */
    antibot: Antibot;
    /** Scheduled work (src/jobs.ts): started by the server, ticked by hand in tests. */
    scheduler: Scheduler;
    /** Every route registered, with its declared access (for the authorisation tests). */
    routeAccess: Array<{ method: string; url: string; access: Access }>;
    /** Now, for time-based codes and scheduled work (BuildOptions.clock in tests). */
    clock: () => Date;
    /** The organisation's name and its « du / de la » form, from the settings (cached). */
    organisation: OrganisationStore;
  }
  interface FastifyRequest {
    currentUser: CurrentUser | null;
    /** Read before the route runs, so views can show it synchronously. */
    organisation: Organisation | null;
  }
  interface FastifyContextConfig {
    access?: Access;
    /** JSON API: errors are answered as JSON; no CSRF (no cookie-authenticated state change). */
    api?: boolean;
    /** Open to a signed-in person who must first enrol a second factor (their role requires one). */
    enrolment?: boolean;
  }
}
