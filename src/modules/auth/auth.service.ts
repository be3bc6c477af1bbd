/** Accounts: setup, login, sessions. Password links are in auth.password-links.service.ts. */
import { hash, verify } from '@node-rs/argon2';
import type { Db, DbOrTrx } from '../../db/index.js';
import { hashToken, randomToken } from '../../lib/tokens.js';
import { nowIso } from '../../lib/time.js';
import { recordAudit } from '../audit/audit.service.js';
import { countUsers, findSession, findUserByEmail, findUserById, insertUser } from './auth.queries.js';
import { parseRoles, roleNames, serialiseRoles } from '../../lib/roles.js';
import { isSecondFactorRequired } from './auth.policy.js';
import { normaliseEmail as normaliseAddress } from '../../web/validation.js';
import type { CurrentUser, Role } from '../../web/access.js';
import type { SecondFactorKind } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { isUniqueViolation } from '../../db/unique-violation.js';

// argon2id is the library's default algorithm; these are OWASP's minimums.
const ARGON2 = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

// Verifying against a real hash when the account does not exist keeps the
// response time the same, so timing does not reveal which e-mails have accounts.
let dummyHash: Promise<string> | null = null;
function getDummyHash(): Promise<string> {
  dummyHash ??= hashPassword('vigie-dummy-password-for-timing');
  return dummyHash;
}

/** The stored form of an account's address (src/web/validation.ts); lower case when it is not a valid one. */
export function normaliseEmail(email: string): string {
  return normaliseAddress(email) ?? email.trim().toLowerCase();
}

export interface SessionPolicy {
  idleMinutes: number;
  maxHours: number;
}

export async function authenticate(db: Db, email: string, password: string): Promise<{ id: number } | null> {
  const user = await findUserByEmail(db, normaliseEmail(email));
  if (!user || !user.password_hash || user.active !== 1) {
    await verify(await getDummyHash(), password).catch(() => false);
    await recordAudit(db, {
      actorId: user?.id ?? null,
      action: 'user.login_failed',
      entityType: 'user',
      entityId: user?.id ?? null,
    });
    return null;
  }
  const ok = await verify(user.password_hash, password).catch(() => false);
  if (!ok) {
    await recordAudit(db, { actorId: user.id, action: 'user.login_failed', entityType: 'user', entityId: user.id });
    return null;
  }
  return { id: user.id };
}

const SECOND_FACTOR_LABELS: Record<SecondFactorKind, string> = {
  totp: 'avec une application',
  passkey: 'avec une clé d’accès',
  recovery: 'avec un code de secours',
};

export async function createSession(
  db: Db,
  userId: number,
  policy: SessionPolicy,
  now: Date = new Date(),
  secondFactor: SecondFactorKind | null = null,
): Promise<string> {
  const token = randomToken();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('sessions')
      .values({
        id: hashToken(token),
        user_id: userId,
        created_at: nowIso(now),
        last_seen_at: nowIso(now),
        expires_at: nowIso(new Date(now.getTime() + policy.maxHours * 3_600_000)),
        second_factor: secondFactor,
      })
      .execute();
    await trx
      .updateTable('users')
      .set({ last_login_at: nowIso(now) })
      .where('id', '=', userId)
      .execute();
    await recordAudit(
      trx,
      {
        actorId: userId,
        action: 'user.login',
        entityType: 'user',
        entityId: userId,
        summary: secondFactor ? `double vérification ${SECOND_FACTOR_LABELS[secondFactor]}` : 'mot de passe seul',
      },
      now,
    );
  });
  return token;
}

/** Resolves a session cookie; expired or idle sessions are deleted. */
export async function resolveSession(
  db: Db,
  token: string,
  policy: SessionPolicy,
  now: Date = new Date(),
): Promise<CurrentUser | null> {
  const id = hashToken(token);
  const row = await findSession(db, id);
  if (!row) return null;
  const idleLimit = new Date(row.last_seen_at).getTime() + policy.idleMinutes * 60_000;
  if (row.active !== 1 || now.toISOString() >= row.expires_at || now.getTime() >= idleLimit) {
    await db.deleteFrom('sessions').where('id', '=', id).execute();
    return null;
  }
  // Touch at most once a minute: reads stay reads.
  if (now.getTime() - new Date(row.last_seen_at).getTime() > 60_000) {
    await db
      .updateTable('sessions')
      .set({ last_seen_at: nowIso(now) })
      .where('id', '=', id)
      .execute();
  }
  return {
    id: row.user_id,
    email: row.email,
    displayName: row.display_name,
    roles: parseRoles(row.role),
    sessionId: id,
    mustEnrolSecondFactor:
      Number(row.totp_count ?? 0) + Number(row.passkey_count ?? 0) === 0 &&
      isSecondFactorRequired(parseRoles(row.role), parseRoles(row.required_roles ?? '')),
  };
}

export async function destroySession(db: Db, sessionId: string, userId: number): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
  await recordAudit(db, { actorId: userId, action: 'user.logout', entityType: 'user', entityId: userId });
}

export interface NewUser {
  email: string;
  displayName: string;
  roles: Role[];
  password?: string | undefined;
}

export class DuplicateEmailError extends AppError {
  override readonly name: string = 'DuplicateEmailError';
  constructor() {
    super('USER_EMAIL_TAKEN', 'Un compte existe déjà avec cette adresse e-mail.');
  }
}

export async function createUser(db: DbOrTrx, input: NewUser, actorId: number | null): Promise<number> {
  const email = normaliseEmail(input.email);
  if (await findUserByEmail(db, email)) throw new DuplicateEmailError();
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  let id: number;
  try {
    id = await insertUser(db, {
      email,
      display_name: input.displayName.trim(),
      role: serialiseRoles(input.roles),
      password_hash: passwordHash,
      active: 1,
      created_at: nowIso(),
    });
  } catch (error) {
    // Two invitations to one address at the same moment both pass the check above: the
    // database's unique index refuses the second, which gets the same French message.
    if (isUniqueViolation(error)) throw new DuplicateEmailError();
    throw error;
  }
  await recordAudit(db, {
    actorId: actorId ?? id,
    action: 'user.create',
    entityType: 'user',
    entityId: id,
    summary: `rôles : ${roleNames(input.roles)}`,
  });
  return id;
}

// --- First administrator (setup) -------------------------------------------------

const SETUP_KEY = 'setup_token_hash';

/** On an instance without any account, issues a fresh one-time setup token. */
export async function issueSetupTokenIfEmpty(db: Db): Promise<string | null> {
  if ((await countUsers(db)) > 0) {
    await db.deleteFrom('settings').where('key', '=', SETUP_KEY).execute();
    return null;
  }
  const token = randomToken();
  await db.deleteFrom('settings').where('key', '=', SETUP_KEY).execute();
  await db
    .insertInto('settings')
    .values({ key: SETUP_KEY, value: hashToken(token) })
    .execute();
  return token;
}

/** Whether the first administrator exists (every setup link has then served). */
export async function setupDone(db: DbOrTrx): Promise<boolean> {
  return (await countUsers(db)) > 0;
}

export async function isSetupTokenValid(db: DbOrTrx, token: string): Promise<boolean> {
  if (!token) return false;
  const row = await db.selectFrom('settings').select('value').where('key', '=', SETUP_KEY).executeTakeFirst();
  return Boolean(row && row.value === hashToken(token));
}

export class SetupClosedError extends AppError {
  override readonly name: string = 'SetupClosedError';
  constructor() {
    super('SETUP_CLOSED', "Ce lien d'installation n'est plus valable.");
  }
}

export async function completeSetup(db: Db, token: string, input: NewUser & { password: string }): Promise<number> {
  return db.transaction().execute(async (trx) => {
    if (!(await isSetupTokenValid(trx, token)) || (await countUsers(trx)) > 0) throw new SetupClosedError();
    const id = await createUser(trx, input, null);
    await trx.deleteFrom('settings').where('key', '=', SETUP_KEY).execute();
    await recordAudit(trx, { actorId: id, action: 'setup.admin_created', entityType: 'setup', entityId: id });
    return id;
  });
}

export { findUserById };
