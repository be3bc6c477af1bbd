import { sql } from 'kysely';
import type { DbOrTrx } from '../../db/index.js';
import type { Locale } from '../../db/schema.js';
import { containsText } from '../../db/like.js';
import { searchTerms } from '../../lib/text.js';
import type { SignatureKind, SignatureStatus } from './manifesto.schemas.js';

/** Rows of the Manifesto's tables. The service maps and decides; these only read. */

/** The version in force: a real text wins over the placeholder, then the latest. */
export function currentVersion(db: DbOrTrx, locale: Locale) {
  return db
    .selectFrom('manifesto_versions')
    .selectAll()
    .where('locale', '=', locale)
    .orderBy('is_placeholder', 'asc')
    .orderBy('published_on', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

/** The history in one language. Once a real text exists, the placeholder leaves the history. */
export async function listVersions(db: DbOrTrx, locale: Locale) {
  const rows = await db
    .selectFrom('manifesto_versions')
    .select(['id', 'locale', 'version_label', 'published_on', 'summary', 'is_placeholder', 'created_at'])
    .where('locale', '=', locale)
    .orderBy('published_on', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.some((r) => r.is_placeholder === 0) ? rows.filter((r) => r.is_placeholder === 0) : rows;
}

export function findVersion(db: DbOrTrx, id: number) {
  return db.selectFrom('manifesto_versions').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listAllVersions(db: DbOrTrx) {
  return db
    .selectFrom('manifesto_versions')
    .leftJoin('users', 'users.id', 'manifesto_versions.created_by')
    .select([
      'manifesto_versions.id',
      'locale',
      'version_label',
      'published_on',
      'summary',
      'is_placeholder',
      'manifesto_versions.created_at',
      'users.display_name as author',
    ])
    .orderBy('locale')
    .orderBy('published_on', 'desc')
    .orderBy('manifesto_versions.id', 'desc')
    .execute();
}

/** One count across languages: confirmed signatures by kind. */
export async function confirmedCounts(db: DbOrTrx): Promise<Record<SignatureKind, number>> {
  const rows = await db
    .selectFrom('signatures')
    .select(['kind', (eb) => eb.fn.countAll<number>().as('n')])
    .where('status', '=', 'confirmed')
    .groupBy('kind')
    .execute();
  const counts: Record<SignatureKind, number> = { individual: 0, organisation: 0 };
  for (const r of rows) if (r.kind === 'individual' || r.kind === 'organisation') counts[r.kind] = Number(r.n);
  return counts;
}

const publicList = (db: DbOrTrx) =>
  db.selectFrom('signatures').where('status', '=', 'confirmed').where('show_publicly', '=', 1).where('hidden', '=', 0);

/** Only what the signatory agreed to show: name, function or organisation, town. Never the e-mail. */
export async function publicSignatories(db: DbOrTrx, page: number, pageSize: number) {
  const [rows, total] = await Promise.all([
    publicList(db)
      .select(['kind', 'name', 'function_or_org', 'town'])
      .orderBy('search_text')
      .orderBy('id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    publicList(db)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export interface SignatureFilter {
  status?: SignatureStatus | undefined;
  kind?: SignatureKind | undefined;
  q?: string | undefined;
  page: number;
  pageSize: number;
}

function filtered(db: DbOrTrx, f: Omit<SignatureFilter, 'page' | 'pageSize'>) {
  let q = db.selectFrom('signatures');
  if (f.status) q = q.where('status', '=', f.status);
  if (f.kind) q = q.where('kind', '=', f.kind);
  for (const term of searchTerms(f.q ?? '')) q = q.where(containsText('search_text', term));
  return q;
}

export async function listSignatures(db: DbOrTrx, f: SignatureFilter) {
  const q = filtered(db, f);
  const [rows, total] = await Promise.all([
    q
      .selectAll()
      .orderBy('id', 'desc')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export function exportSignatures(db: DbOrTrx, f: Omit<SignatureFilter, 'page' | 'pageSize'>) {
  return filtered(db, f).selectAll().orderBy('id').execute();
}

export async function statusCounts(db: DbOrTrx): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('signatures')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

/** Confirmed signatures per month (YYYY-MM of the confirmation, UTC) and kind. */
export async function countsPerMonth(db: DbOrTrx) {
  const month = sql<string>`substr(confirmed_at, 1, 7)`;
  const rows = await db
    .selectFrom('signatures')
    .select([month.as('month'), 'kind', (eb) => eb.fn.countAll<number>().as('n')])
    .where('status', '=', 'confirmed')
    .where('confirmed_at', 'is not', null)
    .groupBy([month, 'kind'])
    .orderBy(month, 'desc')
    .execute();
  const byMonth = new Map<string, Record<SignatureKind, number>>();
  for (const r of rows) {
    const entry = byMonth.get(r.month) ?? { individual: 0, organisation: 0 };
    if (r.kind === 'individual' || r.kind === 'organisation') entry[r.kind] += Number(r.n);
    byMonth.set(r.month, entry);
  }
  return [...byMonth].map(([m, counts]) => ({ month: m, ...counts }));
}
