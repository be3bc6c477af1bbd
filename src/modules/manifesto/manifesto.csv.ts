import type { Selectable } from 'kysely';
import type { SignaturesTable } from '../../db/schema.js';
import { KIND_LABELS, STATUS_LABELS } from './manifesto.schemas.js';
import { reasonsText } from '../antibot/antibot.views.js';
import { csvCell as cell } from '../../lib/csv.js';
import { formatInstant } from '../../lib/time.js';

/** A signature as exported: the table's row without what only the app uses. */
export type CsvSignature = Omit<
  Selectable<SignaturesTable>,
  'search_text' | 'token_hash' | 'expires_at' | 'updated_at'
>;

const yesNo = (v: number) => (v === 1 ? 'oui' : 'non');

/**
 * Signatures come from the public: each cell is protected against formulas (src/lib/csv.ts).
 * Dates as a Belgian spreadsheet reads them, « 27/11/2026 14:05 » in Brussels time (docs/typography.md, « Dates »).
 */
export function signaturesCsv(rows: CsvSignature[]): string {
  const header = [
    'N°',
    'Type',
    'Nom',
    'Fonction ou organisation',
    'Localité',
    'E-mail',
    'Langue',
    'Liste publique',
    'Newsletter',
    'Accepte d’être contacté·e',
    'Masquée par le bureau',
    'Statut',
    'Raisons de la quarantaine',
    'Signée le',
    'Confirmée le',
  ];
  const lines = rows.map((r) =>
    [
      r.id,
      KIND_LABELS[r.kind],
      r.name,
      r.function_or_org,
      r.town,
      r.email,
      r.locale,
      yesNo(r.show_publicly),
      yesNo(r.newsletter),
      yesNo(r.contact),
      yesNo(r.hidden),
      STATUS_LABELS[r.status],
      reasonsText(r.quarantine_reasons),
      formatInstant(r.created_at),
      r.confirmed_at ? formatInstant(r.confirmed_at) : null,
    ]
      .map(cell)
      .join(';'),
  );
  return `\uFEFF${[header.map(cell).join(';'), ...lines].join('\r\n')}\r\n`;
}
