import type { DbOrTrx } from '../../db/index.js';
import { NOUNS, plural } from '../../lib/plural.js';
import { brusselsDateTime } from '../../lib/time.js';
import type { CurrentUser } from '../../web/access.js';
import type { ExportFormat, ExportTable } from '../../web/downloads.js';
import { recordAudit } from '../audit/audit.service.js';
import {
  listSubscribers,
  SOURCE_LABELS,
  SUBSCRIBER_STATUS_LABELS,
  type SubscriberFilter,
} from './newsletter.service.js';

/** Far more than any committee's list. */
const EXPORT_MAX_ROWS = 100_000;

const instant = (iso: string | null) => (iso ? { date: brusselsDateTime(iso) } : null);

/**
 * The subscribers for a spreadsheet (CSV or XLSX; admins only), with the
 * page's filters. Addresses are typed by the public: every cell is protected
 * against formulas (src/web/downloads.tsx).
 */
export async function subscribersTable(
  db: DbOrTrx,
  filter: Pick<SubscriberFilter, 'status' | 'q'>,
): Promise<ExportTable> {
  const { rows } = await listSubscribers(db, { ...filter, page: 1, pageSize: EXPORT_MAX_ROWS });
  return {
    name: 'Abonnés',
    header: ['Adresse e-mail', 'Langue', 'Statut', 'Origine', 'Inscrit·e le', 'Confirmé·e le', 'Désinscrit·e le'],
    rows: rows.map((r) => [
      r.email,
      r.locale.toUpperCase(),
      SUBSCRIBER_STATUS_LABELS[r.status],
      SOURCE_LABELS[r.source],
      instant(r.created_at),
      instant(r.confirmed_at),
      instant(r.unsubscribed_at),
    ]),
  };
}

/** Addresses leave Vigie: the audit trail says who took them, when, in which format, how many. */
export async function auditSubscribersExport(
  db: DbOrTrx,
  actor: CurrentUser | null,
  format: ExportFormat,
  count: number,
): Promise<void> {
  await recordAudit(db, {
    actorId: actor?.id ?? null,
    action: 'newsletter.export',
    entityType: 'newsletter',
    summary: `${format.toUpperCase()}, ${plural(count, NOUNS.address)}`,
  });
}
