import { createHash } from 'node:crypto';
import { OUTCOMES, STATUSES, type Outcome } from '../requests/requests.constants.js';
import { findIdentifyingText, HINT_LABELS } from '../requests/requests.identifying.js';
import type { TaxonomyEntry } from '../taxonomy/taxonomy.service.js';
import type { IdentifyingWarningItem, ReviewColumn, ReviewItem, ThemeGroup } from './reports.model.js';
import type { ReviewRow } from './reports.queries.js';

/**
 * The review (bilan moral): which column each request goes in, its outcome in
 * French, its theme, advice requests grouped by theme, and the texts that look
 * identifying.
 */

/** Which outcomes go in which column of the review (the seed's « réalisées » / « annulées ou déclinées » / « prévues »). */
const DONE: readonly Outcome[] = ['done', 'answered', 'hearing_held'];
const DECLINED_OR_CANCELLED: readonly Outcome[] = ['declined', 'cancelled', 'withdrawn'];
const LATER: readonly Outcome[] = ['later_year'];
/** Outcomes the report never prints: an old register that did not say. */
const SILENT: readonly Outcome[] = ['not_recorded'];

function outcomeText(row: ReviewRow, reasons: TaxonomyEntry[]): string {
  if (row.status !== 'closed' || !row.outcome)
    return `${STATUSES.labels[row.status] ?? row.status} (pas encore clôturée)`;
  if (SILENT.includes(row.outcome)) return '';
  const label =
    row.outcome === 'later_year' && row.planned_year
      ? `Prévue en ${row.planned_year}`
      : (OUTCOMES.labels[row.outcome] ?? row.outcome);
  const reason =
    row.outcome_reason_id === null ? '' : (reasons.find((r) => r.id === row.outcome_reason_id)?.label ?? '');
  return [label, reason, row.outcome_detail ?? ''].filter(Boolean).join(' — ');
}

export function column(row: ReviewRow): ReviewColumn {
  const outcome = row.status === 'closed' ? row.outcome : null;
  if (outcome && DONE.includes(outcome)) return 'done';
  if (outcome && DECLINED_OR_CANCELLED.includes(outcome)) return 'declinedOrCancelled';
  if (outcome && LATER.includes(outcome)) return 'later';
  return 'other';
}

/** One place per request: its most specific theme (a sub-theme before its parent), first in the taxonomy's order. */
export function themeOf(themeIds: readonly number[], themes: readonly TaxonomyEntry[]): TaxonomyEntry | undefined {
  const linked = themes.filter((t) => themeIds.includes(t.id));
  return linked.find((t) => t.parentId !== null) ?? linked[0];
}

export function toItem(row: ReviewRow, reasons: TaxonomyEntry[], theme: TaxonomyEntry | undefined): ReviewItem {
  const text = row.report_text?.trim();
  return {
    reference: row.reference,
    year: row.year,
    subject: row.subject,
    outcome: outcomeText(row, reasons),
    eventOn: row.event_on,
    plannedYear: row.planned_year,
    text: text ? text : null,
    activityOn: row.event_on ?? row.received_on,
    column: column(row),
    theme: theme?.code ?? null,
    outcomeKnown: row.outcome === null || !SILENT.includes(row.outcome),
  };
}

/** Items grouped under the theme tree (roots in order, then their sub-themes); items without a theme apart. */
export function groupByTheme(
  items: readonly ReviewItem[],
  themes: ReadonlyArray<{ code: string; label: string; parent: string | null }>,
): { groups: ThemeGroup[]; without: ReviewItem[] } {
  const byTheme = new Map<string, ReviewItem[]>();
  const without: ReviewItem[] = [];
  for (const item of items) {
    if (!item.theme) without.push(item);
    else byTheme.set(item.theme, [...(byTheme.get(item.theme) ?? []), item]);
  }
  const groups: ThemeGroup[] = [];
  for (const root of themes.filter((t) => t.parent === null)) {
    const children = themes
      .filter((t) => t.parent === root.code && byTheme.has(t.code))
      .map((t) => ({ code: t.code, label: t.label, items: byTheme.get(t.code) ?? [] }));
    const rootItems = byTheme.get(root.code) ?? [];
    if (rootItems.length || children.length)
      groups.push({ code: root.code, label: root.label, items: rootItems, children });
  }
  return { groups, without };
}

/** What a board member checked: the texts of a request that reach the report. */
export function identifyingHash(row: Pick<ReviewRow, 'subject' | 'outcome_detail' | 'report_text'>): string {
  return createHash('sha256')
    .update(`${row.subject}\n${row.outcome_detail ?? ''}\n${row.report_text ?? ''}`)
    .digest('hex');
}

/** The hints for one request's texts (subject, outcome detail, text for the report). */
export function identifyingHints(row: Pick<ReviewRow, 'subject' | 'outcome_detail' | 'report_text'>): string[] {
  return [
    ...findIdentifyingText(row.subject).map((h) => `${HINT_LABELS[h.kind]} : « ${h.excerpt} »`),
    ...findIdentifyingText(row.outcome_detail ?? '').map(
      (h) => `${HINT_LABELS[h.kind]} dans la précision de l'issue : « ${h.excerpt} »`,
    ),
    ...findIdentifyingText(row.report_text ?? '').map(
      (h) => `${HINT_LABELS[h.kind]} dans le texte pour le rapport : « ${h.excerpt} »`,
    ),
  ];
}

/**
 * Texts that look identifying and block the exports. A request a board member
 * marked « vérifié : rien d'identifiant » no longer does, as long as its texts
 * are the ones that were checked.
 */
export function warningsOf(rows: ReviewRow[]): IdentifyingWarningItem[] {
  const out: IdentifyingWarningItem[] = [];
  for (const row of rows) {
    const hints = identifyingHints(row);
    if (!hints.length) continue;
    if (row.identifying_checked_hash && row.identifying_checked_hash === identifyingHash(row)) continue;
    out.push({ requestId: row.id, reference: row.reference, subject: row.subject, hints });
  }
  return out;
}
