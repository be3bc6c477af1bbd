import { sql, type RawBuilder } from 'kysely';
import { escapeLike } from '../lib/text.js';

/**
 * `column LIKE '%term%'` with `%`, `_` and `\` in the term taken literally,
 * the same on both engines: PostgreSQL escapes with a backslash by default,
 * SQLite has no escape character unless the query names one (issue 9: an
 * address search for « jean_dupont » found nothing on SQLite).
 */
export function containsText(column: string, term: string): RawBuilder<boolean> {
  return sql<boolean>`${sql.ref(column)} like ${`%${escapeLike(term)}%`} escape '\\'`;
}
