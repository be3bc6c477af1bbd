/**
 * Who runs this Vigie: the organisation's name and how French says « of » it
 * (« du Comité… », « de la Fédération… », « de l’Association… »). A setting,
 * never a string splice: « de Comité » is what splicing gave.
 */
export const ARTICLES = {
  du: 'du',
  de_la: 'de la',
  de_l: 'de l’',
  des: 'des',
  de: 'de',
} as const;
export type Article = keyof typeof ARTICLES;

export function isArticle(value: string): value is Article {
  return Object.hasOwn(ARTICLES, value);
}

/** « de » + name, elided and contracted as French wants it. */
export function nameOf(name: string, article: Article): string {
  const a = ARTICLES[article];
  return a.endsWith('’') ? `${a}${name}` : `${a} ${name}`;
}

/** A reasonable guess for a name typed without its article (the configured default). */
export function guessArticle(name: string): Article {
  const first = name.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
  if (/^[aeiouyéèêàâîôûh]/.test(first)) return 'de_l';
  if (/^(fédération|association|coordination|ligue|maison|plateforme|cellule|commission)$/.test(first)) return 'de_la';
  if (/^(comité|collectif|conseil|centre|réseau|service|groupe|forum|mouvement)$/.test(first)) return 'du';
  return 'de';
}

/** « du Comité de test » for a name given without its article (configuration, before the board saves it). */
export function organisationOf(name: string): string {
  return nameOf(name, guessArticle(name));
}
