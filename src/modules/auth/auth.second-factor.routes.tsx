import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { otpauthUri } from '../../lib/totp.js';
import { sendHtml, setFlash, viewContext } from '../../web/context.js';
import { sendTooManyAttempts } from '../../web/error-pages.js';
import { LoginFailures } from './auth.login-limits.js';
import type { FieldErrors } from '../../web/forms.js';
import { fieldsOf, idParam, str } from '../../web/validation.js';
import { homeFor } from './auth.policy.js';
import { baseUrl, LOGIN_CHALLENGE_COOKIE, completeSignIn, safeReturnPath } from './auth.routes.js';
import type { CurrentUser } from '../../web/access.js';
import {
  finishPasskeyRegistration,
  passkeyLoginOptions,
  passkeyRegistrationOptions,
  relyingParty,
  removePasskey,
  verifyPasskeyLogin,
} from './auth.passkeys.service.js';
import { listPasskeys } from './auth.second-factor.queries.js';
import {
  confirmTotp,
  failLoginChallenge,
  findLoginChallenge,
  pendingTotpSecret,
  regenerateRecoveryCodes,
  removeTotp,
  SecondFactorError,
  secondFactorStatus,
  verifyLoginCode,
} from './auth.second-factor.service.js';
import { RecoveryCodesPage, SecondStepPage, SecurityPage, TotpSetupPage } from './auth.second-factor.views.js';
import { qrCodeSvg } from './auth.totp-qr.js';

export async function secondFactorRoutes(app: FastifyInstance): Promise<void> {
  const account = { access: 'authenticated' as const, enrolment: true };
  const limit = { max: app.config.loginRateLimit, timeWindow: '15 minutes' };
  // Wrong codes and keys count per account and per IP; a success forgets them (auth.login-limits.ts).
  const failures = new LoginFailures(app.rateStore, 'second-factor', app.config.loginRateLimit);
  const rp = (_request: FastifyRequest) => relyingParty(baseUrl(app), `Vigie (${app.config.organisationName})`);

  function me(request: FastifyRequest): CurrentUser {
    const user = request.currentUser;
    if (!user) throw new SecondFactorError('NOT_SIGNED_IN', 'Connectez-vous pour continuer.');
    return user;
  }

  async function securityPage(
    request: FastifyRequest,
    reply: FastifyReply,
    refusal?: { errors?: FieldErrors; problem?: string },
    status = 200,
  ) {
    const user = me(request);
    const factors = await secondFactorStatus(app.db, user.id, user.roles);
    return sendHtml(
      reply,
      <SecurityPage
        ctx={viewContext(request, reply)}
        status={factors}
        errors={refusal?.errors}
        problem={refusal?.problem}
      />,
      status,
    );
  }

  /** After a first factor, the recovery codes are shown once; then home (if enrolment was forced) or back here. */
  function codesPage(request: FastifyRequest, reply: FastifyReply, codes: string[] | null, message: string) {
    const user = me(request);
    if (!codes) {
      setFlash(reply, message);
      return reply.redirect('/compte/securite', 303);
    }
    const next = user.mustEnrolSecondFactor ? homeFor(user) : '/compte/securite';
    return sendHtml(reply, <RecoveryCodesPage ctx={viewContext(request, reply)} codes={codes} next={next} />);
  }

  // --- The account's own second factors ------------------------------------------

  app.get('/compte/securite', { config: account }, async (request, reply) => securityPage(request, reply));

  async function totpPage(request: FastifyRequest, reply: FastifyReply, errors?: FieldErrors, status = 200) {
    const user = me(request);
    const secret = await pendingTotpSecret(app.db, app.vault, user.id, app.clock());
    const svg = qrCodeSvg(
      otpauthUri(secret, 'Vigie', user.email),
      'Code QR à scanner avec votre application d’authentification',
    );
    return sendHtml(
      reply,
      <TotpSetupPage ctx={viewContext(request, reply)} secret={secret} safeQrSvg={svg} errors={errors} />,
      status,
    );
  }

  app.get('/compte/securite/application', { config: account }, async (request, reply) => {
    const status = await secondFactorStatus(app.db, me(request).id, me(request).roles);
    if (status.totp) return reply.redirect('/compte/securite', 303);
    return totpPage(request, reply);
  });

  app.post('/compte/securite/application', { config: { ...account, rateLimit: limit } }, async (request, reply) => {
    const user = me(request);
    try {
      const codes = await confirmTotp(app.db, app.vault, user.id, str(fieldsOf(request.body).code), app.clock());
      return codesPage(request, reply, codes, 'Application activée.');
    } catch (error) {
      if (error instanceof SecondFactorError && error.code === 'TOTP_WRONG_CODE')
        return totpPage(request, reply, { code: error.message }, 422);
      throw error;
    }
  });

  app.post('/compte/securite/application/retirer', { config: account }, async (request, reply) => {
    const user = me(request);
    try {
      await removeTotp(app.db, user.id, user.roles, app.clock());
    } catch (error) {
      if (error instanceof SecondFactorError) return securityPage(request, reply, { problem: error.message }, 409);
      throw error;
    }
    setFlash(reply, 'Application retirée.');
    return reply.redirect('/compte/securite', 303);
  });

  app.post('/compte/securite/codes', { config: account }, async (request, reply) => {
    const codes = await regenerateRecoveryCodes(app.db, me(request).id, app.clock());
    return codesPage(request, reply, codes, '');
  });

  app.post('/compte/securite/cles/options', { config: account }, async (request, reply) => {
    const user = me(request);
    const options = await passkeyRegistrationOptions(app.db, rp(request), user, app.clock());
    return reply.type('application/json; charset=utf-8').send(options);
  });

  app.post('/compte/securite/cles', { config: { ...account, rateLimit: limit } }, async (request, reply) => {
    const user = me(request);
    const body = fieldsOf(request.body);
    const label = str(body.nom).trim().slice(0, 60) || 'Clé d’accès';
    try {
      const codes = await finishPasskeyRegistration(
        app.db,
        rp(request),
        user.id,
        str(body.reponse),
        label,
        app.clock(),
      );
      return codesPage(request, reply, codes, 'Clé d’accès ajoutée.');
    } catch (error) {
      if (error instanceof SecondFactorError)
        return securityPage(request, reply, { errors: { nom: error.message } }, 422);
      throw error;
    }
  });

  app.post<{ Params: { id: string } }>(
    '/compte/securite/cles/:id/retirer',
    { config: account },
    async (request, reply) => {
      const user = me(request);
      const id = idParam(request.params.id) ?? 0;
      try {
        await removePasskey(app.db, user.id, user.roles, id, app.clock());
      } catch (error) {
        if (error instanceof SecondFactorError && error.statusCode === 409)
          return securityPage(request, reply, { problem: error.message }, 409);
        throw error;
      }
      setFlash(reply, 'Clé d’accès retirée.');
      return reply.redirect('/compte/securite', 303);
    },
  );

  // --- The login's second step --------------------------------------------------------

  const loginStep = { access: 'public' as const };

  async function challengeOf(request: FastifyRequest) {
    return findLoginChallenge(app.db, str(request.cookies[LOGIN_CHALLENGE_COOKIE]), app.clock());
  }

  function expired(reply: FastifyReply) {
    reply.clearCookie(LOGIN_CHALLENGE_COOKIE, { path: '/connexion' });
    setFlash(reply, 'La vérification a expiré ou a échoué trop de fois : reconnectez-vous.');
    return reply.redirect('/connexion', 303);
  }

  async function stepPage(
    request: FastifyRequest,
    reply: FastifyReply,
    userId: number,
    retour: string | undefined,
    errors?: FieldErrors,
    status = 200,
  ) {
    const hasPasskeys = (await listPasskeys(app.db, userId)).length > 0;
    return sendHtml(
      reply,
      <SecondStepPage ctx={viewContext(request, reply)} hasPasskeys={hasPasskeys} retour={retour} errors={errors} />,
      status,
    );
  }

  app.get<{ Querystring: { retour?: string } }>(
    '/connexion/verification',
    { config: loginStep },
    async (request, reply) => {
      const challenge = await challengeOf(request);
      if (!challenge) return expired(reply);
      return stepPage(request, reply, challenge.user_id, safeReturnPath(str(request.query.retour)) ?? undefined);
    },
  );

  async function refused(
    request: FastifyRequest,
    reply: FastifyReply,
    challenge: NonNullable<Awaited<ReturnType<typeof challengeOf>>>,
    retour: string | undefined,
    message: string,
  ) {
    await failures.failed(request.ip, `user:${challenge.user_id}`, app.clock().getTime());
    const again = await failLoginChallenge(app.db, challenge, app.clock());
    if (!again) return expired(reply);
    return stepPage(request, reply, challenge.user_id, retour, { code: message }, 401);
  }

  /** 0, or how long this account and address must wait before their next attempt. */
  const waitBefore = (request: FastifyRequest, userId: number) =>
    failures.waitBefore(request.ip, `user:${userId}`, app.clock().getTime());

  app.post('/connexion/verification', { config: loginStep }, async (request, reply) => {
    const body = fieldsOf(request.body);
    const retour = safeReturnPath(str(body.retour)) ?? undefined;
    const challenge = await challengeOf(request);
    if (!challenge) return expired(reply);
    const wait = await waitBefore(request, challenge.user_id);
    if (wait > 0) return sendTooManyAttempts(request, reply, wait);
    const kind = await verifyLoginCode(app.db, app.vault, challenge, str(body.code), app.clock());
    if (!kind) return refused(request, reply, challenge, retour, 'Code : ce code n’est pas valable (ou a déjà servi).');
    await failures.succeeded(request.ip, `user:${challenge.user_id}`);
    reply.clearCookie(LOGIN_CHALLENGE_COOKIE, { path: '/connexion' });
    return completeSignIn(app, reply, challenge.user_id, kind, retour);
  });

  app.post('/connexion/verification/cle/options', { config: loginStep }, async (request, reply) => {
    const challenge = await challengeOf(request);
    if (!challenge) throw new SecondFactorError('LOGIN_EXPIRED', 'La vérification a expiré : reconnectez-vous.');
    const wait = await waitBefore(request, challenge.user_id);
    if (wait > 0) return sendTooManyAttempts(request, reply, wait);
    const options = await passkeyLoginOptions(app.db, rp(request), challenge);
    return reply.type('application/json; charset=utf-8').send(options);
  });

  app.post('/connexion/verification/cle', { config: loginStep }, async (request, reply) => {
    const body = fieldsOf(request.body);
    const retour = safeReturnPath(str(body.retour)) ?? undefined;
    const challenge = await challengeOf(request);
    if (!challenge) return expired(reply);
    const wait = await waitBefore(request, challenge.user_id);
    if (wait > 0) return sendTooManyAttempts(request, reply, wait);
    let ok = false;
    try {
      ok = await verifyPasskeyLogin(app.db, rp(request), challenge, str(body.reponse), app.clock());
    } catch (error) {
      if (!(error instanceof SecondFactorError)) throw error;
    }
    if (!ok)
      return refused(
        request,
        reply,
        challenge,
        retour,
        'La clé d’accès n’a pas pu être vérifiée. Réessayez, ou tapez un code.',
      );
    await failures.succeeded(request.ip, `user:${challenge.user_id}`);
    reply.clearCookie(LOGIN_CHALLENGE_COOKIE, { path: '/connexion' });
    return completeSignIn(app, reply, challenge.user_id, 'passkey', retour);
  });
}
