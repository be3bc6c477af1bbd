import type { DbOrTrx } from '../../db/index.js';
import { FIGURE_KEYS, figureLabel } from '../figures/figures.keys.js';

export { manualFigures, type ManualFigures } from '../figures/figures.service.js';

/** Years that have at least one manual figure (offered in the report's year picker). */
export async function manualFigureYears(db: DbOrTrx): Promise<number[]> {
  const rows = await db.selectFrom('yearly_figures').select('yearly_figures.year').distinct().orderBy('yearly_figures.year').execute();
  return rows.map((r) => Number(r.year));
}

/** The manual figure that the register replaces when it holds requests for the year. */
export const REQUESTS_TOTAL_KEY = 'requests.total';

/**
 * The key figures in the report's order: the figures module's order, then any
 * other key found in the table (sorted), under its label or its key.
 */
export function orderedFigureKeys(present: Iterable<string>): Array<{ key: string; label: string }> {
  const set = new Set(present);
  const known = FIGURE_KEYS.filter((k) => set.has(k.key)).map((k) => ({ key: k.key, label: k.label }));
  const others = [...set].filter((key) => !FIGURE_KEYS.some((k) => k.key === key)).sort().map((key) => ({ key, label: figureLabel(key) }));
  return [...known, ...others];
}
