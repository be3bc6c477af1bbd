/**
 * Password links: the reset a person asks for (one hour) and the link of `vigie user add`; the
 * welcome an admin sends is in auth.invitations.service.ts. An account has at most one live link:
 * issuing one spends the others, and choosing a password spends them all (issue 9: an older reset
 * link still worked after a newer one was used).
 */
import type { Db, DbOrTrx } from '../../db/index.js';
import { AppError, FieldValidationError } from '../../errors.js';
import { nowIso } from '../../lib/time.js';
import { hashToken, randomToken } from '../../lib/tokens.js';
import { personalPasswordError } from '../../web/validation.js';
import { recordAudit } from '../audit/audit.service.js';
import { queueMail } from '../mail/mail.service.js';
import { findUserByEmail, findUserById, spendPasswordLinks } from './auth.queries.js';
import { hashPassword, normaliseEmail } from './auth.service.js';

const RESET_TTL_MS = 60 * 60_000;

/** A one-time link to choose a password (used by `vigie user add`); the account's other links stop working. */
export async function issueResetToken(db: DbOrTrx, userId: number, now: Date = new Date()): Promise<string> {
  const token = randomToken();
  await spendPasswordLinks(db, userId, now);
  await db
    .insertInto('password_resets')
    .values({
      token_hash: hashToken(token),
      user_id: userId,
      created_at: nowIso(now),
      expires_at: nowIso(new Date(now.getTime() + 7 * 24 * RESET_TTL_MS)),
      used_at: null,
    })
    .execute();
  return token;
}

/** Always behaves the same whether the e-mail has an account or not. */
export async function requestPasswordReset(
  db: Db,
  email: string,
  baseUrl: string,
  organisationName: string,
  now: Date = new Date(),
): Promise<void> {
  const user = await findUserByEmail(db, normaliseEmail(email));
  if (!user || user.active !== 1) return;
  const token = randomToken();
  await db.transaction().execute(async (trx) => {
    await spendPasswordLinks(trx, user.id, now);
    await trx
      .insertInto('password_resets')
      .values({
        token_hash: hashToken(token),
        user_id: user.id,
        created_at: nowIso(now),
        expires_at: nowIso(new Date(now.getTime() + RESET_TTL_MS)),
        used_at: null,
      })
      .execute();
    await queueMail(trx, {
      to: user.email,
      subject: 'Vigie : choisir un nouveau mot de passe',
      purpose: 'password_reset',
      text: [
        `Bonjour ${user.display_name},`,
        '',
        `Quelqu'un (vous, sans doute) a demandé un nouveau mot de passe pour Vigie (${organisationName}).`,
        'Pour le choisir, ouvrez ce lien dans l’heure :',
        `${baseUrl}/reinitialiser?jeton=${token}`,
        '',
        "Si vous n'avez rien demandé, ignorez ce message : votre mot de passe actuel reste valable.",
      ].join('\n'),
    });
    await recordAudit(trx, {
      actorId: user.id,
      action: 'user.password_reset_requested',
      entityType: 'user',
      entityId: user.id,
    });
  });
}

export async function findValidReset(db: DbOrTrx, token: string, now: Date = new Date()) {
  if (!token) return undefined;
  return db
    .selectFrom('password_resets')
    .selectAll()
    .where('token_hash', '=', hashToken(token))
    .where('used_at', 'is', null)
    .where('expires_at', '>', nowIso(now))
    .executeTakeFirst();
}

export class InvalidResetError extends AppError {
  override readonly name: string = 'InvalidResetError';
  constructor() {
    super('RESET_INVALID', 'Ce lien a expiré ou a déjà servi. Demandez-en un nouveau.');
  }
}

/**
 * Sets the password of the link's account, spends every link of that account and closes its
 * sessions. A password containing the person's name or address is refused (FieldValidationError).
 */
export async function resetPassword(db: Db, token: string, password: string, now: Date = new Date()): Promise<number> {
  const found = await findValidReset(db, token, now);
  const user = found ? await findUserById(db, found.user_id) : undefined;
  if (!found || !user) throw new InvalidResetError();
  const personal = personalPasswordError(
    password,
    { email: user.email, name: user.display_name },
    'Nouveau mot de passe',
  );
  if (personal) throw new FieldValidationError({ password: personal });
  const passwordHash = await hashPassword(password);
  return db.transaction().execute(async (trx) => {
    const reset = await findValidReset(trx, token, now);
    if (!reset) throw new InvalidResetError();
    await spendPasswordLinks(trx, reset.user_id, now);
    await trx.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', reset.user_id).execute();
    // A new password closes every open session of that account.
    await trx.deleteFrom('sessions').where('user_id', '=', reset.user_id).execute();
    await recordAudit(trx, {
      actorId: reset.user_id,
      action: 'user.password_reset',
      entityType: 'user',
      entityId: reset.user_id,
    });
    return reset.user_id;
  });
}
