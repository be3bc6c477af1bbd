import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/server';
import type { Db, DbOrTrx } from '../../db/index.js';
import { nowIso } from '../../lib/time.js';
import { recordAudit } from '../audit/audit.service.js';
import type { Role } from '../../web/access.js';
import { findPasskeyByCredential, listPasskeys } from './auth.second-factor.queries.js';
import { isSecondFactorRequired } from './auth.policy.js';
import {
  hasSecondFactor,
  issueRecoveryCodes,
  requiredRoles,
  SecondFactorError,
  type LoginChallenge,
} from './auth.second-factor.service.js';

/** Loaded on first use: the library takes about 0.4 s to load, which every start would otherwise pay. */
const webauthn = () => import('@simplewebauthn/server');

/**
 * Passkeys (WebAuthn) as a second factor, through @simplewebauthn/server.
 * The relying party is Vigie's public address: its host name is the RP ID,
 * its origin the only origin accepted.
 */
export interface RelyingParty {
  id: string;
  name: string;
  origin: string;
}

export function relyingParty(baseUrl: string, name: string): RelyingParty {
  const url = new URL(baseUrl);
  return { id: url.hostname, name, origin: url.origin };
}

const CHALLENGE_TTL_MS = 5 * 60_000;
const registrationId = (userId: number) => `passkey_registration:${userId}`;
const UNREADABLE = 'La clé d’accès n’a pas pu être vérifiée. Réessayez, ou utilisez un code.';

function transportsOf(value: string): string[] {
  return value ? value.split(',') : [];
}

export async function passkeyRegistrationOptions(
  db: DbOrTrx,
  rp: RelyingParty,
  user: { id: number; email: string; displayName: string },
  now = new Date(),
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const existing = await listPasskeys(db, user.id);
  const options = await (
    await webauthn()
  ).generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userName: user.email,
    userDisplayName: user.displayName,
    userID: new TextEncoder().encode(`vigie-user-${user.id}`),
    attestationType: 'none',
    excludeCredentials: existing.map((p) => ({ id: p.credential_id, transports: transportsOf(p.transports) })),
    authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
  });
  await db.deleteFrom('auth_challenges').where('id', '=', registrationId(user.id)).execute();
  await db
    .insertInto('auth_challenges')
    .values({
      id: registrationId(user.id),
      user_id: user.id,
      purpose: 'passkey_registration',
      webauthn_challenge: options.challenge,
      attempts: 0,
      created_at: nowIso(now),
      expires_at: nowIso(new Date(now.getTime() + CHALLENGE_TTL_MS)),
    })
    .execute();
  return options;
}

function parseCredentialJson<T>(raw: string): T {
  try {
    const value: unknown = JSON.parse(raw);
    if (value && typeof value === 'object' && 'id' in value && 'response' in value) return value as T;
  } catch {
    // Falls through to the French message below.
  }
  throw new SecondFactorError('PASSKEY_UNREADABLE', UNREADABLE);
}

/**
 * Saves the passkey the browser just created. Returns fresh recovery codes
 * when it is the account's first second factor.
 */
export async function finishPasskeyRegistration(
  db: Db,
  rp: RelyingParty,
  userId: number,
  responseJson: string,
  label: string,
  now = new Date(),
): Promise<string[] | null> {
  const response = parseCredentialJson<RegistrationResponseJSON>(responseJson);
  return db.transaction().execute(async (trx) => {
    const challenge = await trx
      .selectFrom('auth_challenges')
      .select(['webauthn_challenge'])
      .where('id', '=', registrationId(userId))
      .where('expires_at', '>', nowIso(now))
      .executeTakeFirst();
    await trx.deleteFrom('auth_challenges').where('id', '=', registrationId(userId)).execute();
    if (!challenge?.webauthn_challenge)
      throw new SecondFactorError('PASSKEY_EXPIRED', 'Cet ajout a expiré : recommencez.');
    const verification = await (
      await webauthn()
    )
      .verifyRegistrationResponse({
        response,
        expectedChallenge: challenge.webauthn_challenge,
        expectedOrigin: rp.origin,
        expectedRPID: rp.id,
        requireUserVerification: false,
      })
      .catch(() => null);
    if (!verification?.verified) throw new SecondFactorError('PASSKEY_UNVERIFIED', UNREADABLE);
    const credential = verification.registrationInfo.credential;
    if (await findPasskeyByCredential(trx, credential.id))
      throw new SecondFactorError('PASSKEY_DUPLICATE', 'Cette clé d’accès est déjà enregistrée.');
    const first = !(await hasSecondFactor(trx, userId));
    await trx
      .insertInto('user_passkeys')
      .values({
        user_id: userId,
        credential_id: credential.id,
        public_key: Buffer.from(credential.publicKey).toString('base64url'),
        counter: credential.counter,
        transports: (credential.transports ?? []).join(','),
        label,
        created_at: nowIso(now),
        last_used_at: null,
      })
      .execute();
    await recordAudit(
      trx,
      { actorId: userId, action: 'user.second_factor.passkey_added', entityType: 'user', entityId: userId },
      now,
    );
    return first ? issueRecoveryCodes(trx, userId, now) : null;
  });
}

/** Options for the login's second step: the account's own passkeys only. */
export async function passkeyLoginOptions(
  db: DbOrTrx,
  rp: RelyingParty,
  challenge: LoginChallenge,
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const passkeys = await listPasskeys(db, challenge.user_id);
  if (passkeys.length === 0)
    throw new SecondFactorError('NO_PASSKEY', 'Aucune clé d’accès n’est enregistrée pour ce compte.');
  const options = await (
    await webauthn()
  ).generateAuthenticationOptions({
    rpID: rp.id,
    allowCredentials: passkeys.map((p) => ({ id: p.credential_id, transports: transportsOf(p.transports) })),
    userVerification: 'preferred',
  });
  await db
    .updateTable('auth_challenges')
    .set({ webauthn_challenge: options.challenge })
    .where('id', '=', challenge.id)
    .execute();
  return options;
}

/** Verifies the browser's signature; spends the challenge on success. */
export async function verifyPasskeyLogin(
  db: Db,
  rp: RelyingParty,
  challenge: LoginChallenge,
  responseJson: string,
  now = new Date(),
): Promise<boolean> {
  const response = parseCredentialJson<AuthenticationResponseJSON>(responseJson);
  const stored = await findPasskeyByCredential(db, response.id);
  if (!stored || stored.user_id !== challenge.user_id || !challenge.webauthn_challenge) return false;
  const verification = await (
    await webauthn()
  )
    .verifyAuthenticationResponse({
      response,
      expectedChallenge: challenge.webauthn_challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      credential: {
        id: stored.credential_id,
        publicKey: new Uint8Array(Buffer.from(stored.public_key, 'base64url')),
        counter: Number(stored.counter),
        transports: transportsOf(stored.transports),
      },
      requireUserVerification: false,
    })
    .catch(() => null);
  if (!verification?.verified) return false;
  return db.transaction().execute(async (trx) => {
    const spent = await trx.deleteFrom('auth_challenges').where('id', '=', challenge.id).executeTakeFirst();
    if (Number(spent.numDeletedRows) !== 1) return false;
    await trx
      .updateTable('user_passkeys')
      .set({ counter: verification.authenticationInfo.newCounter, last_used_at: nowIso(now) })
      .where('id', '=', stored.id)
      .execute();
    return true;
  });
}

export async function removePasskey(
  db: Db,
  userId: number,
  roles: Role[],
  passkeyId: number,
  now = new Date(),
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const passkeys = await listPasskeys(trx, userId);
    if (!passkeys.some((p) => p.id === passkeyId))
      throw new SecondFactorError('PASSKEY_NOT_FOUND', 'Cette clé d’accès n’existe pas.');
    const totp = await trx
      .selectFrom('user_totp')
      .select('user_id')
      .where('user_id', '=', userId)
      .where('confirmed_at', 'is not', null)
      .executeTakeFirst();
    const last = passkeys.length === 1 && !totp;
    if (last && isSecondFactorRequired(roles, await requiredRoles(trx)))
      throw new SecondFactorError(
        'SECOND_FACTOR_REQUIRED',
        'La double vérification est obligatoire pour votre rôle : gardez au moins une clé d’accès ou une application.',
      );
    await trx.deleteFrom('user_passkeys').where('id', '=', passkeyId).where('user_id', '=', userId).execute();
    if (last) await trx.deleteFrom('user_recovery_codes').where('user_id', '=', userId).execute();
    await recordAudit(
      trx,
      { actorId: userId, action: 'user.second_factor.passkey_removed', entityType: 'user', entityId: userId },
      now,
    );
  });
}
