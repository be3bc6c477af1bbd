import { LOCALES, localePath, type Locale } from './i18n/index.js';

/** The same page in the three languages (paths), for hreflang and the language switch. */
export function alternatesFor(path: string, query = ''): Record<Locale, string> {
  return Object.fromEntries(LOCALES.map((l) => [l, `${localePath(l, path)}${query}`])) as Record<Locale, string>;
}

/** `''`, `/nl`, `/en`: French has no prefix. */
export const PREFIXES: Array<[Locale, string]> = LOCALES.map((l) => [l, l === 'fr' ? '' : `/${l}`]);
