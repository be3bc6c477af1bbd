import type { Insertable } from 'kysely';
import type { DbOrTrx } from '../../src/db/index.js';
import type { ContentItemsTable } from '../../src/db/schema.js';

let counter = 0;

/**
 * A public-site content item written straight into its table: a French page,
 * published, unless the overrides say otherwise. Returns its id.
 */
export async function buildContent(
  db: DbOrTrx,
  overrides: Partial<Insertable<ContentItemsTable>> = {},
): Promise<number> {
  counter++;
  const at = overrides.created_at ?? '2026-01-15T10:00:00.000Z';
  const status = overrides.status ?? 'published';
  const { id } = await db
    .insertInto('content_items')
    .values({
      type: 'page',
      slug: `contenu-${counter}`,
      locale: 'fr',
      translation_group: `groupe-${counter}-${Date.now()}`,
      title: `Contenu ${counter}`,
      summary: '',
      body: '',
      event_starts_on: null,
      event_ends_on: null,
      event_place: null,
      status,
      published_at: status === 'published' ? at : null,
      created_by: null,
      created_at: at,
      updated_at: at,
      ...overrides,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}
