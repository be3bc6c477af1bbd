// Over 300 lines: the whole check of an imported table (header, then every cell of every row against
// the taxonomy and the fixed vocabularies, with French problems by line and column) is one pure pass;
// the column vocabulary and the row checks read the same tables, so they stay together.
import { createHash } from 'node:crypto';
import { reportTextProblem } from '../../lib/report-text.js';
import { foldText } from '../../lib/text.js';
import { isValidIsoDate, todayInBrussels } from '../../lib/time.js';
import {
  CHANNELS,
  OUTCOMES,
  STATUSES,
  type Channel,
  type Outcome,
  type Status,
} from '../requests/requests.constants.js';
import { findIdentifyingText, HINT_LABELS } from '../requests/requests.identifying.js';
import { normaliseDayInput } from '../../web/validation.js';
import type { Taxonomy, TaxonomyEntry } from '../taxonomy/taxonomy.service.js';
import type { Table, TableRow } from './imports.csv.js';

/**
 * From a table (CSV or XLSX) to rows ready for the register: every cell is
 * checked and every problem is reported with its line and column, in French.
 * Pure: the caller supplies the taxonomy.
 */
export const COLUMNS = [
  'received_on',
  'kind',
  'subject',
  'channel',
  'sector',
  'theme',
  'status',
  'outcome',
  'outcome_reason',
  'event_on',
  'planned_year',
  'notes',
  'report_text',
] as const;
export type Column = (typeof COLUMNS)[number];
export const REQUIRED_COLUMNS: readonly Column[] = ['received_on', 'kind', 'subject'];

/**
 * French headers accepted for each column, as the committee's spreadsheets
 * say them (`Date;Type;Objet…`), compared without accents, case or spaces.
 */
const FRENCH_HEADERS: Partial<Record<Column, readonly string[]>> = {
  received_on: ['Date', 'Date de réception', 'Reçue le'],
  kind: ['Type', 'Type de demande'],
  subject: ['Objet', 'Sujet'],
  channel: ['Canal'],
  sector: ['Secteur'],
  theme: ['Thème', 'Thèmes'],
  status: ['Statut'],
  outcome: ['Issue'],
  outcome_reason: ['Raison', 'Motif'],
  event_on: ['Date de l’événement', 'Date de l’audition'],
  planned_year: ['Année prévue'],
  notes: ['Remarques'],
};

/** Channel of an imported row without one: past spreadsheets rarely say how a request came in. */
export const DEFAULT_CHANNEL: Channel = 'other';
export const MAX_ROWS = 5000;
const SUBJECT_MAX = 300;
const NOTES_MAX = 20_000;

// Header words that would bring a requester's identity into the register.
const IDENTITY_WORDS = new Set(
  'name names nom noms prenom firstname lastname fullname surname email emails mail courriel phone telephone tel gsm mobile address adresse organisation organization organisme requester demandeur demandeuse identity identite contact'.split(
    ' ',
  ),
);

export interface ImportProblem {
  line: number;
  column: string | null;
  message: string;
}

export function formatProblem(p: ImportProblem): string {
  return p.column ? `ligne ${p.line}, colonne ${p.column} : ${p.message}` : `ligne ${p.line} : ${p.message}`;
}

export interface ImportRow {
  line: number;
  receivedOn: string;
  year: number;
  kindId: number;
  kindCode: string;
  kindLabel: string;
  subject: string;
  channel: Channel;
  sectorId: number | null;
  themeIds: number[];
  status: Status;
  outcome: Outcome | null;
  outcomeReasonId: number | null;
  eventOn: string | null;
  plannedYear: number | null;
  notes: string;
  /** The anonymised text printed in the activity report (1–4 sentences). */
  reportText: string;
  fingerprint: string;
}

export interface CheckedTable {
  rows: ImportRow[];
  errors: ImportProblem[];
  /** Subjects or notes that look identifying: shown, never blocking (as in the register's form). */
  warnings: ImportProblem[];
}

/** Same received date, same kind, same subject (case, accents and spacing aside) = same request. */
function importFingerprint(receivedOn: string, kindCode: string, subject: string): string {
  return createHash('sha256')
    .update(`${receivedOn}\n${kindCode}\n${foldText(subject)}`)
    .digest('hex');
}

function fold(s: string): string {
  return foldText(s.replace(/[’`´]/g, "'").replace(/\s*[›>]\s*/g, ' > '));
}

function headerName(raw: string): string {
  return foldText(raw.replace(/[’`´]/g, "'")).replace(/[\s-]+/g, '_');
}

function columnOf(name: string): Column | undefined {
  return (
    COLUMNS.find((c) => c === name) ??
    COLUMNS.find((c) => (FRENCH_HEADERS[c] ?? []).some((alias) => headerName(alias) === name))
  );
}

/** « received_on, kind… ; en français : Date ou Date de réception (received_on)… », for the error message. */
function acceptedHeaders(): string {
  const french = COLUMNS.filter((c) => FRENCH_HEADERS[c]).map(
    (c) => `${(FRENCH_HEADERS[c] ?? []).join(' ou ')} (${c})`,
  );
  return `${COLUMNS.join(', ')} ; en français : ${french.join(', ')}`;
}

function looksLikeIdentity(name: string): boolean {
  return name.split(/[^a-z]+/).some((w) => IDENTITY_WORDS.has(w));
}

/** Code, any label the entry ever had, or (themes) « Parent › Enfant ». */
class EntryLookup {
  private readonly byKey = new Map<string, TaxonomyEntry[]>();
  constructor(readonly entries: TaxonomyEntry[]) {
    for (const e of entries) {
      const parent = e.parentId === null ? undefined : entries.find((p) => p.id === e.parentId);
      const keys = new Set([fold(e.code), ...e.history.map((h) => fold(h.label)), fold(e.label)]);
      if (parent)
        for (const h of [...parent.history.map((x) => x.label), parent.label])
          for (const l of [...e.history.map((x) => x.label), e.label]) keys.add(fold(`${h} › ${l}`));
      for (const k of keys) this.byKey.set(k, [...(this.byKey.get(k) ?? []), e]);
    }
  }
  find(value: string): TaxonomyEntry | 'ambiguous' | undefined {
    const key = fold(value);
    const byCode = this.entries.find((e) => fold(e.code) === key);
    if (byCode) return byCode;
    const found = this.byKey.get(key) ?? [];
    if (found.length > 1) return 'ambiguous';
    return found[0];
  }
  accepted(): string {
    return this.entries.map((e) => `${e.code} (${e.label})`).join(', ');
  }
}

function fixedLookup<T extends string>(
  vocab: { values: T[]; labels: Record<T, string> },
  value: string,
): T | undefined {
  const key = fold(value);
  return vocab.values.find((v) => fold(v) === key || fold(vocab.labels[v]) === key);
}

function accepted<T extends string>(vocab: { values: T[]; labels: Record<T, string> }): string {
  return vocab.values.map((v) => `${v} (${vocab.labels[v]})`).join(', ');
}

function parseDate(raw: string): string | null {
  const iso = normaliseDayInput(raw);
  return isValidIsoDate(iso) ? iso : null;
}

interface HeaderCheck {
  index: Map<Column, number>;
  errors: ImportProblem[];
}

export function checkHeader(header: string[]): HeaderCheck {
  const index = new Map<Column, number>();
  const errors: ImportProblem[] = [];
  header.forEach((raw, i) => {
    const name = headerName(raw);
    if (name === '') {
      errors.push({ line: 1, column: `n° ${i + 1}`, message: 'en-tête vide : chaque colonne doit avoir un nom.' });
      return;
    }
    const column = columnOf(name);
    if (column) {
      if (index.has(column)) errors.push({ line: 1, column: raw, message: 'cette colonne apparaît deux fois.' });
      else index.set(column, i);
      return;
    }
    if (looksLikeIdentity(name)) {
      errors.push({
        line: 1,
        column: raw,
        message:
          "un import ne contient jamais l'identité d'un demandeur (nom, e-mail, téléphone, organisation…). Retirez cette colonne du fichier : une identité se saisit dans la fiche de la demande, où elle est chiffrée.",
      });
      return;
    }
    errors.push({ line: 1, column: raw, message: `colonne inconnue (colonnes acceptées : ${acceptedHeaders()}).` });
  });
  for (const c of REQUIRED_COLUMNS)
    if (!index.has(c))
      errors.push({ line: 1, column: c, message: 'colonne obligatoire absente de la ligne des en-têtes.' });
  return { index, errors };
}

export function checkTable(table: Table, taxonomy: Taxonomy, today = todayInBrussels()): CheckedTable {
  const { index, errors } = checkHeader(table.header);
  const warnings: ImportProblem[] = [];
  // Without the required columns rows cannot be read; otherwise they are still
  // checked, so that one pass lists every problem.
  if (REQUIRED_COLUMNS.some((c) => !index.has(c))) return { rows: [], errors, warnings };
  if (table.rows.length === 0)
    return {
      rows: [],
      errors: [...errors, { line: 2, column: null, message: 'aucune ligne de données après les en-têtes.' }],
      warnings,
    };
  if (table.rows.length > MAX_ROWS)
    return {
      rows: [],
      errors: [
        ...errors,
        {
          line: 1,
          column: null,
          message: `le fichier compte ${table.rows.length} lignes : ${MAX_ROWS} au maximum par import. Découpez-le.`,
        },
      ],
      warnings,
    };
  const lookups = {
    kind: new EntryLookup(taxonomy.kind),
    theme: new EntryLookup(taxonomy.theme),
    sector: new EntryLookup(taxonomy.sector),
    outcome_reason: new EntryLookup(taxonomy.outcome_reason),
  };
  const rows: ImportRow[] = [];
  const seen = new Map<string, number>();
  for (const row of table.rows) {
    if (row.cells.slice(table.header.length).some((c) => c !== '')) {
      errors.push({
        line: row.line,
        column: null,
        message: `${row.cells.length} cellules pour ${table.header.length} en-têtes : vérifiez le séparateur et les guillemets.`,
      });
      continue;
    }
    const checked = checkRow(row, index, lookups, today, errors, warnings);
    if (!checked) continue;
    const first = seen.get(checked.fingerprint);
    if (first !== undefined) {
      errors.push({
        line: row.line,
        column: 'subject',
        message: `même date, même type et même objet que la ligne ${first} : doublon dans le fichier. Précisez l'objet si ce sont deux demandes différentes.`,
      });
      continue;
    }
    seen.set(checked.fingerprint, row.line);
    rows.push(checked);
  }
  errors.sort((a, b) => a.line - b.line);
  return { rows: errors.length ? [] : rows, errors, warnings };
}

type Lookups = Record<'kind' | 'theme' | 'sector' | 'outcome_reason', EntryLookup>;

function checkRow(
  row: TableRow,
  index: Map<Column, number>,
  lookups: Lookups,
  today: string,
  errors: ImportProblem[],
  warnings: ImportProblem[],
): ImportRow | null {
  const before = errors.length;
  const cell = (c: Column) => {
    const i = index.get(c);
    return i === undefined ? '' : (row.cells[i] ?? '').trim();
  };
  const fail = (column: Column, message: string) => errors.push({ line: row.line, column, message });
  const required = (c: Column) => {
    const v = cell(c);
    if (v === '') fail(c, 'valeur obligatoire manquante.');
    return v;
  };

  const receivedRaw = required('received_on');
  let receivedOn = '';
  if (receivedRaw) {
    const d = parseDate(receivedRaw);
    if (!d) fail('received_on', `date invalide « ${receivedRaw} » (formats acceptés : AAAA-MM-JJ ou JJ/MM/AAAA).`);
    else if (d > today) fail('received_on', `date dans le futur « ${receivedRaw} ».`);
    else if (d < '1900-01-01') fail('received_on', `date invalide « ${receivedRaw} » (avant 1900).`);
    else receivedOn = d;
  }
  const year = receivedOn ? Number(receivedOn.slice(0, 4)) : 0;

  const kindRaw = required('kind');
  let kind: TaxonomyEntry | undefined;
  if (kindRaw) {
    const k = lookups.kind.find(kindRaw);
    if (k === 'ambiguous')
      fail('kind', `type ambigu « ${kindRaw} » : plusieurs types portent ce libellé, utilisez le code.`);
    else if (!k) fail('kind', `type inconnu « ${kindRaw} » (codes ou libellés acceptés : ${lookups.kind.accepted()}).`);
    else kind = k;
  }

  const subject = required('subject');
  if (subject.length > SUBJECT_MAX)
    fail('subject', `objet trop long (${subject.length} caractères, ${SUBJECT_MAX} au maximum).`);
  const notes = cell('notes');
  if (notes.length > NOTES_MAX)
    fail('notes', `notes trop longues (${notes.length} caractères, ${NOTES_MAX} au maximum).`);

  const reportText = cell('report_text');
  const textProblem = reportTextProblem(reportText);
  if (textProblem) fail('report_text', textProblem.replace(/^Texte pour le rapport : /, ''));

  let channel: Channel = DEFAULT_CHANNEL;
  const channelRaw = cell('channel');
  if (channelRaw) {
    const c = fixedLookup(CHANNELS, channelRaw);
    if (!c) fail('channel', `canal inconnu « ${channelRaw} » (codes ou libellés acceptés : ${accepted(CHANNELS)}).`);
    else channel = c;
  }

  let sectorId: number | null = null;
  const sectorRaw = cell('sector');
  if (sectorRaw) {
    const s = lookups.sector.find(sectorRaw);
    if (s === 'ambiguous') fail('sector', `secteur ambigu « ${sectorRaw} » : utilisez le code.`);
    else if (!s)
      fail('sector', `secteur inconnu « ${sectorRaw} » (codes ou libellés acceptés : ${lookups.sector.accepted()}).`);
    else sectorId = s.id;
  }

  const themeIds: number[] = [];
  for (const part of cell('theme')
    .split('|')
    .map((t) => t.trim())
    .filter(Boolean)) {
    const t = lookups.theme.find(part);
    if (t === 'ambiguous') fail('theme', `thème ambigu « ${part} » : utilisez le code.`);
    else if (!t) fail('theme', `thème inconnu « ${part} » (codes ou libellés acceptés : ${lookups.theme.accepted()}).`);
    else if (!themeIds.includes(t.id)) themeIds.push(t.id);
  }

  let outcome: Outcome | null = null;
  const outcomeRaw = cell('outcome');
  if (outcomeRaw) {
    const o = fixedLookup(OUTCOMES, outcomeRaw);
    if (!o) fail('outcome', `issue inconnue « ${outcomeRaw} » (codes ou libellés acceptés : ${accepted(OUTCOMES)}).`);
    else outcome = o;
  }

  let status: Status = outcomeRaw ? 'closed' : 'new';
  const statusRaw = cell('status');
  // A past year's row that never said what became of the request is closed as
  // such: the register does not gain open requests from years ago.
  if (!outcomeRaw && !statusRaw && year && year < Number(today.slice(0, 4))) {
    status = 'closed';
    outcome = 'not_recorded';
  }
  if (statusRaw) {
    const s = fixedLookup(STATUSES, statusRaw);
    if (!s) fail('status', `statut inconnu « ${statusRaw} » (codes ou libellés acceptés : ${accepted(STATUSES)}).`);
    else if (s === 'closed' && !outcomeRaw)
      fail('status', 'une demande clôturée doit avoir une issue (colonne outcome).');
    else if (s !== 'closed' && outcomeRaw)
      fail('status', `statut « ${statusRaw} » incompatible avec une issue : une demande qui a une issue est clôturée.`);
    else status = s;
  }

  let outcomeReasonId: number | null = null;
  const reasonRaw = cell('outcome_reason');
  if (reasonRaw) {
    const r = lookups.outcome_reason.find(reasonRaw);
    if (!outcomeRaw) fail('outcome_reason', 'une raison ne va qu’avec une issue (colonne outcome).');
    else if (r === 'ambiguous') fail('outcome_reason', `raison ambiguë « ${reasonRaw} » : utilisez le code.`);
    else if (!r)
      fail(
        'outcome_reason',
        `raison inconnue « ${reasonRaw} » (codes ou libellés acceptés : ${lookups.outcome_reason.accepted()}).`,
      );
    else outcomeReasonId = r.id;
  }

  let eventOn: string | null = null;
  const eventRaw = cell('event_on');
  if (eventRaw) {
    eventOn = parseDate(eventRaw);
    if (!eventOn) fail('event_on', `date invalide « ${eventRaw} » (formats acceptés : AAAA-MM-JJ ou JJ/MM/AAAA).`);
  }

  let plannedYear: number | null = null;
  const plannedRaw = cell('planned_year');
  if (plannedRaw) {
    if (!/^\d{4}$/.test(plannedRaw))
      fail('planned_year', `année invalide « ${plannedRaw} » (une année sur quatre chiffres, ex. 2021).`);
    else if (year && Number(plannedRaw) < year)
      fail('planned_year', `année ${plannedRaw} antérieure à l'année de la demande (${year}).`);
    else plannedYear = Number(plannedRaw);
  }
  if (outcome === 'later_year' && !plannedRaw)
    fail('planned_year', "une activité reportée (later_year) doit dire l'année prévue.");

  if (errors.length > before || !kind) return null;
  for (const [column, text] of [
    ['subject', subject],
    ['notes', notes],
    ['report_text', reportText],
  ] as const) {
    for (const hint of findIdentifyingText(text))
      warnings.push({
        line: row.line,
        column,
        message: `semble contenir ${HINT_LABELS[hint.kind]} (« ${hint.excerpt} ») : vérifiez que rien n'identifie une personne.`,
      });
  }
  return {
    line: row.line,
    receivedOn,
    year,
    kindId: kind.id,
    kindCode: kind.code,
    kindLabel: kind.label,
    subject,
    channel,
    sectorId,
    themeIds,
    status,
    outcome,
    outcomeReasonId,
    eventOn,
    plannedYear,
    notes,
    reportText,
    fingerprint: importFingerprint(receivedOn, kind.code, subject),
  };
}
