import type { Insertable } from 'kysely';
import type { DbOrTrx } from '../../src/db/index.js';
import type { NewsletterSubscribersTable } from '../../src/db/schema.js';

let counter = 0;

/**
 * A newsletter subscriber written straight into its table: confirmed through
 * the form, in French, unless the overrides say otherwise. The unsubscribe
 * token is a stand-in (pass a real one from `newUnsubscribeToken` when the
 * test follows the link). Returns its id.
 */
export async function buildSubscriber(
  db: DbOrTrx,
  overrides: Partial<Insertable<NewsletterSubscribersTable>> = {},
): Promise<number> {
  counter++;
  const at = overrides.created_at ?? '2026-01-15T10:00:00.000Z';
  const { id } = await db
    .insertInto('newsletter_subscribers')
    .values({
      email: `lecteur${counter}@test.invalid`,
      locale: 'fr',
      status: 'confirmed',
      source: 'form',
      quarantine_reasons: '',
      confirm_token_hash: null,
      unsubscribe_token_sealed: `scelle-${counter}`,
      unsubscribe_token_hash: `empreinte-${counter}-${Date.now()}`,
      created_at: at,
      confirmed_at: at,
      unsubscribed_at: null,
      expires_at: null,
      updated_at: at,
      ...overrides,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}
