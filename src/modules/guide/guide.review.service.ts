import type { Db } from '../../db/index.js';
import { NotFoundError } from '../../errors.js';
import { recordAudit } from '../audit/audit.service.js';
import { everythingReviewed } from './guide.paths.js';
import { currentGuide, publishGuide } from './guide.versions.service.js';

/**
 * Marks a result (`leaf`) or a reference « relu » by `by` on `on`, publishing a new version of the
 * guide; the content becomes `reviewed` once everything is. Returns whether it now is.
 * Throws `NotFoundError` for an unknown item, `GuideContentRejectedError` if the content is refused.
 */
export async function markReviewed(
  db: Db,
  mark: { kind: 'leaf' | 'reference'; id: string; by: string; on: string },
  actorId: number | null,
): Promise<boolean> {
  const { kind, id, by, on } = mark;
  const { content } = await currentGuide(db);
  const next = structuredClone(content);
  const item = kind === 'leaf' ? next.leaves.find((l) => l.id === id) : next.references.find((r) => r.id === id);
  if (!item) throw new NotFoundError();
  item.review = { by, on };
  next.status = everythingReviewed(next) ? 'reviewed' : 'draft';
  const versionId = await publishGuide(db, next, actorId, `Relu : ${id} (${by}, ${on})`);
  await recordAudit(db, {
    actorId,
    action: 'guide.review',
    entityType: 'guide',
    entityId: versionId,
    summary: `Relu : ${id}`,
  });
  return next.status === 'reviewed';
}
