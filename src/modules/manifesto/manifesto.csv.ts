import type { Selectable } from 'kysely';
import type { SignaturesTable } from '../../db/schema.js';
import { KIND_LABELS, STATUS_LABELS, type SignatureKind, type SignatureStatus } from './manifesto.schemas.js';
import { reasonsText } from '../antibot/antibot.views.js';

/**
 * CSV for a spreadsheet opened in Belgium: UTF-8 with a BOM (Excel reads the
 * accents), `;` between fields, CRLF lines. A cell starting with = + - @ is
 * prefixed with an apostrophe: signatures come from the public, and a formula
 * typed as a name must not run in the board's spreadsheet.
 */
function cell(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A signature as exported: the table's row without what only the app uses. */
export type CsvSignature = Omit<
  Selectable<SignaturesTable>,
  'search_text' | 'token_hash' | 'expires_at' | 'updated_at'
>;

const yesNo = (v: number) => (v === 1 ? 'oui' : 'non');

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
      KIND_LABELS[r.kind as SignatureKind] ?? r.kind,
      r.name,
      r.function_or_org,
      r.town,
      r.email,
      r.locale,
      yesNo(r.show_publicly),
      yesNo(r.newsletter),
      yesNo(r.contact),
      yesNo(r.hidden),
      STATUS_LABELS[r.status as SignatureStatus] ?? r.status,
      reasonsText(r.quarantine_reasons),
      r.created_at,
      r.confirmed_at,
    ]
      .map(cell)
      .join(';'),
  );
  return `\uFEFF${[header.map(cell).join(';'), ...lines].join('\r\n')}\r\n`;
}
