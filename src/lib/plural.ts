/**
 * Counts with the right noun form, from the language's own rules
 * (Intl.PluralRules): « 0 demande », « 1 demande », « 2 demandes » in French,
 * where 0 and 1 are singular. Never « demande(s) » or « 1 visites ».
 */
const rules = new Map<string, Intl.PluralRules>();
const numbers = new Map<string, Intl.NumberFormat>();

function ruleFor(locale: string): Intl.PluralRules {
  let rule = rules.get(locale);
  if (!rule) rules.set(locale, (rule = new Intl.PluralRules(locale)));
  return rule;
}

function numberFor(locale: string): Intl.NumberFormat {
  let format = numbers.get(locale);
  if (!format) numbers.set(locale, (format = new Intl.NumberFormat(locale)));
  return format;
}

export interface Forms {
  one: string;
  other: string;
}

/** The noun form alone: `pluralForm(3, { one: 'demande', other: 'demandes' })` → « demandes ». */
export function pluralForm(count: number, forms: Forms, locale = 'fr-BE'): string {
  return ruleFor(locale).select(count) === 'one' ? forms.one : forms.other;
}

/** The count and its noun: « 1 demande », « 1 234 demandes » (thousands separated as the language does). */
export function plural(count: number, forms: Forms, locale = 'fr-BE'): string {
  return `${numberFor(locale).format(count)} ${pluralForm(count, forms, locale)}`;
}

/** Common nouns of the interface, so each is spelt once. */
export const NOUNS = {
  request: { one: 'demande', other: 'demandes' },
  subscriber: { one: 'abonné·e', other: 'abonné·e·s' },
  address: { one: 'adresse', other: 'adresses' },
  mail: { one: 'e-mail', other: 'e-mails' },
  failure: { one: 'échec', other: 'échecs' },
  step: { one: 'étape', other: 'étapes' },
  visit: { one: 'visite', other: 'visites' },
  signature: { one: 'signature', other: 'signatures' },
  member: { one: 'membre', other: 'membres' },
  recipient: { one: 'destinataire', other: 'destinataires' },
  attempt: { one: 'tentative', other: 'tentatives' },
  subscription: { one: 'abonnement', other: 'abonnements' },
} as const satisfies Record<string, Forms>;
