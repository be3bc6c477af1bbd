/**
 * The composition root: plugins, hooks and every module's routes, in the order they must run.
 * Over 300 lines on purpose: splitting it would hide that order, which access control relies on.
 */
import { instanceRoutes } from './modules/instance/instance.routes.js';
import { createHmac } from 'node:crypto';
import type { Writable } from 'node:stream';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import fastifyRateLimit from '@fastify/rate-limit';
import { DEFAULT_BODY_LIMIT, PUBLIC_FORM_BODY_LIMIT, SERVER_TIMEOUTS, type ServerTimeouts } from './web/limits.js';
import Fastify, { LogController, type FastifyError, type FastifyInstance, type FastifyRequest } from 'fastify';
import type { AppConfig } from './config.js';
import { openDatabase, type DatabaseHandle } from './db/index.js';
import { migrateToLatest } from './db/migrate.js';
import { oneProcessAtATime } from './db/startup-lock.js';
import { loadOrCreateKey, Vault } from './lib/vault.js';
import { securityHeaders } from './web/security-headers.js';
import { removeNul } from './web/nul.js';
import { canAccess } from './web/access.js';
import { authRoutes, SESSION_COOKIE } from './modules/auth/auth.routes.js';
import { heldFormHook, holdAfterCsrfCheck } from './modules/auth/auth.held-forms.js';
import { sessionKeepingRoutes } from './modules/auth/auth.session-keeping.routes.js';
import { resolveSession } from './modules/auth/auth.service.js';
import { usersRoutes } from './modules/auth/auth.users.routes.js';
import { secondFactorAdminRoutes } from './modules/auth/auth.second-factor.admin.routes.js';
import { secondFactorRoutes } from './modules/auth/auth.second-factor.routes.js';
import { auditRoutes } from './modules/audit/audit.routes.js';
import { auditBoardRoutes } from './modules/audit/audit.board.routes.js';
import { guideAdminRoutes } from './modules/guide/guide.admin.routes.js';
import { guideRoutes } from './modules/guide/guide.public.routes.js';
import { ensureGuideContent } from './modules/guide/guide.versions.service.js';
import { homeRoutes } from './modules/home/home.public.routes.js';
import { boardHomeRoutes } from './modules/home/home.admin.routes.js';
import { mailRoutes } from './modules/mail/mail.routes.js';
import { figuresRoutes } from './modules/figures/figures.routes.js';
import { importsRoutes } from './modules/imports/imports.routes.js';
import { MailSender } from './modules/mail/mail.service.js';
import { Antibot } from './modules/antibot/antibot.service.js';
import { fastifyRateLimitStore } from './modules/rate-limit/rate-limit.fastify.js';
import { MemoryRateStore } from './modules/rate-limit/rate-limit.memory.js';
import type { RateStore } from './modules/rate-limit/rate-limit.service.js';
import { DatabaseRateStore } from './modules/rate-limit/rate-limit.queries.js';
import { reportsRoutes } from './modules/reports/reports.routes.js';
import { manifestoAdminRoutes } from './modules/manifesto/manifesto.admin.routes.js';
import { manifestoRoutes } from './modules/manifesto/manifesto.public.routes.js';
import { newsletterIssuesRoutes } from './modules/newsletter/newsletter.issues.routes.js';
import { newsletterAdminRoutes } from './modules/newsletter/newsletter.admin.routes.js';
import { newsletterRoutes } from './modules/newsletter/newsletter.public.routes.js';
import { requestsRoutes } from './modules/requests/requests.routes.js';
import { taxonomyRoutes } from './modules/taxonomy/taxonomy.routes.js';
import { ensureDefaultTaxonomy } from './modules/taxonomy/taxonomy.service.js';
import { loadOrganisation, OrganisationStore } from './modules/setup/setup.organisation.service.js';
import { setupRoutes } from './modules/setup/setup.admin.routes.js';
import { membersRoutes } from './modules/members/members.routes.js';
import { peopleRoutes } from './modules/people/people.routes.js';
import { siteAdminRoutes } from './modules/site/site.admin.routes.js';
import { sitePublicRoutes } from './modules/site/site.public.routes.js';
import { installVisitCounter } from './modules/stats/stats.counter.service.js';
import { statsRoutes } from './modules/stats/stats.routes.js';
import { getAsset } from './web/assets.js';
import { PublicCache } from './web/microcache.js';
import { typesetFrenchPage } from './web/typeset.js';
import { openNotifier } from './db/notify.js';
import { handleError, sendError } from './web/error-pages.js';
import { scheduledJobs } from './jobs.js';
import { meetingItemsRoutes } from './modules/meetings/meetings.items.routes.js';
import { meetingsRoutes } from './modules/meetings/meetings.routes.js';
import { dashboardRoutes } from './modules/dashboard/dashboard.routes.js';
import { noticesRoutes } from './modules/notices/notices.routes.js';
import { privacyRoutes } from './modules/privacy/privacy.public.routes.js';
import { rotaRoutes } from './modules/rota/rota.routes.js';
import { calendarsRoutes } from './modules/calendars/calendars.routes.js';
import { plenaryRoutes } from './modules/plenary/plenary.routes.js';
import { plenaryPublicRoutes } from './modules/plenary/plenary.public.routes.js';
import { groupsRoutes } from './modules/groups/groups.routes.js';
import { Scheduler } from './modules/jobs/jobs.service.js';

export interface BuildOptions {
  /** An already-open database (tests share one per file). */
  database?: DatabaseHandle;
  /** Where log lines go (tests read them back). */
  logStream?: Writable;
  /** Apply migrations and the default taxonomy on start (default true). */
  migrate?: boolean;
  /** The time of time-based codes and jobs (tests set it; default: the system clock). */
  clock?: () => Date;
  /** How long the server waits for slow clients (tests shorten it; default SERVER_TIMEOUTS). */
  timeouts?: ServerTimeouts;
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** What a log line keeps of an error: never `detail`, `where` or any other field a driver adds. */
export function errorLogFields(err: FastifyError): { type: string; code: string; message: string; stack: string } {
  return { type: err.name, code: err.code, message: err.message, stack: err.stack ?? '' };
}

/** The n nearest hops are proxies (what Fastify does for a number, which its types do not accept). */
function trustHops(hops: number): (address: string, hop: number) => boolean {
  return (_address, hop) => hop < hops;
}

export async function buildApp(config: AppConfig, options: BuildOptions = {}): Promise<FastifyInstance> {
  const timeouts = options.timeouts ?? SERVER_TIMEOUTS;
  const app = Fastify({
    logger: {
      level: config.logLevel,
      ...(options.logStream ? { stream: options.logStream } : {}),
      // Only the path is logged: query strings may carry search words or tokens,
      // and bodies are never logged.
      serializers: {
        req: (req: FastifyRequest) => ({ method: req.method, path: req.url.split('?')[0], id: req.id }),
        // Database errors carry the offending values in `detail` (PostgreSQL's
        // « Key (email)=(…) already exists »): only name, code, message and stack are kept.
        err: errorLogFields,
      },
    },
    // Off unless TRUST_PROXY names the reverse proxies (docs/operations.md).
    trustProxy: typeof config.trustProxy === 'number' ? trustHops(config.trustProxy) : config.trustProxy,
    bodyLimit: DEFAULT_BODY_LIMIT,
    // Slow or stalled clients are dropped (src/web/limits.ts).
    requestTimeout: timeouts.requestMs,
    connectionTimeout: timeouts.idleMs,
    keepAliveTimeout: timeouts.keepAliveMs,
    http: { headersTimeout: timeouts.headersMs, connectionsCheckingInterval: timeouts.checkEveryMs },
    routerOptions: { ignoreTrailingSlash: true },
    // One line per request, written when it ends (below), instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
  });

  const handle = options.database ?? openDatabase(config.database, { backgroundCheckpoint: true });
  if (options.migrate !== false) {
    await oneProcessAtATime(handle.db, async () => {
      await migrateToLatest(handle.db);
      await ensureDefaultTaxonomy(handle.db);
      await ensureGuideContent(handle.db);
    });
  }
  const { key } = loadOrCreateKey(config.encryptionKey, config.dataDir);

  app.decorate('config', config);
  app.decorate('db', handle.db);
  app.decorate('dbKind', handle.kind);
  app.decorate('vault', new Vault(key));
  app.decorate('mailer', new MailSender(config.smtpUrl, config.mailFrom));
  // With PostgreSQL, several processes may serve one database: they tell each other when the public pages change.
  const notifier = openNotifier(config.database, (err) => app.log.error({ err }, 'database notifications interrupted'));
  app.decorate('publicCache', new PublicCache({ ttlMs: (config.publicCacheSeconds ?? 1) * 1000, notifier }));
  await app.publicCache.listen();
  app.decorate('routeAccess', []);
  app.decorate('clock', options.clock ?? (() => new Date()));
  // Rate limits: in memory with SQLite (one process), in the database with
  // PostgreSQL, where several processes may serve one database (decision 007).
  app.decorate<RateStore>(
    'rateStore',
    handle.kind === 'postgres'
      ? new DatabaseRateStore(handle.db, createHmac('sha256', key).update('vigie-rate-limit').digest())
      : new MemoryRateStore(),
  );
  app.decorate(
    'antibot',
    new Antibot({
      store: app.rateStore,
      secret: createHmac('sha256', key).update('vigie-antibot').digest('base64url'),
      minSeconds: config.signupMinSeconds,
      now: app.clock,
      perIp: { max: config.signupIpLimit, windowMs: 60 * 60_000 },
      perAddress: { max: config.signupAddressLimit, windowMs: 24 * 60 * 60_000 },
    }),
  );
  app.decorate('scheduler', new Scheduler({ db: handle.db, log: app.log, now: app.clock }));
  for (const job of scheduledJobs(app)) app.scheduler.register(job);
  app.decorate('organisation', new OrganisationStore(() => loadOrganisation(handle.db, config.organisationName)));
  app.decorateRequest('currentUser', null);
  app.decorateRequest('organisation', null);
  app.addHook('onClose', async () => {
    await app.scheduler.stop();
    await notifier.close();
    await app.rateStore.close();
    app.mailer.close();
    if (!options.database) await handle.destroy();
  });

  // Every route must say who may reach it: a forgotten declaration is a crash
  // at start-up, not an open door.
  app.addHook('onRoute', (route) => {
    const access = route.config?.access;
    if (!access) throw new Error(`Route ${String(route.method)} ${route.url} has no access declared`);
    // Forms open to anybody carry a few fields: a large body there is refused early.
    if (access === 'public' && route.bodyLimit === undefined) route.bodyLimit = PUBLIC_FORM_BODY_LIMIT;
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') app.routeAccess.push({ method, url: route.url, access });
    }
  });

  const cookieSecret =
    config.cookieSecret ?? createHmac('sha256', key).update('vigie-cookie-secret').digest('base64url');
  await app.register(fastifyCookie, { secret: cookieSecret });
  await app.register(fastifyFormbody);
  app.addHook('preValidation', (request, _reply, done) => {
    removeNul(request.body);
    removeNul(request.query);
    done();
  });
  await app.register(fastifyCsrf, {
    cookieKey: 'vigie_csrf',
    cookieOpts: { signed: true, httpOnly: true, sameSite: 'strict', path: '/', secure: config.cookieSecure },
  });
  // Strict security headers (CSP without inline script), computed once.
  const headers = securityHeaders(config.cookieSecure);
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
  await app.register(fastifyRateLimit, { global: false, store: fastifyRateLimitStore(app.rateStore) });

  app.addHook('onRequest', async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      request.currentUser = await resolveSession(app.db, token, {
        idleMinutes: config.sessionIdleMinutes,
        maxHours: config.sessionMaxHours,
      });
      if (!request.currentUser) reply.clearCookie(SESSION_COOKIE, { path: '/' });
    }
    if (!request.url.startsWith('/assets/')) request.organisation = await app.organisation.get();
    const access = request.routeOptions.config.access;
    // A role that requires a second factor: until the person has one, only enrolment is open.
    if (request.currentUser?.mustEnrolSecondFactor && access !== 'public' && !request.routeOptions.config.enrolment) {
      if (request.method === 'GET' && !request.routeOptions.config.api) return reply.redirect('/compte/securite', 303);
      return sendError(
        request,
        reply,
        403,
        'Double vérification obligatoire',
        'La double vérification est obligatoire pour votre rôle : activez-la d’abord (page « Sécurité du compte »).',
      );
    }
    if (!access || canAccess(request.currentUser, access)) return;
    if (!request.currentUser) {
      if (request.method === 'GET' && !request.routeOptions.config.api) {
        const back = encodeURIComponent(request.url.split('?')[0] ?? '/');
        return reply.redirect(`/connexion?retour=${back}`, 303);
      }
      // A form sent after the session expired is kept through the sign-in (auth.held-forms.ts).
      if (token && UNSAFE_METHODS.has(request.method) && !request.routeOptions.config.api)
        return holdAfterCsrfCheck(request);
      return sendError(request, reply, 401, 'Connexion requise', 'Connectez-vous pour continuer.');
    }
    return sendError(request, reply, 403, 'Accès refusé', "Votre compte n'a pas accès à cette page.");
  });

  app.addHook('preHandler', (request, reply, done) => {
    if (UNSAFE_METHODS.has(request.method) && !request.routeOptions.config.api) {
      app.csrfProtection(request, reply, done);
      return;
    }
    done();
  });
  app.addHook('preHandler', heldFormHook(app));

  // The one log line of a request: the route's pattern, never the path's
  // values or the query string (they may carry a reference, a token, search words).
  app.addHook('onResponse', (request, reply, done) => {
    request.log.info(
      {
        method: request.method,
        route: request.routeOptions.url ?? '(aucune route)',
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 10) / 10,
      },
      'request',
    );
    done();
  });

  // Anything the board changes may show on a public page: drop the micro-cache,
  // in every process, before the answer leaves (the next page then shows it).
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.method !== 'GET' && request.method !== 'HEAD' && request.currentUser && reply.statusCode < 400)
      await app.publicCache.clear();
    return payload;
  });

  // French pages are typeset here, once for every route (no-break spaces, apostrophes; text only, never data).
  app.addHook('onSend', async (_request, reply, payload) => typesetFrenchPage(reply, payload));

  // Pages of a logged-in user are confidential: never cached by a browser or proxy.
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.currentUser && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });

  app.setErrorHandler(handleError);

  app.setNotFoundHandler({}, async (request, reply) =>
    sendError(request, reply, 404, 'Page introuvable', "Cette page n'existe pas ou n'est plus disponible."),
  );

  app.get<{ Params: { hash: string; name: string } }>(
    '/assets/:hash/:name',
    { config: { access: 'public' } },
    async (request, reply) => {
      const asset = getAsset(request.params.name);
      if (!asset) return sendError(request, reply, 404, 'Page introuvable', "Ce fichier n'existe pas.");
      return reply
        .header(
          'cache-control',
          asset.hash === request.params.hash ? 'public, max-age=31536000, immutable' : 'no-cache',
        )
        .type(asset.type)
        .send(asset.body);
    },
  );
  // Browsers ask for /favicon.ico whatever the page declares: answer with the icon rather than a 404.
  app.get('/favicon.ico', { config: { access: 'public' } }, async (_request, reply) => {
    const icon = getAsset('icon.svg');
    return reply
      .header('cache-control', 'public, max-age=86400')
      .type(icon?.type ?? 'image/svg+xml')
      .send(icon?.body);
  });
  await app.register(instanceRoutes);

  // Cookieless visit counting: a root hook, so it sees the routes registered below.
  installVisitCounter(app);
  await app.register(homeRoutes);
  await app.register(boardHomeRoutes);
  await app.register(authRoutes);
  await app.register(usersRoutes);
  await app.register(secondFactorRoutes);
  await app.register(sessionKeepingRoutes);
  await app.register(secondFactorAdminRoutes);
  await app.register(requestsRoutes);
  await app.register(reportsRoutes);
  await app.register(guideRoutes);
  await app.register(guideAdminRoutes);
  await app.register(taxonomyRoutes);
  await app.register(auditRoutes);
  await app.register(auditBoardRoutes);
  await app.register(mailRoutes);
  await app.register(importsRoutes);
  await app.register(figuresRoutes);
  await app.register(manifestoRoutes);
  await app.register(manifestoAdminRoutes);
  await app.register(newsletterRoutes);
  await app.register(newsletterAdminRoutes);
  await app.register(newsletterIssuesRoutes);
  await app.register(sitePublicRoutes);
  await app.register(siteAdminRoutes);
  await app.register(membersRoutes);
  await app.register(peopleRoutes);
  await app.register(statsRoutes);
  await app.register(meetingsRoutes);
  await app.register(meetingItemsRoutes);
  await app.register(dashboardRoutes);
  await app.register(noticesRoutes);
  await app.register(privacyRoutes);
  await app.register(rotaRoutes);
  await app.register(calendarsRoutes);
  await app.register(plenaryRoutes);
  await app.register(plenaryPublicRoutes);
  await app.register(groupsRoutes);
  await app.register(setupRoutes);

  return app;
}
