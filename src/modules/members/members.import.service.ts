import type { Db } from '../../db/index.js';
import type { CurrentUser } from '../../web/access.js';
import { checkMembersCsv, type CsvProblem } from './members.csv.js';
import { insertMembers } from './members.service.js';

/**
 * Imports a members CSV file: checked as a whole against the members already present (same kind
 * and name = duplicate), then inserted all together, or not at all when one line is wrong.
 */
export async function importMembersCsv(
  db: Db,
  data: Uint8Array,
  actor: CurrentUser | null,
): Promise<{ ok: true; count: number } | { ok: false; problems: CsvProblem[] }> {
  const existing = await db.selectFrom('members').select(['kind', 'name']).execute();
  const checked = checkMembersCsv(data, existing);
  if (checked.problems.length) return { ok: false, problems: checked.problems };
  return { ok: true, count: await insertMembers(db, checked.members, actor) };
}
