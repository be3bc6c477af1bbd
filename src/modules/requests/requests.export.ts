import type { DbOrTrx } from '../../db/index.js';
import type { CurrentUser } from '../../web/access.js';
import type { ExportFormat, ExportTable } from '../../web/downloads.js';
import { NOUNS, plural } from '../../lib/plural.js';
import { recordAudit } from '../audit/audit.service.js';
import { CHANNELS, STATUSES, type Channel } from './requests.constants.js';
import type { ListItem } from './requests.list.views.js';

/** More than any committee's register; the export says so when a filter would be needed. */
export const EXPORT_MAX_ROWS = 20_000;

/**
 * The register for a spreadsheet (CSV or XLSX, src/web/downloads.ts), with the
 * list's filters. What the list shows, never an identity nor the confidential
 * notes; subjects are typed by volunteers, so every cell is protected against
 * formulas.
 */
export function requestsTable(items: ListItem[], rows: Array<{ id: number; channel: Channel }>): ExportTable {
  const channelOf = new Map(rows.map((r) => [r.id, r.channel]));
  return {
    name: 'Demandes',
    header: ['N°', 'Reçue le', 'Type', 'Objet', 'Canal', 'Thèmes', 'Statut', 'Issue', 'Suivie par'],
    rows: items.map((i) => {
      const channel = channelOf.get(i.id) ?? '';
      return [
        i.reference,
        { date: i.receivedOn },
        i.kind,
        i.subject,
        channel === '' ? '' : CHANNELS.labels[channel],
        i.themes.join(', '),
        STATUSES.labels[i.status],
        i.outcome,
        i.assignees.join(', '),
      ];
    }),
  };
}

/** Every export is in the audit trail: who, when, the format and how many lines (never the filters' words). */
export async function auditRequestsExport(
  db: DbOrTrx,
  actor: CurrentUser,
  format: ExportFormat,
  count: number,
): Promise<void> {
  await recordAudit(db, {
    actorId: actor.id,
    action: 'request.export',
    entityType: 'request',
    summary: `${format.toUpperCase()}, ${plural(count, NOUNS.request)}`,
  });
}
