import { oneOf } from '../../lib/one-of.js';
import { CONTENT_TYPES, type ContentStatus, type ContentType } from '../../db/schema.js';
import type { Locale } from '../../web/i18n/index.js';

export { CONTENT_TYPES, type ContentStatus, type ContentType };

/** Back-office labels (French). */
export const TYPE_LABELS: Record<ContentType, { plural: string; singular: string; newLabel: string }> = {
  page: { plural: 'Pages', singular: 'page', newLabel: 'Nouvelle page' },
  news: { plural: 'Actualités', singular: 'actualité', newLabel: 'Nouvelle actualité' },
  resource: { plural: 'Ressources', singular: 'ressource', newLabel: 'Nouvelle ressource' },
  testimony: { plural: 'Témoignages', singular: 'témoignage', newLabel: 'Nouveau témoignage' },
  event: { plural: 'Agenda', singular: 'événement', newLabel: 'Nouvel événement' },
};

/** The public section of each type (French form: the locale prefix is added in front). */
export const TYPE_SECTIONS: Record<ContentType, string> = {
  page: '/pages',
  news: '/actualites',
  resource: '/ressources',
  testimony: '/temoignages',
  event: '/agenda',
};

export const LOCALE_LABELS: Record<Locale, string> = { fr: 'français', nl: 'néerlandais', en: 'anglais' };

export function isContentType(value: unknown): value is ContentType {
  return oneOf(CONTENT_TYPES, value) !== undefined;
}

/** Attachments: at most 10 MB, documents and images a reader can open safely. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const ATTACHMENT_TYPES: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.odt': 'application/vnd.oasis.opendocument.text',
  '.ods': 'application/vnd.oasis.opendocument.spreadsheet',
  '.odp': 'application/vnd.oasis.opendocument.presentation',
  '.doc': 'application/msword',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xls': 'application/vnd.ms-excel',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.ppt': 'application/vnd.ms-powerpoint',
  '.pptx': 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
};
