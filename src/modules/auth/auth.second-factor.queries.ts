import type { DbOrTrx } from '../../db/index.js';

export const SECOND_FACTOR_ROLES_KEY = 'second_factor_roles';

export function findTotp(db: DbOrTrx, userId: number) {
  return db.selectFrom('user_totp').selectAll().where('user_id', '=', userId).executeTakeFirst();
}

export function listPasskeys(db: DbOrTrx, userId: number) {
  return db
    .selectFrom('user_passkeys')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export function findPasskeyByCredential(db: DbOrTrx, credentialId: string) {
  return db.selectFrom('user_passkeys').selectAll().where('credential_id', '=', credentialId).executeTakeFirst();
}

export async function countUnusedRecoveryCodes(db: DbOrTrx, userId: number): Promise<number> {
  const row = await db
    .selectFrom('user_recovery_codes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Second factors per account, for the accounts page: confirmed app, number of passkeys. */
export async function secondFactorsByUser(
  db: DbOrTrx,
): Promise<Map<number, { totp: boolean; passkeys: number; recoveryCodes: number }>> {
  const [totps, passkeys, codes] = await Promise.all([
    db.selectFrom('user_totp').select('user_id').where('confirmed_at', 'is not', null).execute(),
    db
      .selectFrom('user_passkeys')
      .select(['user_id', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('user_id')
      .execute(),
    db
      .selectFrom('user_recovery_codes')
      .select(['user_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('used_at', 'is', null)
      .groupBy('user_id')
      .execute(),
  ]);
  const out = new Map<number, { totp: boolean; passkeys: number; recoveryCodes: number }>();
  const entry = (id: number) => {
    let e = out.get(id);
    if (!e) {
      e = { totp: false, passkeys: 0, recoveryCodes: 0 };
      out.set(id, e);
    }
    return e;
  };
  for (const t of totps) entry(t.user_id).totp = true;
  for (const p of passkeys) entry(p.user_id).passkeys = Number(p.n);
  for (const c of codes) entry(c.user_id).recoveryCodes = Number(c.n);
  return out;
}

export async function readRequiredRoles(db: DbOrTrx): Promise<string> {
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', SECOND_FACTOR_ROLES_KEY)
    .executeTakeFirst();
  return row?.value ?? '';
}

export async function writeRequiredRoles(db: DbOrTrx, value: string): Promise<void> {
  await db.deleteFrom('settings').where('key', '=', SECOND_FACTOR_ROLES_KEY).execute();
  await db.insertInto('settings').values({ key: SECOND_FACTOR_ROLES_KEY, value }).execute();
}

/** Removes every second factor of an account (an admin's reset). */
export async function deleteSecondFactors(db: DbOrTrx, userId: number): Promise<void> {
  await db.deleteFrom('user_totp').where('user_id', '=', userId).execute();
  await db.deleteFrom('user_passkeys').where('user_id', '=', userId).execute();
  await db.deleteFrom('user_recovery_codes').where('user_id', '=', userId).execute();
  await db.deleteFrom('auth_challenges').where('user_id', '=', userId).execute();
}
