/**
 * The public side's languages, below every layer: the database types
 * (src/db/schema.ts) and the catalogues (src/web/i18n/) share this one list.
 */
export const LOCALES = ['fr', 'nl', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
