import type { Db } from '../../db/index.js';
import type { Locale, SubscriberSource } from '../../db/schema.js';
import { foldText } from '../../lib/text.js';
import { nowIso } from '../../lib/time.js';
import type { Vault } from '../../lib/vault.js';
import { newUnsubscribeToken } from '../newsletter/newsletter.service.js';

/**
 * `vigie demo`: a few confirmed, clearly fictional signatories (« (démo) »,
 * addresses on the reserved `.invalid` domain) and newsletter subscribers.
 * Nothing is added for an address already present.
 */
const SIGNATORIES = [
  {
    kind: 'individual',
    name: 'Camille Exemple (démo)',
    function_or_org: 'Assistante sociale, CPAS',
    town: 'Namur',
    locale: 'fr',
    show: 1,
    newsletter: 1,
  },
  {
    kind: 'individual',
    name: 'Jan Voorbeeld (demo)',
    function_or_org: 'Maatschappelijk werker, OCMW',
    town: 'Gent',
    locale: 'nl',
    show: 1,
    newsletter: 1,
  },
  {
    kind: 'individual',
    name: 'Alex Sample (demo)',
    function_or_org: 'Social work lecturer',
    town: 'Bruxelles',
    locale: 'en',
    show: 1,
    newsletter: 0,
  },
  {
    kind: 'individual',
    name: 'Dominique Fictif (démo)',
    function_or_org: 'Éducateur, AMO',
    town: 'Liège',
    locale: 'fr',
    show: 1,
    newsletter: 0,
  },
  {
    kind: 'individual',
    name: 'Sacha Essai (démo)',
    function_or_org: '',
    town: 'Mons',
    locale: 'fr',
    show: 0,
    newsletter: 1,
  },
  {
    kind: 'individual',
    name: 'Noor Proef (demo)',
    function_or_org: 'Psycholoog, centrum geestelijke gezondheidszorg',
    town: 'Antwerpen',
    locale: 'nl',
    show: 1,
    newsletter: 0,
  },
  {
    kind: 'organisation',
    name: 'Maison d’accueil imaginaire (démo)',
    function_or_org: 'Maison d’accueil',
    town: 'Charleroi',
    locale: 'fr',
    show: 1,
    newsletter: 1,
  },
  {
    kind: 'organisation',
    name: 'Service de santé mentale fictif (démo)',
    function_or_org: 'Santé mentale',
    town: 'Bruxelles',
    locale: 'fr',
    show: 1,
    newsletter: 0,
  },
] as const;

const SUBSCRIBERS: ReadonlyArray<{ email: string; locale: Locale }> = [
  { email: 'lecteur1@demo.invalid', locale: 'fr' },
  { email: 'lezer2@demo.invalid', locale: 'nl' },
  { email: 'reader3@demo.invalid', locale: 'en' },
];

export async function fillManifestoDemo(db: Db, vault: Vault, now: Date = new Date()): Promise<string> {
  let signatures = 0;
  let subscribers = 0;
  const addSubscriber = async (email: string, locale: Locale, source: SubscriberSource, at: string) => {
    if (await db.selectFrom('newsletter_subscribers').select('id').where('email', '=', email).executeTakeFirst())
      return;
    const unsubscribe = newUnsubscribeToken(vault);
    await db
      .insertInto('newsletter_subscribers')
      .values({
        email,
        locale,
        status: 'confirmed',
        source,
        quarantine_reasons: '',
        confirm_token_hash: null,
        unsubscribe_token_sealed: unsubscribe.sealed,
        unsubscribe_token_hash: unsubscribe.hash,
        created_at: at,
        confirmed_at: at,
        unsubscribed_at: null,
        expires_at: null,
        updated_at: at,
      })
      .execute();
    subscribers++;
  };
  for (const [i, s] of SIGNATORIES.entries()) {
    const email = `signataire${i + 1}@demo.invalid`;
    if (await db.selectFrom('signatures').select('id').where('email', '=', email).executeTakeFirst()) continue;
    // Spread over the last months so « signatures par mois » has something to show.
    const at = nowIso(new Date(now.getTime() - (i * 23 + 2) * 86_400_000));
    await db
      .insertInto('signatures')
      .values({
        kind: s.kind,
        name: s.name,
        function_or_org: s.function_or_org,
        town: s.town,
        email,
        locale: s.locale,
        show_publicly: s.show,
        newsletter: s.newsletter,
        contact: i % 2,
        hidden: 0,
        status: 'confirmed',
        quarantine_reasons: '',
        search_text: foldText(`${s.name} ${s.function_or_org} ${s.town} ${email}`),
        token_hash: null,
        created_at: at,
        confirmed_at: at,
        expires_at: null,
        updated_at: at,
      })
      .execute();
    signatures++;
    if (s.newsletter) await addSubscriber(email, s.locale, 'signature', at);
  }
  for (const s of SUBSCRIBERS) await addSubscriber(s.email, s.locale, 'form', nowIso(now));
  return `Manifeste : ${signatures} signataires fictifs confirmés, ${subscribers} abonné·e·s fictifs à la newsletter.`;
}
