import type { Db, DbOrTrx } from '../../db/index.js';
import { nowIso } from '../../lib/time.js';
import { guideContentFr } from './guide.content.js';
import { parseGuideContent } from './guide.schemas.js';
import type { GuideContent } from './guide.types.js';
import { validateGuideContent } from './guide.validator.js';
import { AppError } from '../../errors.js';

/**
 * The guide's content lives in the database as a list of published versions
 * (the first one is the shipped JSON). Every edit publishes a whole new
 * version after the validator accepts it; reverting publishes an old one again.
 */
export class GuideContentRejectedError extends AppError {
  override readonly name: string = 'GuideContentRejectedError';
  constructor(readonly problems: string[]) {
    super(
      'GUIDE_CONTENT_INVALID',
      `Modification refusée : le contenu du guide ne serait plus valide.\n${problems.join('\n')}`,
    );
  }
}

// One cache per database handle (tests and tools may open several).
const caches = new WeakMap<object, CurrentGuide>();

/** The content in force, with the instant it was published (« dernière modification »). */
export interface CurrentGuide {
  id: number;
  content: GuideContent;
  publishedAt: string;
}

async function latestId(db: DbOrTrx): Promise<number | null> {
  const row = await db
    .selectFrom('guide_versions')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst();
  return row?.id === null || row?.id === undefined ? null : Number(row.id);
}

/** « 0.10.0 » > « 0.9.1 »: numeric comparison of dotted versions. */
function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map((n) => Number.parseInt(n, 10) || 0);
  const pb = b.split('.').map((n) => Number.parseInt(n, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

function shippedSummary(version: string): string {
  return `Contenu livré avec Vigie (version ${version})`;
}

/**
 * Installs the shipped content as version 1 on a fresh database, and publishes a newer shipped
 * content (a legal correction in a release) over an older one. Board edits stay in the history
 * and can be restored; the validator decides whether they still fit the new flow.
 */
export async function ensureGuideContent(db: Db): Promise<void> {
  const id = await latestId(db);
  if (id !== null) {
    const row = await db.selectFrom('guide_versions').select('content').where('id', '=', id).executeTakeFirstOrThrow();
    const raw = JSON.parse(row.content) as { version?: unknown };
    const current = typeof raw.version === 'string' ? raw.version : '0';
    if (compareVersions(guideContentFr.version, current) <= 0) return;
  }
  await db
    .insertInto('guide_versions')
    .values({
      content: JSON.stringify(guideContentFr),
      summary: id === null ? 'Contenu initial livré avec Vigie' : shippedSummary(guideContentFr.version),
      created_by: null,
      created_at: nowIso(),
      reverted_from: null,
    })
    .execute();
  caches.delete(db);
}

/** The content in force, cached until a new version is published. */
export async function currentGuide(db: Db): Promise<CurrentGuide> {
  const id = await latestId(db);
  if (id === null) {
    await ensureGuideContent(db);
    return currentGuide(db);
  }
  const cached = caches.get(db);
  if (cached && cached.id === id) return cached;
  const row = await db
    .selectFrom('guide_versions')
    .select(['id', 'content', 'created_at'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  const fresh = { id: row.id, content: parseGuideContent(JSON.parse(row.content)), publishedAt: row.created_at };
  caches.set(db, fresh);
  return fresh;
}

export async function guideVersion(
  db: DbOrTrx,
  id: number,
): Promise<{ id: number; content: GuideContent } | undefined> {
  const row = await db.selectFrom('guide_versions').select(['id', 'content']).where('id', '=', id).executeTakeFirst();
  return row ? { id: row.id, content: parseGuideContent(JSON.parse(row.content)) } : undefined;
}

export function listGuideVersions(db: DbOrTrx) {
  return db
    .selectFrom('guide_versions')
    .leftJoin('users', 'users.id', 'guide_versions.created_by')
    .select([
      'guide_versions.id',
      'guide_versions.summary',
      'guide_versions.created_at',
      'guide_versions.reverted_from',
      'users.display_name as author',
    ])
    .orderBy('guide_versions.id', 'desc')
    .execute();
}

/** Lists what differs, as readable paths (« leaves.L10.text »). */
export function describeChanges(before: GuideContent, after: GuideContent): string[] {
  const out: string[] = [];
  const walk = (a: unknown, b: unknown, path: string) => {
    if (JSON.stringify(a) === JSON.stringify(b)) return;
    if (Array.isArray(a) && Array.isArray(b) && a.every((x) => typeof x === 'object' && x && 'id' in x)) {
      const ids = new Set([...a, ...b].map((x: { id: string }) => x.id));
      for (const id of ids)
        walk(
          a.find((x: { id: string }) => x.id === id),
          b.find((x: { id: string }) => x.id === id),
          `${path}.${id}`,
        );
      return;
    }
    if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
      for (const k of new Set([...Object.keys(a), ...Object.keys(b)]))
        walk((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], path ? `${path}.${k}` : k);
      return;
    }
    out.push(path);
  };
  walk(before, after, '');
  return out;
}

/** Validates, then publishes a new version. Returns its id. */
export async function publishGuide(
  db: Db,
  content: GuideContent,
  actorId: number | null,
  summary: string,
  revertedFrom: number | null = null,
): Promise<number> {
  const problems = validateGuideContent(content);
  if (problems.length) throw new GuideContentRejectedError(problems);
  const { id } = await db
    .insertInto('guide_versions')
    .values({
      content: JSON.stringify(content),
      summary: summary.slice(0, 2000),
      created_by: actorId,
      created_at: nowIso(),
      reverted_from: revertedFrom,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  caches.delete(db);
  return id;
}
