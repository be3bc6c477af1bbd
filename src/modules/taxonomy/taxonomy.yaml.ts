import { plural } from '../../lib/plural.js';
import { LineCounter, parseDocument, stringify } from 'yaml';
import { z } from 'zod';
import type { Db } from '../../db/index.js';
import { todayInBrussels } from '../../lib/time.js';
import { recordAudit } from '../audit/audit.service.js';
import type { TaxonomyType } from './taxonomy.defaults.js';
import {
  addEntry,
  findEntryByCode,
  listEntries,
  setLabelFrom,
  TAXONOMY_TYPES,
  updateEntryYears,
} from './taxonomy.service.js';
import { AppError } from '../../errors.js';

/**
 * YAML exchange format (docs/taxonomy.md). Import updates entries by code and
 * adds new ones; it never deletes, so past requests keep their categories.
 */
const code = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'code invalide : minuscules, chiffres et tirets (ex. « secrecy-police »)');
const label = z.string().trim().min(1, 'libellé vide').max(200, 'libellé trop long (200 caractères au maximum)');
const year = z.number().int().min(1900, 'année invalide').max(2200, 'année invalide');

const baseEntry = z.strictObject({
  code,
  label,
  fromYear: year.optional(),
  inUseFrom: year.nullable().optional(),
  inUseUntil: year.nullable().optional(),
});

const kindEntry = baseEntry.extend({ countsInTotal: z.boolean().optional() });
const themeEntry = baseEntry.extend({ children: z.array(baseEntry).optional() });

export const taxonomyFileSchema = z.strictObject({
  kinds: z.array(kindEntry).optional(),
  themes: z.array(themeEntry).optional(),
  sectors: z.array(baseEntry).optional(),
  outcomeReasons: z.array(baseEntry).optional(),
});

export type TaxonomyFile = z.infer<typeof taxonomyFileSchema>;

const FILE_KEYS: Record<TaxonomyType, keyof TaxonomyFile> = {
  kind: 'kinds',
  theme: 'themes',
  sector: 'sectors',
  outcome_reason: 'outcomeReasons',
};

export class TaxonomyImportError extends AppError {
  override readonly name: string = 'TaxonomyImportError';
  constructor(readonly problems: string[]) {
    super('TAXONOMY_IMPORT_INVALID', `Fichier de catégories invalide :\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Parses and validates; every problem is reported with its line. */
export function parseTaxonomyYaml(source: string): TaxonomyFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false });
  if (doc.errors.length) {
    // Without prettyErrors, `linePos` is left empty: the line comes from the offset.
    throw new TaxonomyImportError(
      doc.errors.map(
        (e) => `ligne ${lineCounter.linePos(e.pos[0]).line} : YAML illisible (${e.message.split('\n')[0]})`,
      ),
    );
  }
  const parsed = taxonomyFileSchema.safeParse(doc.toJS() ?? {});
  if (!parsed.success) {
    throw new TaxonomyImportError(
      parsed.error.issues.map((issue) => {
        const node = doc.getIn(issue.path as Array<string | number>, true) as
          { range?: [number, number, number] } | undefined;
        const line = node?.range ? lineCounter.linePos(node.range[0]).line : undefined;
        return `${line ? `ligne ${line}, ` : ''}${issue.path.join('.') || 'racine'} : ${issue.message}`;
      }),
    );
  }
  const problems: string[] = [];
  const lineOf = (path: Array<string | number>) => {
    const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
    return node?.range ? `ligne ${lineCounter.linePos(node.range[0]).line}, ` : '';
  };
  for (const key of Object.values(FILE_KEYS)) {
    const seen = new Set<string>();
    const entries = (parsed.data[key] ?? []) as Array<{ code: string; children?: Array<{ code: string }> }>;
    const withPaths = entries.flatMap((x, i) => [
      { code: x.code, path: [key, i, 'code'] },
      ...(x.children ?? []).map((c, j) => ({ code: c.code, path: [key, i, 'children', j, 'code'] })),
    ]);
    for (const e of withPaths) {
      if (seen.has(e.code)) problems.push(`${lineOf(e.path)}${key} : le code « ${e.code} » apparaît deux fois`);
      seen.add(e.code);
    }
  }
  if (problems.length) throw new TaxonomyImportError(problems);
  return parsed.data;
}

export interface LabelChange {
  type: TaxonomyType;
  code: string;
  from: string;
  to: string;
  /** What changed besides the label: the « counts in the total » rule. */
  counts?: { from: boolean; to: boolean };
  fromYear: number;
}

export interface ImportReport {
  created: string[];
  updated: string[];
  unchanged: number;
  /** Each changed label (or counting rule), with the year it applies from. */
  changes: LabelChange[];
}

/** « Types de demande › advice : « Demande d'avis » → « Avis » à partir de 2019 » */
export function describeChange(c: LabelChange): string {
  const what = c.from === c.to ? `« ${c.to} »` : `« ${c.from} » → « ${c.to} »`;
  const counts = c.counts ? ` (${c.counts.to ? 'compté' : 'plus compté'} dans le total)` : '';
  return `${FILE_KEYS[c.type]} › ${c.code} : ${what}${counts} à partir de ${c.fromYear}`;
}

type FileEntry = z.infer<typeof baseEntry> & { countsInTotal?: boolean | undefined };
const NEWEST = 9999;

/**
 * Applies a validated file in one transaction: all of it or nothing. A label
 * (or counting rule) that changes must say from which year (`fromYear`):
 * stored without it, it would rewrite the wrong year's reports.
 */
export async function importTaxonomy(db: Db, file: TaxonomyFile, actorId: number | null): Promise<ImportReport> {
  const report: ImportReport = { created: [], updated: [], unchanged: 0, changes: [] };
  const problems: string[] = [];
  const latestYear = Number(todayInBrussels().slice(0, 4));
  await db.transaction().execute(async (trx) => {
    const apply = async (type: TaxonomyType, e: FileEntry, parentId: number | null) => {
      const existing = await findEntryByCode(trx, type, e.code);
      if (!existing) {
        const id = await addEntry(trx, type, {
          code: e.code,
          label: e.label,
          countsInTotal: e.countsInTotal ?? false,
          parentId,
          inUseFrom: e.inUseFrom ?? null,
          inUseUntil: e.inUseUntil ?? null,
        });
        report.created.push(`${type}:${e.code}`);
        return id;
      }
      if (existing.parent_id !== parentId) {
        throw new TaxonomyImportError([
          `${FILE_KEYS[type]} : « ${e.code} » existe déjà sous un autre parent ; un thème ne change pas de parent par import`,
        ]);
      }
      // Without a year, the file is compared with the newest label.
      const entries = await listEntries(trx, type, e.fromYear ?? NEWEST);
      const current = entries.find((x) => x.id === existing.id);
      const counts = e.countsInTotal ?? current?.countsInTotal ?? false;
      let changed = false;
      if (current && (current.label !== e.label || current.countsInTotal !== counts)) {
        if (e.fromYear === undefined) {
          const what =
            current.label !== e.label
              ? `change de libellé (« ${current.label} » → « ${e.label} »)`
              : `change de règle « compté dans le total » (${counts ? 'compté' : 'plus compté'})`;
          problems.push(
            `${FILE_KEYS[type]} : « ${e.code} » ${what} sans dire à partir de quelle année : ajoutez fromYear (par exemple fromYear: ${latestYear}), sinon les rapports des autres années changeraient aussi`,
          );
          return existing.id;
        }
        await setLabelFrom(trx, existing.id, e.fromYear, e.label, counts);
        report.changes.push({
          type,
          code: e.code,
          from: current.label,
          to: e.label,
          ...(current.countsInTotal !== counts ? { counts: { from: current.countsInTotal, to: counts } } : {}),
          fromYear: e.fromYear,
        });
        changed = true;
      }
      const from = e.inUseFrom === undefined ? existing.in_use_from : e.inUseFrom;
      const until = e.inUseUntil === undefined ? existing.in_use_until : e.inUseUntil;
      if (from !== existing.in_use_from || until !== existing.in_use_until) {
        await updateEntryYears(trx, existing.id, from, until);
        changed = true;
      }
      if (changed) report.updated.push(`${type}:${e.code}`);
      else report.unchanged++;
      return existing.id;
    };
    for (const type of TAXONOMY_TYPES) {
      const entries = (file[FILE_KEYS[type]] ?? []) as Array<FileEntry & { children?: FileEntry[] }>;
      for (const e of entries) {
        const id = await apply(type, e, null);
        for (const child of e.children ?? []) await apply(type, child, id);
      }
    }
    if (problems.length) throw new TaxonomyImportError(problems);
    await recordAudit(trx, {
      actorId,
      action: 'taxonomy.import',
      entityType: 'taxonomy',
      summary: [
        `${plural(report.created.length, { one: 'ajoutée', other: 'ajoutées' })}, ${plural(report.updated.length, { one: 'modifiée', other: 'modifiées' })}`,
        ...report.changes.map(describeChange),
      ].join(' ; '),
    });
  });
  return report;
}

/** The summary printed after an import (page and command line). */
export function importSummary(report: ImportReport): string {
  const head = `Import terminé : ${plural(report.created.length, { one: 'catégorie ajoutée', other: 'catégories ajoutées' })}, ${plural(report.updated.length, { one: 'modifiée', other: 'modifiées' })}, ${plural(report.unchanged, { one: 'inchangée', other: 'inchangées' })}.`;
  return report.changes.length ? `${head} ${report.changes.map(describeChange).join(' ; ')}.` : head;
}

/** The current state, in the format import accepts. */
export async function exportTaxonomy(db: Db, year = Number(todayInBrussels().slice(0, 4))): Promise<string> {
  const out: Record<string, unknown[]> = {};
  for (const type of TAXONOMY_TYPES) {
    const entries = await listEntries(db, type, year);
    const toYaml = (e: (typeof entries)[number]) => ({
      code: e.code,
      label: e.label,
      ...(type === 'kind' ? { countsInTotal: e.countsInTotal } : {}),
      ...(e.inUseFrom !== null ? { inUseFrom: e.inUseFrom } : {}),
      ...(e.inUseUntil !== null ? { inUseUntil: e.inUseUntil } : {}),
    });
    out[FILE_KEYS[type]] = entries
      .filter((e) => e.parentId === null)
      .map((root) => {
        const children = entries.filter((c) => c.parentId === root.id).map(toYaml);
        return { ...toYaml(root), ...(children.length ? { children } : {}) };
      });
  }
  return `# Catégories de Vigie — format décrit dans docs/taxonomy.md\n${stringify(out, { lineWidth: 0 })}`;
}
