import type { DbOrTrx } from '../../db/index.js';
import type { NewUserRow } from '../../db/schema.js';
import { nowIso } from '../../lib/time.js';
import { SECOND_FACTOR_ROLES_KEY } from './auth.second-factor.queries.js';

export function findUserByEmail(db: DbOrTrx, email: string) {
  return db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

export function findUserById(db: DbOrTrx, id: number) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function countUsers(db: DbOrTrx): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertUser(db: DbOrTrx, row: NewUserRow): Promise<number> {
  const { id } = await db.insertInto('users').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export function listUsers(db: DbOrTrx) {
  return db
    .selectFrom('users')
    .leftJoin('users as inviter', 'inviter.id', 'users.invited_by')
    .select((eb) => [
      'users.id',
      'users.email',
      'users.display_name',
      'users.role',
      'users.active',
      'users.created_at',
      'users.last_login_at',
      'users.invited_at',
      'inviter.display_name as inviter_name',
      eb.case().when('users.password_hash', 'is not', null).then(1).else(0).end().as('has_password'),
    ])
    .orderBy('users.display_name')
    .execute();
}

export function findSession(db: DbOrTrx, id: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id as session_id',
      'sessions.expires_at',
      'sessions.last_seen_at',
      'users.id as user_id',
      'users.email',
      'users.display_name',
      'users.role',
      'users.active',
      // For « must enrol a second factor »: how many the account has, and which roles require one.
      (eb) =>
        eb
          .selectFrom('user_totp')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('user_totp.user_id', '=', 'users.id')
          .where('user_totp.confirmed_at', 'is not', null)
          .as('totp_count'),
      (eb) =>
        eb
          .selectFrom('user_passkeys')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('user_passkeys.user_id', '=', 'users.id')
          .as('passkey_count'),
      (eb) =>
        eb
          .selectFrom('settings')
          .select('settings.value')
          .where('settings.key', '=', SECOND_FACTOR_ROLES_KEY)
          .as('required_roles'),
    ])
    .where('sessions.id', '=', id)
    .executeTakeFirst();
}

/** Every password link of the account still unused (reset or welcome) stops working from now. */
export async function spendPasswordLinks(db: DbOrTrx, userId: number, now: Date): Promise<void> {
  await db
    .updateTable('password_resets')
    .set({ used_at: nowIso(now) })
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .execute();
}
