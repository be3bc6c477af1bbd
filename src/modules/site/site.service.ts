/*
 * The public site's content (over 300 lines): form parsing, create/update/publish, translations and
 * attachments. Next split: attachments into site.attachments.service.ts.
 */
import path from 'node:path';
import { z } from 'zod';
import type { DbOrTrx } from '../../db/index.js';
import { FieldValidationError, NotFoundError } from '../../errors.js';
import { foldText } from '../../lib/text.js';
import { nowIso } from '../../lib/time.js';
import { randomToken } from '../../lib/tokens.js';
import type { FieldErrors } from '../../web/forms.js';
import { LOCALE_NAMES_FR, LOCALES, type Locale } from '../../web/i18n/index.js';
import { optionalDateField, parseForm, requiredText, str, text } from '../../web/validation.js';
import { recordAudit } from '../audit/audit.service.js';
import type { CurrentUser } from '../../web/access.js';
import {
  ATTACHMENT_TYPES,
  LOCALE_LABELS,
  MAX_ATTACHMENT_BYTES,
  TYPE_LABELS,
  type ContentStatus,
  type ContentType,
} from './site.constants.js';
import { findBySlug, findContent, listGroup, type ContentRow } from './site.queries.js';

/**
 * Content of the public site: pages, news, resources, testimonies and events,
 * written in Markdown, one row per language. Rows sharing a translation group
 * are translations of each other. Only `published` rows are ever public.
 */
export interface ContentInput {
  locale: Locale;
  slug: string;
  title: string;
  summary: string;
  body: string;
  eventStartsOn: string | null;
  eventEndsOn: string | null;
  eventPlace: string | null;
}

/** « Journée d’étude : secret & police » → « journee-d-etude-secret-police ». */
function slugify(input: string): string {
  return foldText(input)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/g, '');
}

const formSchema = z.object({
  locale: z.preprocess(
    (v) => str(v),
    z.enum(LOCALES, { message: 'Langue : choisissez français, néerlandais ou anglais.' }),
  ),
  slug: z.preprocess(
    (v) => str(v).trim().toLowerCase(),
    z
      .string()
      .max(80, 'Adresse : 80 caractères au maximum.')
      .regex(
        /^[a-z0-9-]*$/,
        'Adresse : seulement des lettres sans accent, des chiffres et des tirets (ex. journee-d-etude-2026).',
      ),
  ),
  title: requiredText('Titre', 200),
  summary: text('Résumé', 500),
  body: text('Texte', 100_000),
  eventStartsOn: optionalDateField('Date de début'),
  eventEndsOn: optionalDateField('Date de fin'),
  eventPlace: text('Lieu', 200),
});

export type ContentValues = Record<
  'locale' | 'slug' | 'title' | 'summary' | 'body' | 'eventStartsOn' | 'eventEndsOn' | 'eventPlace',
  string
>;

export function valuesOf(body: Record<string, unknown>): ContentValues {
  return {
    locale: str(body.locale) || 'fr',
    slug: str(body.slug),
    title: str(body.title),
    summary: str(body.summary),
    body: str(body.body),
    eventStartsOn: str(body.eventStartsOn),
    eventEndsOn: str(body.eventEndsOn),
    eventPlace: str(body.eventPlace),
  };
}

export function valuesFromRow(row: ContentRow): ContentValues {
  return {
    locale: row.locale,
    slug: row.slug,
    title: row.title,
    summary: row.summary,
    body: row.body,
    eventStartsOn: row.event_starts_on ?? '',
    eventEndsOn: row.event_ends_on ?? '',
    eventPlace: row.event_place ?? '',
  };
}

export function parseContent(type: ContentType, body: unknown): ContentInput {
  const parsed = parseForm(formSchema, body);
  if (!parsed.ok) throw new FieldValidationError(parsed.errors);
  const d = parsed.data;
  const errors: FieldErrors = {};
  const slug = d.slug || slugify(d.title);
  if (!slug) errors.slug = 'Adresse : indiquez-la, le titre ne contient aucune lettre utilisable.';
  if (type === 'event') {
    if (!d.eventStartsOn) errors.eventStartsOn = 'Date de début : obligatoire pour un événement.';
    if (d.eventStartsOn && d.eventEndsOn && d.eventEndsOn < d.eventStartsOn)
      errors.eventEndsOn = 'Date de fin : elle précède la date de début.';
  }
  if (Object.keys(errors).length) throw new FieldValidationError(errors);
  const isEvent = type === 'event';
  return {
    locale: d.locale,
    slug,
    title: d.title,
    summary: d.summary,
    body: d.body,
    eventStartsOn: isEvent ? d.eventStartsOn : null,
    eventEndsOn: isEvent && d.eventEndsOn ? d.eventEndsOn : null,
    eventPlace: isEvent && d.eventPlace ? d.eventPlace : null,
  };
}

async function assertSlugFree(db: DbOrTrx, type: ContentType, input: ContentInput, exceptId?: number): Promise<void> {
  const other = await findBySlug(db, type, input.locale, input.slug);
  if (other && other.id !== exceptId) {
    throw new FieldValidationError({
      slug: `Adresse : « ${input.slug} » est déjà utilisée par « ${other.title} » (${LOCALE_LABELS[input.locale]}). Choisissez-en une autre.`,
    });
  }
}

/** Creates a draft; `translationOf` puts it in the same translation group as that item. */
export async function createContent(
  db: DbOrTrx,
  type: ContentType,
  input: ContentInput,
  actor: CurrentUser | null,
  translationOf?: number,
): Promise<number> {
  await assertSlugFree(db, type, input);
  let group = randomToken(12);
  if (translationOf !== undefined) {
    const source = await findContent(db, translationOf);
    if (source && source.type === type) {
      const members = await listGroup(db, source.translation_group);
      if (members.some((m) => m.locale === input.locale)) {
        throw new FieldValidationError({
          locale: `Langue : ce contenu existe déjà en ${LOCALE_LABELS[input.locale]}.`,
        });
      }
      group = source.translation_group;
    }
  }
  const now = nowIso();
  const row = await db
    .insertInto('content_items')
    .values({
      type,
      slug: input.slug,
      locale: input.locale,
      translation_group: group,
      title: input.title,
      summary: input.summary,
      body: input.body,
      event_starts_on: input.eventStartsOn,
      event_ends_on: input.eventEndsOn,
      event_place: input.eventPlace,
      status: 'draft',
      published_at: null,
      created_by: actor?.id ?? null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAudit(db, {
    actorId: actor?.id ?? null,
    action: 'content.create',
    entityType: 'content',
    entityId: row.id,
    summary: `${TYPE_LABELS[type].singular} (${LOCALE_NAMES_FR[input.locale]})`,
  });
  return row.id;
}

export async function requireContent(db: DbOrTrx, id: number): Promise<ContentRow> {
  const row = await findContent(db, id);
  if (!row) throw new NotFoundError('Ce contenu n’existe pas (ou plus).');
  return row;
}

export async function updateContent(
  db: DbOrTrx,
  id: number,
  input: ContentInput,
  actor: CurrentUser | null,
): Promise<void> {
  const row = await requireContent(db, id);
  const type = row.type;
  await assertSlugFree(db, type, input, id);
  if (input.locale !== row.locale) {
    const members = await listGroup(db, row.translation_group);
    if (members.some((m) => m.id !== id && m.locale === input.locale)) {
      throw new FieldValidationError({
        locale: `Langue : une traduction liée existe déjà en ${LOCALE_LABELS[input.locale]}.`,
      });
    }
  }
  await db
    .updateTable('content_items')
    .set({
      slug: input.slug,
      locale: input.locale,
      title: input.title,
      summary: input.summary,
      body: input.body,
      event_starts_on: input.eventStartsOn,
      event_ends_on: input.eventEndsOn,
      event_place: input.eventPlace,
      updated_at: nowIso(),
    })
    .where('id', '=', id)
    .execute();
  await recordAudit(db, { actorId: actor?.id ?? null, action: 'content.update', entityType: 'content', entityId: id });
}

/** Publishing keeps the first publication date: unpublishing then republishing does not move an item to the top. */
export async function setStatus(
  db: DbOrTrx,
  id: number,
  status: ContentStatus,
  actor: CurrentUser | null,
  now: Date = new Date(),
): Promise<ContentRow> {
  const row = await requireContent(db, id);
  await db
    .updateTable('content_items')
    .set({
      status,
      published_at: status === 'published' ? (row.published_at ?? nowIso(now)) : row.published_at,
      updated_at: nowIso(now),
    })
    .where('id', '=', id)
    .execute();
  await recordAudit(db, {
    actorId: actor?.id ?? null,
    action: status === 'published' ? 'content.publish' : 'content.unpublish',
    entityType: 'content',
    entityId: id,
  });
  return row;
}

export async function deleteContent(db: DbOrTrx, id: number, actor: CurrentUser | null): Promise<ContentRow> {
  const row = await requireContent(db, id);
  await db.deleteFrom('attachments').where('content_item_id', '=', id).execute();
  await db.deleteFrom('content_items').where('id', '=', id).execute();
  await recordAudit(db, {
    actorId: actor?.id ?? null,
    action: 'content.delete',
    entityType: 'content',
    entityId: id,
    summary: `${TYPE_LABELS[row.type].singular} (${LOCALE_NAMES_FR[row.locale]})`,
  });
  return row;
}

/** Links `otherId` (and its own translations) to `id`'s group: same type, and at most one item per language. */
export async function linkTranslation(
  db: DbOrTrx,
  id: number,
  otherId: number,
  actor: CurrentUser | null,
): Promise<void> {
  const [row, other] = await Promise.all([requireContent(db, id), findContent(db, otherId)]);
  if (!other || other.id === id)
    throw new FieldValidationError({ translation: 'Traduction : choisissez un autre contenu.' });
  if (other.type !== row.type)
    throw new FieldValidationError({ translation: 'Traduction : le contenu choisi n’est pas du même type.' });
  const [mine, theirs] = await Promise.all([
    listGroup(db, row.translation_group),
    listGroup(db, other.translation_group),
  ]);
  if (row.translation_group === other.translation_group) return;
  const clash = theirs.find((t) => mine.some((m) => m.locale === t.locale));
  if (clash)
    throw new FieldValidationError({
      translation: `Traduction : ce contenu a déjà une version en ${LOCALE_LABELS[clash.locale]}.`,
    });
  await db
    .updateTable('content_items')
    .set({ translation_group: row.translation_group, updated_at: nowIso() })
    .where('translation_group', '=', other.translation_group)
    .execute();
  await recordAudit(db, {
    actorId: actor?.id ?? null,
    action: 'content.update',
    entityType: 'content',
    entityId: id,
    summary: `traduction liée : ${otherId}`,
  });
}

export async function unlinkTranslation(db: DbOrTrx, id: number, actor: CurrentUser | null): Promise<void> {
  await requireContent(db, id);
  await db
    .updateTable('content_items')
    .set({ translation_group: randomToken(12), updated_at: nowIso() })
    .where('id', '=', id)
    .execute();
  await recordAudit(db, {
    actorId: actor?.id ?? null,
    action: 'content.update',
    entityType: 'content',
    entityId: id,
    summary: 'traduction détachée',
  });
}

/** Magic numbers: a file is what its first bytes say, not what its name claims. */
function looksLike(ext: string, data: Buffer): boolean {
  const starts = (...bytes: number[]) => bytes.every((b, i) => data[i] === b);
  switch (ext) {
    case '.pdf':
      return data.subarray(0, 5).toString('latin1') === '%PDF-';
    case '.png':
      return starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
    case '.jpg':
    case '.jpeg':
      return starts(0xff, 0xd8, 0xff);
    case '.gif':
      return data.subarray(0, 4).toString('latin1') === 'GIF8';
    case '.webp':
      return data.subarray(0, 4).toString('latin1') === 'RIFF' && data.subarray(8, 12).toString('latin1') === 'WEBP';
    case '.doc':
    case '.xls':
    case '.ppt':
      return starts(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1);
    default:
      return starts(0x50, 0x4b, 0x03, 0x04); // OOXML and OpenDocument are ZIP files
  }
}

/** A safe file name for the Content-Disposition header and the page. */
function cleanFilename(name: string): string {
  const base = path.basename(name.replace(/\\/g, '/')).normalize('NFC');
  const cleaned = base
    // Control and format characters too: a right-to-left override makes « …\u202Egnp.pdf » look like a .png.
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}"/\\<>:|?*]/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
  return cleaned.slice(-120) || 'document';
}

export async function addAttachment(
  db: DbOrTrx,
  itemId: number,
  file: { filename: string; data: Buffer },
  actor: CurrentUser | null,
): Promise<number> {
  await requireContent(db, itemId);
  const filename = cleanFilename(file.filename);
  const ext = path.extname(filename).toLowerCase();
  const mime = ATTACHMENT_TYPES[ext];
  if (file.data.length === 0) throw new FieldValidationError({ file: 'Fichier : il est vide.' });
  if (file.data.length > MAX_ATTACHMENT_BYTES) throw new FieldValidationError({ file: 'Fichier : il dépasse 10 Mo.' });
  if (!mime)
    throw new FieldValidationError({
      file: 'Fichier : seuls les PDF, les images (PNG, JPEG, WebP, GIF) et les documents bureautiques (ODT, DOCX, XLSX…) sont acceptés.',
    });
  if (!looksLike(ext, file.data))
    throw new FieldValidationError({
      file: `Fichier : son contenu ne correspond pas à un fichier ${ext.slice(1).toUpperCase()}.`,
    });
  const row = await db
    .insertInto('attachments')
    .values({ content_item_id: itemId, filename, mime, size: file.data.length, data: file.data, created_at: nowIso() })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAudit(db, {
    actorId: actor?.id ?? null,
    action: 'content.attachment',
    entityType: 'content',
    entityId: itemId,
    summary: `ajout de ${filename}`,
  });
  return row.id;
}

export async function deleteAttachment(
  db: DbOrTrx,
  itemId: number,
  attachmentId: number,
  actor: CurrentUser | null,
): Promise<boolean> {
  const res = await db
    .deleteFrom('attachments')
    .where('id', '=', attachmentId)
    .where('content_item_id', '=', itemId)
    .executeTakeFirst();
  const deleted = Number(res.numDeletedRows) > 0;
  if (deleted)
    await recordAudit(db, {
      actorId: actor?.id ?? null,
      action: 'content.attachment',
      entityType: 'content',
      entityId: itemId,
      summary: `suppression de la pièce jointe ${attachmentId}`,
    });
  return deleted;
}
