import type { DbOrTrx } from '../../db/index.js';
import type { Vault } from '../../lib/vault.js';
import { nowIso } from '../../lib/time.js';

/** The purpose of the keyed fingerprint that replaces an erased address. */
const ADDRESS_PROOF = 'erased-address';

/** `empreinte:…`: what is left of an erased address (never an address: no « @ »). */
export function addressProof(vault: Vault, email: string): string {
  return `empreinte:${vault.fingerprint(email.trim().toLowerCase(), ADDRESS_PROOF)}`;
}

/**
 * A subscriber row reduced to what proves an unsubscription: status, dates,
 * language and source stay; the address becomes its fingerprint and the
 * sealed unsubscribe token (which would e-mail them again) is emptied.
 */
export async function reduceSubscriberToProof(
  db: DbOrTrx,
  vault: Vault,
  row: { id: number; email: string },
  now: Date,
): Promise<void> {
  await db
    .updateTable('newsletter_subscribers')
    .set({
      email: addressProof(vault, row.email),
      unsubscribe_token_sealed: '',
      confirm_token_hash: null,
      quarantine_reasons: '',
      updated_at: nowIso(now),
    })
    .where('id', '=', row.id)
    .execute();
}
