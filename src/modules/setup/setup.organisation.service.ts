import { FieldValidationError } from '../../errors.js';
import { z } from 'zod';
import type { DbOrTrx } from '../../db/index.js';
import { parseForm, requiredText, str } from '../../web/validation.js';
import { recordAudit } from '../audit/audit.service.js';
import { guessArticle, isArticle, nameOf, type Article } from '../../lib/organisation-name.js';

export const ARTICLE_EXAMPLES: Record<Article, string> = {
  du: '« le Comité… » : « la newsletter du Comité… »',
  de_la: '« la Fédération… » : « la newsletter de la Fédération… »',
  de_l: '« l’Association… » : « la newsletter de l’Association… »',
  des: '« les Amis… » : « la newsletter des Amis… »',
  de: 'un nom sans article (« Vigie asbl ») : « la newsletter de Vigie asbl »',
};

export interface Organisation {
  name: string;
  article: Article;
  /** « du Comité de Vigilance en Travail Social » */
  nameOf: string;
  /** False until the board saved the name once (the first-run checklist shows it). */
  confirmed: boolean;
}

const KEYS = { name: 'org.name', article: 'org.article' } as const;

export async function loadOrganisation(db: DbOrTrx, fallbackName: string): Promise<Organisation> {
  const rows = await db
    .selectFrom('settings')
    .select(['key', 'value'])
    .where('key', 'in', Object.values(KEYS))
    .execute();
  const byKey = new Map(rows.map((r) => [r.key, r.value]));
  const name = byKey.get(KEYS.name) ?? fallbackName;
  const storedArticle = byKey.get(KEYS.article) ?? '';
  const article = isArticle(storedArticle) ? storedArticle : guessArticle(name);
  return { name, article, nameOf: nameOf(name, article), confirmed: byKey.has(KEYS.name) };
}

const schema = z.object({
  name: requiredText('Nom de l’organisation', 150),
  article: z.preprocess(
    (v) => str(v),
    z.custom<Article>(
      (v) => typeof v === 'string' && isArticle(v),
      'Comment dire « la newsletter … » : choisissez une des formes proposées.',
    ),
  ),
});

export async function saveOrganisation(db: DbOrTrx, body: unknown, actorId: number | null): Promise<Organisation> {
  const parsed = parseForm(schema, body);
  if (!parsed.ok) throw new FieldValidationError(parsed.errors);
  const article = parsed.data.article;
  for (const [key, value] of [
    [KEYS.name, parsed.data.name],
    [KEYS.article, article],
  ] as const) {
    await db
      .insertInto('settings')
      .values({ key, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute();
  }
  await recordAudit(db, {
    actorId,
    action: 'setup.organisation',
    entityType: 'setup',
    summary: parsed.data.name,
  });
  return { name: parsed.data.name, article, nameOf: nameOf(parsed.data.name, article), confirmed: true };
}

/**
 * Every page shows the name: it is read once and kept in memory, dropped when
 * this process saves it, and read again after a few seconds at most (another
 * process may have saved it).
 */
export class OrganisationStore {
  #value: Organisation | null = null;
  #loadedAt = 0;
  readonly #maxAgeMs: number;
  readonly #load: () => Promise<Organisation>;

  constructor(load: () => Promise<Organisation>, maxAgeMs = 5_000) {
    this.#load = load;
    this.#maxAgeMs = maxAgeMs;
  }

  async get(now: number = Date.now()): Promise<Organisation> {
    if (this.#value && now - this.#loadedAt < this.#maxAgeMs) return this.#value;
    const value = await this.#load();
    this.#value = value;
    this.#loadedAt = now;
    return value;
  }

  invalidate(): void {
    this.#value = null;
  }
}
