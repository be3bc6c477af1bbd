import { foldText } from '../../lib/text.js';
import { decodeUtf8, FileFormatError, parseCsv } from '../imports/imports.csv.js';
import { memberSchema, type MemberInput, type MemberRow } from './members.service.js';

/**
 * CSV import of members (the CSV reader is the imports module's `parseCsv`).
 * French headers, separator `;` or `,`, UTF-8. Every problem is reported with
 * its line and column; one problem and nothing is imported.
 * Format: docs/content-and-stats.md and docs/samples/members-sample.csv.
 */
const CSV_COLUMNS = {
  type: 'kind',
  nom: 'name',
  email: 'contactEmail',
  telephone: 'contactPhone',
  membre_depuis: 'joinedOn',
  membre_jusqu_au: 'leftOn',
  liste_publique: 'showPublicly',
  accord_email: 'mailConsent',
  notes: 'notes',
} as const;
type CsvColumn = keyof typeof CSV_COLUMNS;

const ALIASES: Record<string, CsvColumn> = {
  type: 'type',
  genre: 'type',
  nature: 'type',
  nom: 'nom',
  name: 'nom',
  denomination: 'nom',
  email: 'email',
  mail: 'email',
  courriel: 'email',
  adresse_email: 'email',
  e_mail: 'email',
  telephone: 'telephone',
  tel: 'telephone',
  gsm: 'telephone',
  phone: 'telephone',
  membre_depuis: 'membre_depuis',
  depuis: 'membre_depuis',
  date_d_adhesion: 'membre_depuis',
  adhesion: 'membre_depuis',
  joined_on: 'membre_depuis',
  membre_jusqu_au: 'membre_jusqu_au',
  jusqu_au: 'membre_jusqu_au',
  depart: 'membre_jusqu_au',
  left_on: 'membre_jusqu_au',
  date_de_depart: 'membre_jusqu_au',
  liste_publique: 'liste_publique',
  public: 'liste_publique',
  publier: 'liste_publique',
  accord_publication: 'liste_publique',
  show_publicly: 'liste_publique',
  accord_email: 'accord_email',
  accord_e_mail: 'accord_email',
  accord_mail: 'accord_email',
  convocations_par_e_mail: 'accord_email',
  consentement_e_mail: 'accord_email',
  accord_courriel: 'accord_email',
  accord_convocations: 'accord_email',
  convocations_par_email: 'accord_email',
  convocation_par_email: 'accord_email',
  consentement_email: 'accord_email',
  consentement_mail: 'accord_email',
  accepte_les_emails: 'accord_email',
  mail_consent: 'accord_email',
  notes: 'notes',
  remarques: 'notes',
  note: 'notes',
};

const KIND_WORDS: Record<string, 'organisation' | 'individual'> = {
  organisation: 'organisation',
  organization: 'organisation',
  org: 'organisation',
  association: 'organisation',
  institution: 'organisation',
  service: 'organisation',
  personne: 'individual',
  individu: 'individual',
  individuel: 'individual',
  individuelle: 'individual',
  individual: 'individual',
  person: 'individual',
  particulier: 'individual',
};
const YES = new Set(['oui', 'o', 'x', '1', 'yes', 'y', 'true', 'vrai', 'ja']);
const NO = new Set(['', 'non', 'n', '0', 'no', 'false', 'faux', 'nee']);
/** The values the board may type in a yes/no column, as the error message lists them. */
const YES_NO_WORDS = '« oui » (ou o, x, 1, vrai, ja), « non » (ou n, 0, faux, nee) ou rien (= non)';

export interface CsvProblem {
  line: number;
  column: string | null;
  message: string;
}

export function formatCsvProblem(p: CsvProblem): string {
  return p.column ? `ligne ${p.line}, colonne « ${p.column} » : ${p.message}` : `ligne ${p.line} : ${p.message}`;
}

function headerKey(raw: string): string {
  return foldText(raw)
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

export interface CheckedMembers {
  members: MemberInput[];
  problems: CsvProblem[];
}

/** Checks a whole file against the members already present (same kind and name = duplicate). */
export function checkMembersCsv(data: Uint8Array, existing: Pick<MemberRow, 'kind' | 'name'>[]): CheckedMembers {
  let table;
  try {
    table = parseCsv(decodeUtf8(data));
  } catch (error) {
    if (error instanceof FileFormatError)
      return { members: [], problems: [{ line: 1, column: null, message: error.message }] };
    throw error;
  }
  const problems: CsvProblem[] = [];
  const index = new Map<CsvColumn, number>();
  table.header.forEach((h, i) => {
    const key = ALIASES[headerKey(h)];
    if (!key)
      problems.push({
        line: 1,
        column: h,
        message: `en-tête inconnu. En-têtes possibles : ${Object.keys(CSV_COLUMNS).join(', ')}.`,
      });
    else if (index.has(key)) problems.push({ line: 1, column: h, message: 'cette colonne apparaît deux fois.' });
    else index.set(key, i);
  });
  for (const required of ['type', 'nom'] as const) {
    if (!index.has(required)) problems.push({ line: 1, column: required, message: 'colonne obligatoire absente.' });
  }
  if (problems.length) return { members: [], problems };
  if (table.rows.length === 0)
    return { members: [], problems: [{ line: 2, column: null, message: 'aucune ligne de données.' }] };
  if (table.rows.length > 5000)
    return {
      members: [],
      problems: [{ line: 1, column: null, message: 'plus de 5 000 lignes : découpez le fichier.' }],
    };

  const seen = new Set(existing.map((e) => `${e.kind}|${foldText(e.name)}`));
  const members: MemberInput[] = [];
  for (const row of table.rows) {
    const cell = (c: CsvColumn) => {
      const i = index.get(c);
      return i === undefined ? '' : (row.cells[i] ?? '').trim();
    };
    const before = problems.length;
    const kindWord = foldText(cell('type'));
    const kind = KIND_WORDS[kindWord];
    if (!kind)
      problems.push({
        line: row.line,
        column: 'type',
        message: `« ${cell('type')} » : indiquez « organisation » ou « personne ».`,
      });
    const consent = foldText(cell('liste_publique'));
    if (!YES.has(consent) && !NO.has(consent))
      problems.push({
        line: row.line,
        column: 'liste_publique',
        message: `« ${cell('liste_publique')} » : indiquez « oui » ou « non ».`,
      });
    const mailConsent = foldText(cell('accord_email'));
    if (!YES.has(mailConsent) && !NO.has(mailConsent))
      problems.push({
        line: row.line,
        column: 'accord_email',
        message: `« ${cell('accord_email')} » n’est pas une réponse reconnue. Valeurs acceptées : ${YES_NO_WORDS}.`,
      });
    if (row.cells.length > table.header.length && row.cells.slice(table.header.length).some((c) => c !== '')) {
      problems.push({
        line: row.line,
        column: null,
        message: 'plus de cellules que d’en-têtes (un séparateur en trop ?).',
      });
    }
    const parsed = memberSchema.safeParse({
      kind: kind ?? 'organisation',
      name: cell('nom'),
      contactEmail: cell('email'),
      contactPhone: cell('telephone'),
      joinedOn: cell('membre_depuis'),
      leftOn: cell('membre_jusqu_au'),
      showPublicly: YES.has(consent) ? 'oui' : '',
      mailConsent: YES.has(mailConsent) ? 'oui' : '',
      notes: cell('notes'),
    });
    if (!parsed.success) {
      const columnOf: Record<string, CsvColumn> = Object.fromEntries(
        Object.entries(CSV_COLUMNS).map(([c, field]) => [field, c as CsvColumn]),
      );
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? '');
        const message = issue.message.replace(/^[^:]+ : /, '');
        problems.push({ line: row.line, column: columnOf[field] ?? null, message });
      }
    }
    if (problems.length > before || !parsed.success || !kind) continue;
    const key = `${kind}|${foldText(parsed.data.name)}`;
    if (seen.has(key)) {
      problems.push({
        line: row.line,
        column: 'nom',
        message: `« ${parsed.data.name} » est déjà membre (ou apparaît plus haut dans le fichier).`,
      });
      continue;
    }
    seen.add(key);
    members.push({ ...parsed.data, kind });
  }
  return { members: problems.length ? [] : members, problems };
}
