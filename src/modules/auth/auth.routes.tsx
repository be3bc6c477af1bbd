/**
 * Sign-in, sign-out, forgotten password, reset, first installation and welcome links, with their limits.
 * Over 300 lines: each password page keeps its form and its checks side by side. Next split: the
 * password links (forgotten password, reset, welcome, installation) into auth.password-links.routes.tsx.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendHtml, setFlash, viewContext } from '../../web/context.js';
import { sendTooManyAttempts } from '../../web/error-pages.js';
import { LoginFailures } from './auth.login-limits.js';
import { fieldsOf, isTicked, parseForm, str } from '../../web/validation.js';
import { homeFor } from './auth.policy.js';
import { forgotSchema, loginSchema, resetSchema, setupSchema } from './auth.schemas.js';
import {
  authenticate,
  completeSetup,
  createSession,
  destroySession,
  DuplicateEmailError,
  findUserById,
  isSetupTokenValid,
  SetupClosedError,
  setupDone,
} from './auth.service.js';
import {
  findValidReset,
  InvalidResetError,
  requestPasswordReset,
  resetPassword,
} from './auth.password-links.service.js';
import { FieldValidationError } from '../../errors.js';
import { parseRoles } from '../../lib/roles.js';
import { ForgotPage, LoginPage, ResetPage, SetupPage, WelcomePage } from './auth.views.js';
import { findInvitation } from './auth.invitations.service.js';
import type { SecondFactorKind } from '../../db/schema.js';
import { hasSecondFactor, secondFactorStatus, startLoginChallenge } from './auth.second-factor.service.js';

export const SESSION_COOKIE = 'vigie_session';
const GENERIC_LOGIN_ERROR = 'Adresse e-mail ou mot de passe incorrect.';

/** Only a local path may be a redirect target (no open redirect). */
export function safeReturnPath(value: string): string | null {
  return /^\/(?![/\\])[\w\-./%]*$/.test(value) ? value : null;
}

/** Where e-mailed links point: the configured address, never the request's Host header. */
export function baseUrl(app: FastifyInstance): string {
  return app.config.publicUrl;
}

export const LOGIN_CHALLENGE_COOKIE = 'vigie_login';

/**
 * The sign-in is complete (password, and the second factor if the account has
 * one): open the session and land. Without a second factor, the person is
 * offered one, or sent to enrol if their role requires it.
 */
export async function completeSignIn(
  app: FastifyInstance,
  reply: FastifyReply,
  userId: number,
  secondFactor: SecondFactorKind | null,
  retour: string | undefined,
): Promise<FastifyReply> {
  const token = await createSession(
    app.db,
    userId,
    { idleMinutes: app.config.sessionIdleMinutes, maxHours: app.config.sessionMaxHours },
    new Date(),
    secondFactor,
  );
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: app.config.cookieSecure,
    maxAge: app.config.sessionMaxHours * 3600,
  });
  const row = await findUserById(app.db, userId);
  if (!row) return reply.redirect('/', 303);
  const roles = parseRoles(row.role);
  if (!secondFactor) {
    const status = await secondFactorStatus(app.db, userId, roles);
    if (status.required && !status.enrolled) {
      setFlash(reply, 'La double vérification est obligatoire pour votre rôle : activez-la pour continuer.');
      return reply.redirect('/compte/securite', 303);
    }
    if (!status.enrolled)
      setFlash(
        reply,
        'Conseil : protégez votre compte par une double vérification (cliquez sur votre nom, en haut de la page).',
      );
  }
  const landing = homeFor({ id: row.id, email: row.email, displayName: row.display_name, roles, sessionId: '' });
  return reply.redirect(retour ?? landing, 303);
}

export async function authRoutes(app: FastifyInstance): Promise<void> {
  const loginLimit = { max: app.config.loginRateLimit, timeWindow: '15 minutes' };
  const failures = new LoginFailures(app.rateStore, 'password', app.config.loginRateLimit);

  async function openSession(reply: FastifyReply, userId: number): Promise<void> {
    const token = await createSession(app.db, userId, {
      idleMinutes: app.config.sessionIdleMinutes,
      maxHours: app.config.sessionMaxHours,
    });
    reply.setCookie(SESSION_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: app.config.cookieSecure,
      maxAge: app.config.sessionMaxHours * 3600,
    });
  }

  app.get<{ Querystring: { retour?: string } }>(
    '/connexion',
    { config: { access: 'public' } },
    async (request, reply) => {
      const retour = safeReturnPath(str(request.query.retour)) ?? undefined;
      if (request.currentUser) return reply.redirect(retour ?? homeFor(request.currentUser), 303);
      return sendHtml(reply, <LoginPage ctx={viewContext(request, reply)} {...(retour ? { retour } : {})} />);
    },
  );

  app.post('/connexion', { config: { access: 'public' } }, async (request, reply) => {
    const body = fieldsOf(request.body);
    const retour = safeReturnPath(str(body.retour)) ?? undefined;
    const parsed = parseForm(loginSchema, body);
    const account = parsed.ok ? parsed.data.email : null;
    const now = app.clock().getTime();
    const wait = await failures.waitBefore(request.ip, account, now);
    if (wait > 0) return sendTooManyAttempts(request, reply, wait);
    const user = parsed.ok ? await authenticate(app.db, parsed.data.email, parsed.data.password) : null;
    if (!user || account === null) {
      await failures.failed(request.ip, account, now);
      return sendHtml(
        reply,
        <LoginPage
          ctx={viewContext(request, reply)}
          email={str(body.email)}
          error={GENERIC_LOGIN_ERROR}
          {...(retour ? { retour } : {})}
        />,
        401,
      );
    }
    await failures.succeeded(request.ip, account);
    if (await hasSecondFactor(app.db, user.id)) {
      const challenge = await startLoginChallenge(app.db, user.id, app.clock());
      reply.setCookie(LOGIN_CHALLENGE_COOKIE, challenge, {
        path: '/connexion',
        httpOnly: true,
        sameSite: 'lax',
        secure: app.config.cookieSecure,
        maxAge: 600,
      });
      const next = retour ? `?retour=${encodeURIComponent(retour)}` : '';
      return reply.redirect(`/connexion/verification${next}`, 303);
    }
    return completeSignIn(app, reply, user.id, null, retour);
  });

  app.post('/deconnexion', { config: { access: 'authenticated', enrolment: true } }, async (request, reply) => {
    const user = request.currentUser;
    if (user) await destroySession(app.db, user.sessionId, user.id);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    setFlash(reply, 'Vous êtes déconnecté·e.');
    return reply.redirect('/connexion', 303);
  });

  app.get('/mot-de-passe-oublie', { config: { access: 'public' } }, async (request, reply) =>
    sendHtml(reply, <ForgotPage ctx={viewContext(request, reply)} />),
  );

  app.post('/mot-de-passe-oublie', { config: { access: 'public', rateLimit: loginLimit } }, async (request, reply) => {
    const parsed = parseForm(forgotSchema, request.body);
    if (!parsed.ok) {
      return sendHtml(
        reply,
        <ForgotPage
          ctx={viewContext(request, reply)}
          email={str(fieldsOf(request.body).email)}
          errors={parsed.errors}
        />,
        422,
      );
    }
    await requestPasswordReset(app.db, parsed.data.email, baseUrl(app), app.config.organisationName, app.clock());
    return sendHtml(reply, <ForgotPage ctx={viewContext(request, reply)} sent />);
  });

  app.get<{ Querystring: { jeton?: string } }>(
    '/reinitialiser',
    { config: { access: 'public' } },
    async (request, reply) => {
      const token = str(request.query.jeton);
      const valid = Boolean(await findValidReset(app.db, token, app.clock()));
      return sendHtml(
        reply,
        <ResetPage ctx={viewContext(request, reply)} token={token} invalid={!valid} />,
        valid ? 200 : 410,
      );
    },
  );

  app.post('/reinitialiser', { config: { access: 'public', rateLimit: loginLimit } }, async (request, reply) => {
    const body = fieldsOf(request.body);
    const token = str(body.jeton);
    const parsed = parseForm(resetSchema, body);
    if (!parsed.ok)
      return sendHtml(reply, <ResetPage ctx={viewContext(request, reply)} token={token} errors={parsed.errors} />, 422);
    try {
      await resetPassword(app.db, token, parsed.data.password, app.clock());
    } catch (error) {
      if (error instanceof InvalidResetError)
        return sendHtml(reply, <ResetPage ctx={viewContext(request, reply)} token="" invalid />, 410);
      if (error instanceof FieldValidationError)
        return sendHtml(
          reply,
          <ResetPage ctx={viewContext(request, reply)} token={token} errors={error.errors} />,
          422,
        );
      throw error;
    }
    setFlash(reply, 'Mot de passe enregistré. Vous pouvez vous connecter.');
    return reply.redirect('/connexion', 303);
  });

  app.get<{ Querystring: { jeton?: string } }>(
    '/installation',
    { config: { access: 'public' } },
    async (request, reply) => {
      const token = str(request.query.jeton);
      if (await setupDone(app.db)) return setupUsed(request, reply);
      const valid = await isSetupTokenValid(app.db, token);
      return sendHtml(
        reply,
        <SetupPage ctx={viewContext(request, reply)} token={token} invalid={!valid} />,
        valid ? 200 : 403,
      );
    },
  );

  app.post('/installation', { config: { access: 'public', rateLimit: loginLimit } }, async (request, reply) => {
    const body = fieldsOf(request.body);
    const token = str(body.jeton);
    if (await setupDone(app.db)) return setupUsed(request, reply);
    if (!(await isSetupTokenValid(app.db, token))) return setupInvalid(request, reply);
    const values = {
      displayName: str(body.displayName),
      email: str(body.email),
      alsoBoard: isTicked(body.alsoBoard),
    };
    const parsed = parseForm(setupSchema, body);
    if (!parsed.ok)
      return sendHtml(
        reply,
        <SetupPage ctx={viewContext(request, reply)} token={token} values={values} errors={parsed.errors} />,
        422,
      );
    let adminId: number;
    try {
      const d = parsed.data;
      adminId = await completeSetup(app.db, token, {
        email: d.email,
        displayName: d.displayName,
        password: d.password,
        roles: d.alsoBoard ? ['admin', 'board'] : ['admin'],
      });
    } catch (error) {
      if (error instanceof SetupClosedError)
        return (await setupDone(app.db)) ? setupUsed(request, reply) : setupInvalid(request, reply);
      if (error instanceof DuplicateEmailError)
        return sendHtml(
          reply,
          <SetupPage
            ctx={viewContext(request, reply)}
            token={token}
            values={values}
            errors={{ email: error.message }}
          />,
          422,
        );
      throw error;
    }
    request.log.info('first administrator created');
    // They just chose the password: no second typing of it, straight to what is left to set up.
    await openSession(reply, adminId);
    setFlash(reply, 'Compte administrateur créé. Voici ce qu’il reste à régler avant d’inviter le bureau.');
    return reply.redirect('/bureau', 303);
  });

  app.get<{ Querystring: { jeton?: string } }>(
    '/bienvenue',
    { config: { access: 'public' } },
    async (request, reply) => {
      const token = str(request.query.jeton);
      const invitation = await findInvitation(app.db, token, app.clock());
      return sendHtml(
        reply,
        <WelcomePage ctx={viewContext(request, reply)} token={token} invitation={invitation} />,
        invitation ? 200 : 410,
      );
    },
  );

  app.post('/bienvenue', { config: { access: 'public', rateLimit: loginLimit } }, async (request, reply) => {
    const body = fieldsOf(request.body);
    const token = str(body.jeton);
    const invitation = await findInvitation(app.db, token, app.clock());
    if (!invitation) return sendHtml(reply, <WelcomePage ctx={viewContext(request, reply)} token="" />, 410);
    const parsed = parseForm(resetSchema, body);
    if (!parsed.ok)
      return sendHtml(
        reply,
        <WelcomePage ctx={viewContext(request, reply)} token={token} invitation={invitation} errors={parsed.errors} />,
        422,
      );
    try {
      await resetPassword(app.db, token, parsed.data.password, app.clock());
    } catch (error) {
      if (error instanceof InvalidResetError)
        return sendHtml(reply, <WelcomePage ctx={viewContext(request, reply)} token="" />, 410);
      if (error instanceof FieldValidationError)
        return sendHtml(
          reply,
          <WelcomePage ctx={viewContext(request, reply)} token={token} invitation={invitation} errors={error.errors} />,
          422,
        );
      throw error;
    }
    setFlash(reply, 'Bienvenue ! Votre mot de passe est enregistré : connectez-vous avec votre adresse e-mail.');
    return reply.redirect('/connexion', 303);
  });

  function setupInvalid(request: FastifyRequest, reply: FastifyReply) {
    return sendHtml(reply, <SetupPage ctx={viewContext(request, reply)} token="" invalid />, 403);
  }

  /** Once an account exists, every setup link has served: say so, without a form. */
  function setupUsed(request: FastifyRequest, reply: FastifyReply) {
    return sendHtml(reply, <SetupPage ctx={viewContext(request, reply)} token="" used />, 410);
  }
}
