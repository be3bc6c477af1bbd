import { OUTCOMES, STATUSES, type Outcome, type Status } from '../requests/requests.constants.js';
import { findIdentifyingText, HINT_LABELS } from '../requests/requests.identifying.js';
import type { TaxonomyEntry } from '../taxonomy/taxonomy.service.js';
import type { IdentifyingWarningItem, KindReview, ReviewItem, ThemeGroup } from './reports.model.js';
import type { ReviewRow } from './reports.queries.js';

/**
 * The review (bilan moral): which column each request goes in, its outcome in
 * French, advice requests grouped by theme, and the texts that look identifying.
 */

/** Which outcomes go in which column of the review (the seed's « réalisées » / « annulées ou déclinées » / « prévues »). */
const DONE: readonly Outcome[] = ['done', 'answered', 'hearing_held'];
const DECLINED_OR_CANCELLED: readonly Outcome[] = ['declined', 'cancelled', 'withdrawn'];
const LATER: readonly Outcome[] = ['later_year'];
/** Outcomes the report never prints: an old register that did not say. */
const SILENT: readonly Outcome[] = ['not_recorded'];

function outcomeText(row: ReviewRow, reasons: TaxonomyEntry[]): string {
  if (row.status !== 'closed' || !row.outcome)
    return `${STATUSES.labels[row.status as Status] ?? row.status} (pas encore clôturée)`;
  if (SILENT.includes(row.outcome as Outcome)) return '';
  const label =
    row.outcome === 'later_year' && row.planned_year
      ? `Prévue en ${row.planned_year}`
      : (OUTCOMES.labels[row.outcome as Outcome] ?? row.outcome);
  const reason =
    row.outcome_reason_id === null ? '' : (reasons.find((r) => r.id === row.outcome_reason_id)?.label ?? '');
  return [label, reason, row.outcome_detail ?? ''].filter(Boolean).join(' — ');
}

export function toItem(row: ReviewRow, reasons: TaxonomyEntry[]): ReviewItem {
  return {
    reference: row.reference,
    year: row.year,
    subject: row.subject,
    outcome: outcomeText(row, reasons),
    eventOn: row.event_on,
    plannedYear: row.planned_year,
  };
}

export function column(row: ReviewRow): keyof Omit<KindReview, 'code' | 'label'> {
  const outcome = row.status === 'closed' ? (row.outcome as Outcome | null) : null;
  if (outcome && DONE.includes(outcome)) return 'done';
  if (outcome && DECLINED_OR_CANCELLED.includes(outcome)) return 'declinedOrCancelled';
  if (outcome && LATER.includes(outcome)) return 'later';
  return 'other';
}

/** One place per request: its most specific theme (a sub-theme before its parent), first in the taxonomy's order. */
function themeOf(themeIds: number[], themes: TaxonomyEntry[]): TaxonomyEntry | undefined {
  const linked = themes.filter((t) => themeIds.includes(t.id));
  return linked.find((t) => t.parentId !== null) ?? linked[0];
}

export function groupByTheme(
  rows: ReviewRow[],
  links: Map<number, number[]>,
  themes: TaxonomyEntry[],
  reasons: TaxonomyEntry[],
): { groups: ThemeGroup[]; without: ReviewItem[] } {
  const byTheme = new Map<number, ReviewItem[]>();
  const without: ReviewItem[] = [];
  for (const row of rows) {
    const theme = themeOf(links.get(row.id) ?? [], themes);
    if (!theme) without.push(toItem(row, reasons));
    else {
      const list = byTheme.get(theme.id) ?? [];
      list.push(toItem(row, reasons));
      byTheme.set(theme.id, list);
    }
  }
  const groups: ThemeGroup[] = [];
  for (const root of themes.filter((t) => t.parentId === null)) {
    const children = themes
      .filter((t) => t.parentId === root.id && byTheme.has(t.id))
      .map((t) => ({ code: t.code, label: t.label, items: byTheme.get(t.id) ?? [] }));
    const items = byTheme.get(root.id) ?? [];
    if (items.length || children.length) groups.push({ code: root.code, label: root.label, items, children });
  }
  return { groups, without };
}

export function warningsOf(rows: ReviewRow[]): IdentifyingWarningItem[] {
  const out: IdentifyingWarningItem[] = [];
  for (const row of rows) {
    const hints = [
      ...findIdentifyingText(row.subject).map((h) => `${HINT_LABELS[h.kind]} : « ${h.excerpt} »`),
      ...findIdentifyingText(row.outcome_detail ?? '').map(
        (h) => `${HINT_LABELS[h.kind]} dans la précision de l'issue : « ${h.excerpt} »`,
      ),
    ];
    if (hints.length) out.push({ requestId: row.id, reference: row.reference, subject: row.subject, hints });
  }
  return out;
}
