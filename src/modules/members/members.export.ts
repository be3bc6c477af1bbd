import type { DbOrTrx } from '../../db/index.js';
import { NOUNS, plural } from '../../lib/plural.js';
import type { CurrentUser } from '../../web/access.js';
import type { ExportFormat, ExportTable } from '../../web/downloads.js';
import { recordAudit } from '../audit/audit.service.js';
import { KIND_LABELS, type MemberRow } from './members.service.js';

/**
 * The plenary's members for a spreadsheet (CSV or XLSX), with the list's
 * filters: contact details included, since the board keeps them. Names and
 * notes are typed by people: every cell is protected against formulas
 * (src/web/downloads.ts).
 */
export function membersTable(rows: MemberRow[]): ExportTable {
  return {
    name: 'Membres',
    header: ['Nom', 'Type', 'E-mail de contact', 'Téléphone', 'Membre depuis', 'Jusqu’au', 'Liste publique', 'Notes'],
    rows: rows.map((r) => [
      r.name,
      KIND_LABELS[r.kind] ?? r.kind,
      r.contact_email,
      r.contact_phone,
      r.joined_on ? { date: r.joined_on } : null,
      r.left_on ? { date: r.left_on } : null,
      r.kind === 'organisation' ? (r.show_publicly === 1 ? 'oui' : 'non') : '',
      r.notes,
    ]),
  };
}

/** Contact details leave Vigie: the audit trail says who took them, when, in which format, how many. */
export async function auditMembersExport(
  db: DbOrTrx,
  actor: CurrentUser | null,
  format: ExportFormat,
  count: number,
): Promise<void> {
  await recordAudit(db, {
    actorId: actor?.id ?? null,
    action: 'member.export',
    entityType: 'member',
    summary: `${format.toUpperCase()}, ${plural(count, NOUNS.member)}`,
  });
}
