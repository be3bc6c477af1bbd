import { csvDocument } from '../../lib/csv.js';
import { formatDateShort } from '../../lib/time.js';
import { CHANNELS, STATUSES, type Channel } from './requests.constants.js';
import type { ListItem } from './requests.list.views.js';

/** More than any committee's register; the export says so when a filter would be needed. */
export const EXPORT_MAX_ROWS = 20_000;

/**
 * The register as a spreadsheet (CSV, `;`, UTF-8 with BOM: Excel in Belgium
 * reads it as is), with the list's filters. What the list shows, never an
 * identity nor the confidential notes; subjects are typed by volunteers, so
 * every cell is protected against formulas.
 */
export function requestsCsv(items: ListItem[], rows: Array<{ id: number; channel: string }>): string {
  const channelOf = new Map(rows.map((r) => [r.id, r.channel]));
  return csvDocument(
    ['N°', 'Reçue le', 'Type', 'Objet', 'Canal', 'Thèmes', 'Statut', 'Issue', 'Suivie par'],
    items.map((i) => {
      const channel = channelOf.get(i.id) ?? '';
      return [
        i.reference,
        formatDateShort(i.receivedOn),
        i.kind,
        i.subject,
        CHANNELS.labels[channel as Channel] ?? channel,
        i.themes.join(', '),
        STATUSES.labels[i.status],
        i.outcome,
        i.assignees.join(', '),
      ];
    }),
  );
}
