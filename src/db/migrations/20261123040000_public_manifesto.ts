import type { Kysely } from 'kysely';
import { withId } from './dialect.js';

// Frozen in time. The Manifesto (its text per language, with its history),
// its signatures (double opt-in, quarantine) and the newsletter (subscribers,
// issues sent). Dates are ISO text, booleans 0/1 integers, tokens hashed.
//
// It also installs, per language, a CLEARLY MARKED placeholder text: the
// committee pastes its official Manifesto from the back office.
export async function up(db: Kysely<unknown>): Promise<void> {
  await withId(db, db.schema.createTable('manifesto_versions'))
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('version_label', 'text', (c) => c.notNull())
    // YYYY-MM-DD, or YYYY when only the year is known (ISO 8601 reduced precision).
    .addColumn('published_on', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('is_placeholder', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('manifesto_versions_locale_idx')
    .on('manifesto_versions')
    .columns(['locale', 'published_on'])
    .execute();

  await withId(db, db.schema.createTable('signatures'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('function_or_org', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('town', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('show_publicly', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('newsletter', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('contact', 'integer', (c) => c.notNull().defaultTo(0))
    // Set by the board (moderation): kept off the public list whatever the consent.
    .addColumn('hidden', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('quarantine_reasons', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('search_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('token_hash', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('confirmed_at', 'text')
    .addColumn('expires_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('signatures_status_idx').on('signatures').columns(['status', 'kind']).execute();
  await db.schema.createIndex('signatures_token_idx').on('signatures').column('token_hash').execute();
  await db.schema.createIndex('signatures_expires_idx').on('signatures').column('expires_at').execute();

  await withId(db, db.schema.createTable('newsletter_subscribers'))
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('quarantine_reasons', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('confirm_token_hash', 'text')
    // Every issue carries the same unsubscribe link: the token is kept sealed
    // with the instance's key (to write the links) and looked up by its hash.
    .addColumn('unsubscribe_token_sealed', 'text', (c) => c.notNull())
    .addColumn('unsubscribe_token_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('confirmed_at', 'text')
    .addColumn('unsubscribed_at', 'text')
    .addColumn('expires_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('newsletter_subscribers_status_idx')
    .on('newsletter_subscribers')
    .column('status')
    .execute();
  await db.schema
    .createIndex('newsletter_subscribers_confirm_idx')
    .on('newsletter_subscribers')
    .column('confirm_token_hash')
    .execute();
  await db.schema
    .createIndex('newsletter_subscribers_unsub_idx')
    .on('newsletter_subscribers')
    .column('unsubscribe_token_hash')
    .execute();

  await withId(db, db.schema.createTable('newsletter_issues'))
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .addColumn('recipients', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  const now = new Date().toISOString();
  await (db as Kysely<{ manifesto_versions: Record<string, unknown> }>)
    .insertInto('manifesto_versions')
    .values(
      PLACEHOLDERS.map((p) => ({ ...p, published_on: '2020', is_placeholder: 1, created_by: null, created_at: now })),
    )
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('newsletter_issues').execute();
  await db.schema.dropTable('newsletter_subscribers').execute();
  await db.schema.dropTable('signatures').execute();
  await db.schema.dropTable('manifesto_versions').execute();
}

const PLACEHOLDERS = [
  {
    locale: 'fr',
    version_label: 'Mise à jour 2020 (texte provisoire)',
    summary:
      'Mise à jour du Manifeste après la nouvelle version de la déclaration mondiale des principes éthiques en travail social. Texte provisoire : le comité y collera le texte officiel.',
    body: `> **Texte provisoire — le comité y collera le texte officiel du Manifeste.**
> Les principes ci-dessous ne sont qu'une paraphrase de travail ; ils ne remplacent pas le Manifeste du travail social.

# Pourquoi ce Manifeste

Le travail social vit de la confiance. Ce texte replace le curseur sur ses fondamentaux, face à la managérialisation, à la numérisation de la relation d'aide et au développement du contrôle.

# Nos principes (paraphrase provisoire)

1. **Le secret professionnel protège la personne aidée**, pas le professionnel : le principe est le secret, parler est l'exception.
2. **Pas de relation d'aide sans relation de confiance** : la personne qui se confie doit pouvoir compter sur notre discrétion.
3. **Nous refusons que le travail social devienne un outil de contrôle** ou de dénonciation des personnes qu'il accompagne.
4. **Un travail social individualisé**, et non des procédures standardisées qui enferment les personnes dans des cases.
5. **La déontologie se pratique collectivement** : les équipes ont besoin de temps et de lieux pour penser leur travail.

# Mise à jour de 2020

Le Manifeste a été actualisé en 2020, à la parution d'une nouvelle version de la déclaration mondiale des principes éthiques en travail social, qui rendait plus floue la notion de secret professionnel.
`,
  },
  {
    locale: 'nl',
    version_label: 'Update 2020 (voorlopige tekst)',
    summary:
      'Update van het Manifest na de nieuwe versie van de wereldwijde verklaring van ethische principes in het sociaal werk. Voorlopige tekst: het comité plakt hier de officiële tekst.',
    body: `> **Voorlopige tekst — het comité plakt hier de officiële tekst van het Manifest.**
> De principes hieronder zijn slechts een werkparafrase; ze vervangen het Manifest van het sociaal werk niet.

# Waarom dit Manifest

Sociaal werk leeft van vertrouwen. Deze tekst brengt de fundamenten opnieuw in beeld, tegenover managerialisering, digitalisering van de hulprelatie en steeds meer controle.

# Onze principes (voorlopige parafrase)

1. **Het beroepsgeheim beschermt de hulpvrager**, niet de hulpverlener: zwijgen is de regel, spreken de uitzondering.
2. **Geen hulprelatie zonder vertrouwensrelatie**: wie zich toevertrouwt, moet op onze discretie kunnen rekenen.
3. **Wij weigeren dat sociaal werk een instrument van controle** of aangifte wordt tegenover de mensen die het begeleidt.
4. **Geïndividualiseerd sociaal werk**, geen gestandaardiseerde procedures die mensen in hokjes steken.
5. **Deontologie beoefenen we samen**: teams hebben tijd en ruimte nodig om over hun werk na te denken.

# Update van 2020

Het Manifest werd in 2020 bijgewerkt, na de nieuwe versie van de wereldwijde verklaring van ethische principes in het sociaal werk, die het begrip beroepsgeheim vager maakte.
`,
  },
  {
    locale: 'en',
    version_label: '2020 update (placeholder text)',
    summary:
      'Manifesto updated after the new version of the global statement of ethical principles in social work. Placeholder text: the committee will paste the official text here.',
    body: `> **Placeholder text — the committee will paste the official text of the Manifesto here.**
> The principles below are only a working paraphrase; they do not replace the Social Work Manifesto.

# Why this Manifesto

Social work lives on trust. This text brings its foundations back into focus, against managerialism, the digitalisation of the helping relationship and the spread of control.

# Our principles (provisional paraphrase)

1. **Professional secrecy protects the person being helped**, not the professional: secrecy is the rule, speaking is the exception.
2. **No helping relationship without a relationship of trust**: whoever confides in us must be able to count on our discretion.
3. **We refuse to let social work become a tool of control** or of denunciation of the people it supports.
4. **Individualised social work**, not standardised procedures that put people in boxes.
5. **Ethics is practised together**: teams need time and places to think about their work.

# The 2020 update

The Manifesto was updated in 2020, when a new version of the global statement of ethical principles in social work made the notion of professional secrecy more vague.
`,
  },
];
