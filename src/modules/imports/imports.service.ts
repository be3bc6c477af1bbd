import { plural, pluralForm } from '../../lib/plural.js';
import type { Db, DbOrTrx } from '../../db/index.js';
import { retryOnUniqueViolation } from '../../db/unique-violation.js';
import { runOffThread } from '../../lib/off-thread.js';
import { nowIso, todayInBrussels } from '../../lib/time.js';
import { recordAudit } from '../audit/audit.service.js';
import { OUTCOMES, STATUSES } from '../requests/requests.constants.js';
import { allocateReference } from '../requests/requests.reference.queries.js';
import { searchText } from '../requests/requests.service.js';
import { loadTaxonomy } from '../taxonomy/taxonomy.service.js';
import { decodeUtf8, FileFormatError, parseCsv, type Table } from './imports.csv.js';
import type { CheckedFile } from './imports.check.js';
import { checkTable, formatProblem, type CheckedTable, type ImportProblem, type ImportRow } from './imports.rows.js';
import { looksLikeZip, readXlsx } from './imports.xlsx.js';
import { AppError } from '../../errors.js';

export type ImportFormat = 'csv' | 'xlsx';

/** A zip is read as XLSX (whatever its name says), anything else as UTF-8 CSV. */
export function readTable(data: Uint8Array): { format: ImportFormat; table: Table } {
  if (looksLikeZip(data)) return { format: 'xlsx', table: readXlsx(data) };
  if (data.length > 8 && data[0] === 0xd0 && data[1] === 0xcf)
    throw new FileFormatError(
      'Ce classeur est au format .xls (Excel 97–2003) : enregistrez-le au format .xlsx ou CSV UTF-8.',
    );
  return { format: 'csv', table: parseCsv(decodeUtf8(data)) };
}

export interface AlreadyImported {
  line: number;
  reference: string;
}

export interface ImportPlan {
  rows: ImportRow[];
  /** Rows whose fingerprint is already in the register: skipped, never an error. */
  alreadyImported: AlreadyImported[];
  errors: ImportProblem[];
  warnings: ImportProblem[];
}

export interface YearKindCount {
  year: number;
  kindCode: string;
  kindLabel: string;
  count: number;
}

/** What would be created, counted by year and kind (for the preview). */
export function countByYearAndKind(rows: ImportRow[]): YearKindCount[] {
  const map = new Map<string, YearKindCount>();
  for (const r of rows) {
    const key = `${r.year}\n${r.kindCode}`;
    const c = map.get(key) ?? { year: r.year, kindCode: r.kindCode, kindLabel: r.kindLabel, count: 0 };
    c.count++;
    map.set(key, c);
  }
  return [...map.values()].sort((a, b) => a.year - b.year || a.kindLabel.localeCompare(b.kindLabel, 'fr'));
}

async function existingFingerprints(db: DbOrTrx, fingerprints: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < fingerprints.length; i += 500) {
    const chunk = fingerprints.slice(i, i + 500);
    const rows = await db
      .selectFrom('requests')
      .select(['import_fingerprint', 'reference'])
      .where('import_fingerprint', 'in', chunk)
      .execute();
    for (const r of rows) if (r.import_fingerprint) out.set(r.import_fingerprint, r.reference);
  }
  return out;
}

/** Checks the table against the taxonomy and the register; writes nothing (the dry run). */
export async function planImport(db: DbOrTrx, table: Table): Promise<ImportPlan> {
  const taxonomy = await loadTaxonomy(db, new Date().getUTCFullYear());
  return planChecked(db, checkTable(table, taxonomy));
}

/**
 * The same dry run from the uploaded bytes, reading and checking in a worker
 * thread: the other requests are served meanwhile.
 */
export async function planImportFile(
  db: DbOrTrx,
  data: Uint8Array,
): Promise<{ ok: true; format: ImportFormat; table: Table; plan: ImportPlan } | { ok: false; message: string }> {
  const taxonomy = await loadTaxonomy(db, new Date().getUTCFullYear());
  const file = await runOffThread<CheckedFile>({
    module: new URL('./imports.check.js', import.meta.url),
    exportName: 'readAndCheck',
    args: [data, taxonomy, todayInBrussels()],
  });
  if (!file.ok) return file;
  return { ok: true, format: file.format, table: file.table, plan: await planChecked(db, file.checked) };
}

async function planChecked(db: DbOrTrx, checked: CheckedTable): Promise<ImportPlan> {
  if (checked.errors.length)
    return { rows: [], alreadyImported: [], errors: checked.errors, warnings: checked.warnings };
  const existing = await existingFingerprints(
    db,
    checked.rows.map((r) => r.fingerprint),
  );
  const rows: ImportRow[] = [];
  const alreadyImported: AlreadyImported[] = [];
  for (const r of checked.rows) {
    const reference = existing.get(r.fingerprint);
    if (reference) alreadyImported.push({ line: r.line, reference });
    else rows.push(r);
  }
  return { rows, alreadyImported, errors: [], warnings: checked.warnings };
}

export class ImportInvalidError extends AppError {
  override readonly name: string = 'ImportInvalidError';
  constructor(readonly problems: ImportProblem[]) {
    super(
      'IMPORT_INVALID',
      `Le fichier contient ${plural(problems.length, { one: 'erreur', other: 'erreurs' })} : rien n’a été importé.\n${problems.map(formatProblem).join('\n')}`,
    );
  }
}

export interface ImportResult {
  created: Array<{ line: number; reference: string }>;
  alreadyImported: AlreadyImported[];
  warnings: ImportProblem[];
}

async function insertRow(
  trx: DbOrTrx,
  r: ImportRow,
  reference: string,
  seq: number,
  actorId: number | null,
  now: string,
): Promise<void> {
  const { id } = await trx
    .insertInto('requests')
    .values({
      reference,
      year: r.year,
      seq,
      received_on: r.receivedOn,
      channel: r.channel,
      kind_id: r.kindId,
      requester_type: 'unknown',
      sector_id: r.sectorId,
      region: null,
      subject: r.subject,
      notes: r.notes,
      status: r.status,
      outcome: r.outcome,
      outcome_reason_id: r.outcomeReasonId,
      outcome_detail: null,
      event_on: r.eventOn,
      planned_year: r.plannedYear,
      search_text: searchText(reference, r.subject, r.notes),
      created_by: actorId,
      created_at: now,
      updated_at: now,
      closed_at: r.status === 'closed' ? now : null,
      import_fingerprint: r.fingerprint,
      report_text: r.reportText || null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (r.themeIds.length)
    await trx
      .insertInto('request_themes')
      .values(r.themeIds.map((theme_id) => ({ request_id: id, theme_id })))
      .execute();
  const state = r.outcome ? `${STATUSES.labels[r.status]} — ${OUTCOMES.labels[r.outcome]}` : STATUSES.labels[r.status];
  await trx
    .insertInto('request_events')
    .values({
      request_id: id,
      occurred_on: r.receivedOn,
      type: 'created',
      body: `Importée depuis un fichier (statut : ${state}).`,
      data: null,
      actor_id: actorId,
      created_at: now,
    })
    .execute();
}

const YIELD_EVERY = 100;
/** Starting a worker costs about a second: small tables are checked at once (a few milliseconds). */
const OFF_THREAD_ROWS = 500;

/**
 * All or nothing, in one transaction: the table is checked again inside it,
 * any error rolls everything back, rows already imported are skipped. No
 * identity is ever written: an import has no identity column.
 */
export async function applyImport(
  db: Db,
  table: Table,
  actorId: number | null,
  format: ImportFormat,
): Promise<ImportResult> {
  // Checking every row is CPU-bound (seconds for 5,000 rows): a large table is checked in a worker
  // thread (issue 9), before the transaction, so neither the event loop nor the database waits for it.
  const year = new Date().getUTCFullYear();
  const taxonomy = await loadTaxonomy(db, year);
  const checked =
    table.rows.length > OFF_THREAD_ROWS
      ? await runOffThread<CheckedTable>({
          module: new URL('./imports.rows.js', import.meta.url),
          exportName: 'checkTable',
          args: [table, taxonomy, todayInBrussels()],
        })
      : checkTable(table, taxonomy);
  // Someone saved a request at the same instant and took a reference: start again.
  return retryOnUniqueViolation(() =>
    db.transaction().execute(async (trx) => {
      // The categories changed meanwhile (rare): check again, against them, inside the transaction.
      const current = await loadTaxonomy(trx, year);
      const plan = await planChecked(
        trx,
        JSON.stringify(current) === JSON.stringify(taxonomy) ? checked : checkTable(table, current),
      );
      if (plan.errors.length) throw new ImportInvalidError(plan.errors);
      const now = nowIso();
      const created: ImportResult['created'] = [];
      // Oldest first, so references follow the order requests came in.
      const ordered = [...plan.rows].sort((a, b) => a.receivedOn.localeCompare(b.receivedOn) || a.line - b.line);
      for (const r of ordered) {
        const { seq, reference } = await allocateReference(trx, r.year);
        await insertRow(trx, r, reference, seq, actorId, now);
        created.push({ line: r.line, reference });
        // SQLite answers synchronously: without a turn of the event loop now and then, thousands
        // of inserts would hold it (other requests, /healthz included, would wait).
        if (created.length % YIELD_EVERY === 0) await new Promise<void>((resolve) => setImmediate(resolve));
      }
      await recordAudit(trx, {
        actorId,
        action: 'request.import',
        entityType: 'request',
        entityId: null,
        summary: `${format.toUpperCase()} : ${plural(created.length, { one: 'créée', other: 'créées' })}, ${plan.alreadyImported.length} déjà ${pluralForm(plan.alreadyImported.length, { one: 'importée', other: 'importées' })}`,
      });
      return {
        created: created.sort((a, b) => a.line - b.line),
        alreadyImported: plan.alreadyImported,
        warnings: plan.warnings,
      };
    }),
  );
}
