import type { Selectable } from 'kysely';
import type { DbOrTrx } from '../../db/index.js';
import type { ContentItemsTable, ContentType, Locale } from '../../db/schema.js';

export type ContentRow = Selectable<ContentItemsTable>;

export interface AttachmentMeta {
  id: number;
  content_item_id: number;
  filename: string;
  mime: string;
  size: number;
  created_at: string;
}

const META = ['id', 'content_item_id', 'filename', 'mime', 'size', 'created_at'] as const;

export function findContent(db: DbOrTrx, id: number): Promise<ContentRow | undefined> {
  return db.selectFrom('content_items').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findBySlug(
  db: DbOrTrx,
  type: ContentType,
  locale: Locale,
  slug: string,
): Promise<ContentRow | undefined> {
  return db
    .selectFrom('content_items')
    .selectAll()
    .where('type', '=', type)
    .where('locale', '=', locale)
    .where('slug', '=', slug)
    .executeTakeFirst();
}

export function listAll(db: DbOrTrx, type: ContentType): Promise<ContentRow[]> {
  return db
    .selectFrom('content_items')
    .selectAll()
    .where('type', '=', type)
    .orderBy('updated_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export function listGroup(db: DbOrTrx, group: string): Promise<ContentRow[]> {
  return db.selectFrom('content_items').selectAll().where('translation_group', '=', group).orderBy('locale').execute();
}

export interface PublishedFilter {
  type: ContentType;
  locale: Locale;
  limit?: number;
  /** Events: only those ending (or starting) on/after this day, soonest first. */
  fromDay?: string;
  /** Events: only those that ended before this day, latest first. */
  beforeDay?: string;
}

export function listPublished(db: DbOrTrx, f: PublishedFilter): Promise<ContentRow[]> {
  let q = db
    .selectFrom('content_items')
    .selectAll()
    .where('type', '=', f.type)
    .where('locale', '=', f.locale)
    .where('status', '=', 'published');
  if (f.fromDay) {
    const day = f.fromDay;
    q = q
      .where((eb) =>
        eb.or([
          eb('event_ends_on', '>=', day),
          eb.and([eb('event_ends_on', 'is', null), eb('event_starts_on', '>=', day)]),
        ]),
      )
      .orderBy('event_starts_on', 'asc');
  } else if (f.beforeDay) {
    const day = f.beforeDay;
    q = q
      .where((eb) =>
        eb.or([
          eb('event_ends_on', '<', day),
          eb.and([eb('event_ends_on', 'is', null), eb('event_starts_on', '<', day)]),
        ]),
      )
      .orderBy('event_starts_on', 'desc');
  } else if (f.type === 'page') {
    q = q.orderBy('title', 'asc');
  } else {
    q = q.orderBy('published_at', 'desc');
  }
  q = q.orderBy('id', 'desc');
  if (f.limit) q = q.limit(f.limit);
  return q.execute();
}

export function listAttachments(db: DbOrTrx, itemIds: number[]): Promise<AttachmentMeta[]> {
  if (itemIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('attachments').select(META).where('content_item_id', 'in', itemIds).orderBy('id').execute();
}

export function findAttachment(db: DbOrTrx, id: number) {
  return db
    .selectFrom('attachments')
    .innerJoin('content_items', 'content_items.id', 'attachments.content_item_id')
    .select([
      'attachments.id',
      'attachments.filename',
      'attachments.mime',
      'attachments.size',
      'attachments.data',
      'attachments.content_item_id',
      'content_items.status',
    ])
    .where('attachments.id', '=', id)
    .executeTakeFirst();
}
