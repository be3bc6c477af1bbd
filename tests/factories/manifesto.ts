import type { Insertable } from 'kysely';
import type { DbOrTrx } from '../../src/db/index.js';
import type { SignaturesTable } from '../../src/db/schema.js';

let counter = 0;

/**
 * A Manifesto signature written straight into its table: confirmed, in French,
 * not shown publicly, unless the overrides say otherwise. Returns its id.
 */
export async function buildSignature(
  db: DbOrTrx,
  overrides: Partial<Insertable<SignaturesTable>> = {},
): Promise<number> {
  counter++;
  const at = overrides.created_at ?? '2026-01-15T10:00:00.000Z';
  const email = overrides.email ?? `signataire${counter}@test.invalid`;
  const { id } = await db
    .insertInto('signatures')
    .values({
      kind: 'individual',
      name: `Signataire ${counter}`,
      function_or_org: '',
      town: '',
      email,
      locale: 'fr',
      show_publicly: 0,
      newsletter: 0,
      contact: 0,
      hidden: 0,
      status: 'confirmed',
      quarantine_reasons: '',
      search_text: email,
      token_hash: null,
      created_at: at,
      confirmed_at: at,
      expires_at: null,
      updated_at: at,
      ...overrides,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}
