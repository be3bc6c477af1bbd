/**
 * Second factor use cases (authenticator app, recovery codes, the login challenge, admin reset).
 * Over 300 lines; the passkeys already live in auth.passkeys.service.ts. Next split: recovery codes.
 */
import { randomBytes } from 'node:crypto';
import type { Db, DbOrTrx } from '../../db/index.js';
import type { SecondFactorKind } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { nowIso } from '../../lib/time.js';
import { hashToken, randomToken } from '../../lib/tokens.js';
import { base32Decode, base32Encode, newTotpSecret, verifyTotp } from '../../lib/totp.js';
import type { Vault } from '../../lib/vault.js';
import { recordAudit } from '../audit/audit.service.js';
import { parseRoles, roleNames } from '../../lib/roles.js';
import { isSecondFactorRequired } from './auth.policy.js';
import type { Role } from '../../web/access.js';
import {
  countUnusedRecoveryCodes,
  deleteSecondFactors,
  findTotp,
  listPasskeys,
  readRequiredRoles,
  writeRequiredRoles,
} from './auth.second-factor.queries.js';

/**
 * Second factors: an authenticator app (TOTP), passkeys (passkeys.service.ts)
 * and single-use recovery codes. A login whose password is right but whose
 * account has a second factor gets a short-lived challenge, not a session.
 */
const RECOVERY_CODE_COUNT = 10;
const LOGIN_CHALLENGE_TTL_MS = 10 * 60_000;
const LOGIN_CHALLENGE_ATTEMPTS = 5;

export class SecondFactorError extends AppError {
  override readonly name: string = 'SecondFactorError';
}

export interface SecondFactorStatus {
  totp: boolean;
  /** An app being set up: a secret shown, no code typed yet. */
  totpPending: boolean;
  passkeys: Array<{ id: number; label: string; createdAt: string; lastUsedAt: string | null }>;
  recoveryCodesLeft: number;
  enrolled: boolean;
  required: boolean;
}

// --- Which roles must use a second factor -----------------------------------------

export async function requiredRoles(db: DbOrTrx): Promise<Role[]> {
  return parseRoles(await readRequiredRoles(db));
}

export async function setRequiredRoles(db: Db, roles: Role[], actorId: number): Promise<void> {
  const value = [...new Set(roles)].sort().join(',');
  await db.transaction().execute(async (trx) => {
    await writeRequiredRoles(trx, value);
    await recordAudit(trx, {
      actorId,
      action: 'security.second_factor_policy',
      entityType: 'security',
      summary: value ? `obligatoire pour : ${roleNames(parseRoles(value))}` : 'obligatoire pour aucun rôle',
    });
  });
}

export async function secondFactorStatus(db: DbOrTrx, userId: number, roles: Role[]): Promise<SecondFactorStatus> {
  const [totp, passkeys, recoveryCodesLeft, required] = await Promise.all([
    findTotp(db, userId),
    listPasskeys(db, userId),
    countUnusedRecoveryCodes(db, userId),
    requiredRoles(db),
  ]);
  const confirmed = Boolean(totp?.confirmed_at);
  return {
    totp: confirmed,
    totpPending: Boolean(totp && !totp.confirmed_at),
    passkeys: passkeys.map((p) => ({ id: p.id, label: p.label, createdAt: p.created_at, lastUsedAt: p.last_used_at })),
    recoveryCodesLeft,
    enrolled: confirmed || passkeys.length > 0,
    required: isSecondFactorRequired(roles, required),
  };
}

export async function hasSecondFactor(db: DbOrTrx, userId: number): Promise<boolean> {
  const [totp, passkeys] = await Promise.all([findTotp(db, userId), listPasskeys(db, userId)]);
  return Boolean(totp?.confirmed_at) || passkeys.length > 0;
}

// --- Authenticator app (TOTP) --------------------------------------------------------

const totpAad = (userId: number) => `user_totp:${userId}`;

/** The secret of an app being set up (created on first call), as base32 text. */
export async function pendingTotpSecret(db: DbOrTrx, vault: Vault, userId: number, now = new Date()): Promise<string> {
  const existing = await findTotp(db, userId);
  if (existing?.confirmed_at)
    throw new SecondFactorError('TOTP_ALREADY_ACTIVE', 'Une application est déjà activée pour ce compte.');
  if (existing) return vault.decrypt(existing.secret_sealed, totpAad(userId));
  const secret = newTotpSecret();
  await db
    .insertInto('user_totp')
    .values({
      user_id: userId,
      secret_sealed: vault.encrypt(secret, totpAad(userId)),
      key_id: vault.keyId,
      confirmed_at: null,
      last_step: null,
      created_at: nowIso(now),
    })
    .execute();
  return secret;
}

const WRONG_CODE =
  'Code : ce code ne correspond pas. Vérifiez l’heure de votre téléphone et tapez le code affiché maintenant.';

/**
 * The person typed the app's first code: the app is active. Returns fresh
 * recovery codes when this is the account's first second factor.
 */
export async function confirmTotp(
  db: Db,
  vault: Vault,
  userId: number,
  code: string,
  now = new Date(),
): Promise<string[] | null> {
  return db.transaction().execute(async (trx) => {
    const row = await findTotp(trx, userId);
    if (!row || row.confirmed_at)
      throw new SecondFactorError('TOTP_NOT_PENDING', 'Cette activation a expiré : recommencez.');
    const step = verifyTotp(base32Decode(vault.decrypt(row.secret_sealed, totpAad(userId))), code, now);
    if (step === null) throw new SecondFactorError('TOTP_WRONG_CODE', WRONG_CODE);
    const first = !(await hasSecondFactor(trx, userId));
    await trx
      .updateTable('user_totp')
      .set({ confirmed_at: nowIso(now), last_step: step })
      .where('user_id', '=', userId)
      .execute();
    await recordAudit(
      trx,
      { actorId: userId, action: 'user.second_factor.totp_added', entityType: 'user', entityId: userId },
      now,
    );
    return first ? issueRecoveryCodes(trx, userId, now) : null;
  });
}

/** Checks an app code for a login; a step already used is refused (no replay). */
async function useTotpCode(trx: DbOrTrx, vault: Vault, userId: number, code: string, now: Date): Promise<boolean> {
  const row = await findTotp(trx, userId);
  if (!row?.confirmed_at) return false;
  const step = verifyTotp(base32Decode(vault.decrypt(row.secret_sealed, totpAad(userId))), code, now);
  if (step === null) return false;
  // Conditional update: of two requests carrying the same code, one wins.
  const result = await trx
    .updateTable('user_totp')
    .set({ last_step: step })
    .where('user_id', '=', userId)
    .where((eb) => eb.or([eb('last_step', 'is', null), eb('last_step', '<', step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

// --- Recovery codes --------------------------------------------------------------

function normaliseRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[^a-z2-7]/g, '');
}

const recoveryHash = (userId: number, code: string) => hashToken(`${userId}:${normaliseRecoveryCode(code)}`);

/** Replaces every recovery code of the account with ten new ones (80 bits each, shown once, stored hashed). */
export async function issueRecoveryCodes(trx: DbOrTrx, userId: number, now = new Date()): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () =>
    base32Encode(randomBytes(10))
      .toLowerCase()
      .replace(/(.{4})(?!$)/g, '$1-'),
  );
  await trx.deleteFrom('user_recovery_codes').where('user_id', '=', userId).execute();
  await trx
    .insertInto('user_recovery_codes')
    .values(
      codes.map((c) => ({
        user_id: userId,
        code_hash: recoveryHash(userId, c),
        created_at: nowIso(now),
        used_at: null,
      })),
    )
    .execute();
  return codes;
}

export async function regenerateRecoveryCodes(db: Db, userId: number, now = new Date()): Promise<string[]> {
  return db.transaction().execute(async (trx) => {
    if (!(await hasSecondFactor(trx, userId)))
      throw new SecondFactorError('NO_SECOND_FACTOR', 'Activez d’abord une application ou une clé d’accès.');
    const codes = await issueRecoveryCodes(trx, userId, now);
    await recordAudit(
      trx,
      { actorId: userId, action: 'user.second_factor.recovery_codes', entityType: 'user', entityId: userId },
      now,
    );
    return codes;
  });
}

async function useRecoveryCode(trx: DbOrTrx, userId: number, code: string, now: Date): Promise<boolean> {
  const normalised = normaliseRecoveryCode(code);
  if (normalised.length !== 16) return false;
  const result = await trx
    .updateTable('user_recovery_codes')
    .set({ used_at: nowIso(now) })
    .where('user_id', '=', userId)
    .where('code_hash', '=', recoveryHash(userId, normalised))
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

// --- Removing factors ------------------------------------------------------------

/** The person removes their own app; refused if it is their last factor and their role requires one. */
export async function removeTotp(db: Db, userId: number, roles: Role[], now = new Date()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const passkeys = await listPasskeys(trx, userId);
    if (passkeys.length === 0 && isSecondFactorRequired(roles, await requiredRoles(trx)))
      throw new SecondFactorError(
        'SECOND_FACTOR_REQUIRED',
        'La double vérification est obligatoire pour votre rôle : ajoutez une clé d’accès avant de retirer l’application.',
      );
    await trx.deleteFrom('user_totp').where('user_id', '=', userId).execute();
    if (passkeys.length === 0) await trx.deleteFrom('user_recovery_codes').where('user_id', '=', userId).execute();
    await recordAudit(
      trx,
      { actorId: userId, action: 'user.second_factor.totp_removed', entityType: 'user', entityId: userId },
      now,
    );
  });
}

/**
 * Another admin resets an account whose owner lost their device: every
 * second factor and every open session of that account go; at the next
 * login the person enrols again (required if their role requires it).
 */
export async function resetSecondFactors(db: Db, userId: number, actorId: number, now = new Date()): Promise<void> {
  if (userId === actorId)
    throw new SecondFactorError(
      'SECOND_FACTOR_SELF_RESET',
      'Un autre administrateur doit réinitialiser votre double vérification : utilisez un code de secours pour vous connecter.',
    );
  await db.transaction().execute(async (trx) => {
    await deleteSecondFactors(trx, userId);
    await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
    await recordAudit(trx, { actorId, action: 'user.second_factor.reset', entityType: 'user', entityId: userId }, now);
  });
}

// --- The login's second step -------------------------------------------------------

/** Password accepted, second factor to come: a challenge the browser holds in a cookie. */
export async function startLoginChallenge(db: DbOrTrx, userId: number, now = new Date()): Promise<string> {
  const token = randomToken();
  await db.deleteFrom('auth_challenges').where('expires_at', '<=', nowIso(now)).execute();
  await db
    .insertInto('auth_challenges')
    .values({
      id: hashToken(token),
      user_id: userId,
      purpose: 'login',
      webauthn_challenge: null,
      attempts: 0,
      created_at: nowIso(now),
      expires_at: nowIso(new Date(now.getTime() + LOGIN_CHALLENGE_TTL_MS)),
    })
    .execute();
  return token;
}

export async function findLoginChallenge(db: DbOrTrx, token: string, now = new Date()) {
  if (!token) return undefined;
  return db
    .selectFrom('auth_challenges')
    .innerJoin('users', 'users.id', 'auth_challenges.user_id')
    .select([
      'auth_challenges.id',
      'auth_challenges.user_id',
      'auth_challenges.webauthn_challenge',
      'auth_challenges.attempts',
      'users.role',
    ])
    .where('auth_challenges.id', '=', hashToken(token))
    .where('auth_challenges.purpose', '=', 'login')
    .where('auth_challenges.expires_at', '>', nowIso(now))
    .where('users.active', '=', 1)
    .executeTakeFirst();
}

export type LoginChallenge = NonNullable<Awaited<ReturnType<typeof findLoginChallenge>>>;

/** A wrong code: counted; after five, the challenge is gone and the login starts over. */
export async function failLoginChallenge(db: Db, challenge: LoginChallenge, now = new Date()): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const attempts = challenge.attempts + 1;
    if (attempts >= LOGIN_CHALLENGE_ATTEMPTS)
      await trx.deleteFrom('auth_challenges').where('id', '=', challenge.id).execute();
    else await trx.updateTable('auth_challenges').set({ attempts }).where('id', '=', challenge.id).execute();
    await recordAudit(
      trx,
      {
        actorId: challenge.user_id,
        action: 'user.second_factor.failed',
        entityType: 'user',
        entityId: challenge.user_id,
      },
      now,
    );
    return attempts < LOGIN_CHALLENGE_ATTEMPTS;
  });
}

/**
 * Checks the code typed at login: six digits from the app, or a recovery
 * code. Spends the challenge on success (in the same transaction) and says
 * which factor was used.
 */
export async function verifyLoginCode(
  db: Db,
  vault: Vault,
  challenge: LoginChallenge,
  code: string,
  now = new Date(),
): Promise<SecondFactorKind | null> {
  return db.transaction().execute(async (trx) => {
    const userId = challenge.user_id;
    const digits = code.replace(/\s/g, '');
    let kind: SecondFactorKind | null = null;
    if (/^\d{6}$/.test(digits)) {
      if (await useTotpCode(trx, vault, userId, digits, now)) kind = 'totp';
    } else if (await useRecoveryCode(trx, userId, code, now)) {
      kind = 'recovery';
      await recordAudit(
        trx,
        {
          actorId: userId,
          action: 'user.second_factor.recovery_used',
          entityType: 'user',
          entityId: userId,
          summary: `codes de secours restants : ${await countUnusedRecoveryCodes(trx, userId)}`,
        },
        now,
      );
    }
    if (!kind) return null;
    const spent = await trx.deleteFrom('auth_challenges').where('id', '=', challenge.id).executeTakeFirst();
    return Number(spent.numDeletedRows) === 1 ? kind : null;
  });
}
