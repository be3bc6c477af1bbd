import type { DbOrTrx } from '../../db/index.js';
import type { ConsentForm, ConsentPurpose } from '../../db/schema.js';
import { nowIso } from '../../lib/time.js';

/**
 * The version of the consent wording each form shows. Change it in the same
 * commit as the wording: the ledger then tells who agreed to which text.
 */
const CONSENT_TEXT_VERSIONS: Record<ConsentForm, string> = {
  manifesto: 'manifeste-formulaire-2026-11-27',
  newsletter: 'newsletter-formulaire-2026-11-27',
  unsubscribe: 'lien-desinscription-2026-11-27',
  members: 'fiche-membre-2026-11-27',
  erasure: 'demande-effacement-2026-11-27',
};

export const PURPOSE_LABELS: Record<ConsentPurpose, string> = {
  signature: 'Signer le Manifeste (être compté·e parmi les signataires)',
  'signature.public': 'Nom affiché dans la liste publique des signataires',
  newsletter: 'Recevoir la newsletter',
  contact: 'Être recontacté·e par le comité',
  'member.public': 'Organisation affichée dans la liste publique des membres',
  'member.mail': 'Recevoir par e-mail les convocations de la plénière',
};

export const FORM_LABELS: Record<ConsentForm, string> = {
  manifesto: 'formulaire de signature du Manifeste',
  newsletter: 'formulaire d’abonnement à la newsletter',
  unsubscribe: 'lien de désinscription',
  members: 'fiche membre encodée par le bureau',
  erasure: 'demande d’effacement traitée par le bureau',
};

export interface ConsentChange {
  /** The address the consent belongs to; null when only a name is known (a member without e-mail). */
  email: string | null;
  name?: string | null;
  purposes: readonly ConsentPurpose[];
  action: 'given' | 'withdrawn';
  form: ConsentForm;
  /** Which text was agreed to, when more precise than the form's (e.g. the Manifesto's version). */
  textVersion?: string;
}

/** Appends to the ledger, in the caller's transaction: the consent is recorded with what it allows. */
export async function recordConsent(db: DbOrTrx, change: ConsentChange, now: Date): Promise<void> {
  if (change.purposes.length === 0 || (!change.email && !change.name)) return;
  const textVersion = change.textVersion ?? CONSENT_TEXT_VERSIONS[change.form];
  await db
    .insertInto('consent_events')
    .values(
      change.purposes.map((purpose) => ({
        // An address is compared in lower case; a fingerprint (after an erasure) is kept as is.
        email: change.email?.includes('@') ? change.email.trim().toLowerCase() : change.email,
        name: change.name?.trim() || null,
        purpose,
        action: change.action,
        form: change.form,
        text_version: textVersion,
        at: nowIso(now),
      })),
    )
    .execute();
}

/** What a confirmed signature's ticked boxes agreed to. */
export function signaturePurposes(row: {
  show_publicly: number;
  newsletter: number;
  contact: number;
}): ConsentPurpose[] {
  const purposes: ConsentPurpose[] = ['signature'];
  if (row.show_publicly) purposes.push('signature.public');
  if (row.newsletter) purposes.push('newsletter');
  if (row.contact) purposes.push('contact');
  return purposes;
}

export type ConsentRow = Awaited<ReturnType<typeof consentsOf>>[number];

/** The ledger of one person, oldest first: by address, or by exact name. */
export function consentsOf(db: DbOrTrx, who: { email: string | null; name: string | null }) {
  return db
    .selectFrom('consent_events')
    .select(['id', 'email', 'name', 'purpose', 'action', 'form', 'text_version', 'at'])
    .where((eb) => {
      const terms = [];
      if (who.email) terms.push(eb('email', '=', who.email.trim().toLowerCase()));
      if (who.name) terms.push(eb('name', '=', who.name.trim()));
      return terms.length ? eb.or(terms) : eb.lit(false);
    })
    .orderBy('id')
    .execute();
}
