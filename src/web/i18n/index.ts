import { isKeyOf } from '../../lib/one-of.js';
import { LOCALES, type Locale } from '../../lib/locales.js';
import { en } from './en.js';
import { fr } from './fr.js';
import { nl } from './nl.js';

/**
 * The public side speaks French, Dutch and English. French is the reference
 * catalogue; the others must have every key (checked by the type system).
 * URLs: French has no prefix (`/manifeste`), Dutch and English are prefixed
 * (`/nl/manifeste`, `/en/manifeste`).
 */
export { LOCALES, type Locale };
export type MessageKey = keyof typeof fr;
export type Catalogue = Record<MessageKey, string>;

const catalogues: Record<Locale, Catalogue> = { fr, nl, en };

export const HTML_LANG: Record<Locale, string> = { fr: 'fr-BE', nl: 'nl-BE', en: 'en' };
// Built once: an Intl object costs far more to build than to use.
const PLURAL_RULES: Record<Locale, Intl.PluralRules> = {
  fr: new Intl.PluralRules('fr-BE'),
  nl: new Intl.PluralRules('nl-BE'),
  en: new Intl.PluralRules('en'),
};
export const LOCALE_NAMES: Record<Locale, string> = { fr: 'Français', nl: 'Nederlands', en: 'English' };
/** The languages named in French, for the back office and its journal (never « fr, nl »). */
export const LOCALE_NAMES_FR: Record<Locale, string> = { fr: 'français', nl: 'néerlandais', en: 'anglais' };

export function isLocale(value: string): value is Locale {
  return (LOCALES as readonly string[]).includes(value);
}

/** `t('manifesto.sign', { count: 3 })` — `{name}` placeholders are replaced, values are not escaped (views escape). */
export function translator(locale: Locale) {
  const catalogue = catalogues[locale];
  const rules = PLURAL_RULES[locale];
  return (key: MessageKey, params: Record<string, string | number> = {}): string => {
    // A message with a `{count}` may have a `.one` form, chosen by the language's own plural rules.
    const one = `${key}.one`;
    const message =
      typeof params.count === 'number' && rules.select(params.count) === 'one' && isKeyOf(catalogue, one)
        ? catalogue[one]
        : catalogue[key];
    return message.replace(/\{(\w+)\}/g, (_, name: string) =>
      params[name] === undefined ? `{${name}}` : String(params[name]),
    );
  };
}

export type Translate = ReturnType<typeof translator>;

/** The public path of `path` (always written in its French form, e.g. `/manifeste`) in `locale`. */
export function localePath(locale: Locale, path: string): string {
  if (locale === 'fr') return path;
  return path === '/' ? `/${locale}` : `/${locale}${path}`;
}

export function asLocale(value: string): Locale {
  return value === 'nl' || value === 'en' ? value : 'fr';
}
