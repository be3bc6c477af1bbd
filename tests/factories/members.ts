import type { Insertable } from 'kysely';
import type { DbOrTrx } from '../../src/db/index.js';
import type { MembersTable } from '../../src/db/schema.js';

let counter = 0;

/** A member of the plenary written straight into its table: an organisation, listed publicly. Returns its id. */
export async function buildMember(db: DbOrTrx, overrides: Partial<Insertable<MembersTable>> = {}): Promise<number> {
  counter++;
  const at = overrides.created_at ?? '2026-01-15T10:00:00.000Z';
  const { id } = await db
    .insertInto('members')
    .values({
      kind: 'organisation',
      name: `Service membre ${counter}`,
      contact_email: '',
      contact_phone: '',
      joined_on: '2026-01-15',
      left_on: null,
      show_publicly: 1,
      notes: '',
      created_at: at,
      updated_at: at,
      ...overrides,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}
