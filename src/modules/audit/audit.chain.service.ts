import { createHash } from 'node:crypto';
import type { DbOrTrx, Trx } from '../../db/index.js';

/**
 * The audit trail is a hash chain. Each entry stores the hash of the entry
 * before it (`prev_hash`) and its own hash over its fields and that link, so
 * changing, removing or reordering an entry breaks every hash after it.
 * `audit_chain_head` holds the last hash and the number of entries: removing
 * the newest entries shows there, and an admin who noted the latest hash
 * elsewhere can prove the trail was not rewritten since.
 *
 * Appends are serialised: the head row is updated first, which makes any
 * other transaction appending at the same time wait (PostgreSQL row lock,
 * SQLite's single writer) until this one commits.
 */
export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedFields {
  at: string;
  actor_id: number | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  summary: string;
}

/** SHA-256 over the previous hash and the entry's fields, as a JSON array (unambiguous). */
export function entryHash(prev: string, e: ChainedFields): string {
  const fields = [prev, e.at, e.actor_id, e.action, e.entity_type, e.entity_id, e.summary];
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

/** Inserts one entry at the end of the chain. Must run inside a transaction. */
export async function appendToChain(trx: Trx, fields: ChainedFields): Promise<void> {
  // The update takes the head's row lock before reading it: the next appender waits for our commit.
  const head = await trx
    .updateTable('audit_chain_head')
    .set((eb) => ({ entries: eb('entries', '+', 1) }))
    .where('id', '=', 1)
    .returning(['last_hash'])
    .executeTakeFirstOrThrow();
  const hash = entryHash(head.last_hash, fields);
  const { id } = await trx
    .insertInto('audit_events')
    .values({ ...fields, prev_hash: head.last_hash, hash })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx.updateTable('audit_chain_head').set({ last_hash: hash, last_id: id }).where('id', '=', 1).execute();
}

export interface ChainHead {
  lastId: number | null;
  lastHash: string;
  entries: number;
  lastAt: string | null;
}

export async function chainHead(db: DbOrTrx): Promise<ChainHead> {
  const head = await db
    .selectFrom('audit_chain_head')
    .leftJoin('audit_events', 'audit_events.id', 'audit_chain_head.last_id')
    .select(['audit_chain_head.last_id', 'audit_chain_head.last_hash', 'audit_chain_head.entries', 'audit_events.at'])
    .where('audit_chain_head.id', '=', 1)
    .executeTakeFirstOrThrow();
  return { lastId: head.last_id, lastHash: head.last_hash, entries: Number(head.entries), lastAt: head.at };
}

export type ChainProblem =
  | { kind: 'link'; id: number }
  | { kind: 'hash'; id: number }
  | { kind: 'missing_tail'; id: number | null }
  | { kind: 'count'; expected: number; found: number };

export interface ChainReport {
  ok: boolean;
  entries: number;
  lastHash: string;
  lastId: number | null;
  /** The first entry where the chain breaks, and why. */
  problem: ChainProblem | null;
  /** When a hash noted earlier was given: the entry that carries it, if any. */
  noted?: { id: number; at: string } | null;
}

const PAGE = 1000;

/**
 * Walks the whole trail in id order and recomputes every hash. Stops at the
 * first broken entry. With `notedHash`, also says whether that hash (noted
 * elsewhere by an admin) is still an entry of the chain.
 */
export async function verifyChain(db: DbOrTrx, notedHash?: string): Promise<ChainReport> {
  const head = await chainHead(db);
  let prev = GENESIS_HASH;
  let lastId: number | null = null;
  let count = 0;
  let noted: ChainReport['noted'] = notedHash === undefined ? undefined : null;
  const normalisedNote = notedHash?.trim().toLowerCase();
  const report = (problem: ChainProblem | null): ChainReport => ({
    ok: problem === null,
    entries: count,
    lastHash: prev,
    lastId,
    problem,
    ...(noted === undefined ? {} : { noted }),
  });
  for (let after = 0; ;) {
    const rows = await db
      .selectFrom('audit_events')
      .select(['id', 'at', 'actor_id', 'action', 'entity_type', 'entity_id', 'summary', 'prev_hash', 'hash'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(PAGE)
      .execute();
    for (const row of rows) {
      if (row.prev_hash !== prev) return report({ kind: 'link', id: row.id });
      const expected = entryHash(prev, row);
      if (row.hash !== expected) return report({ kind: 'hash', id: row.id });
      if (normalisedNote && row.hash === normalisedNote) noted = { id: row.id, at: row.at };
      prev = expected;
      lastId = row.id;
      count++;
      after = row.id;
    }
    if (rows.length < PAGE) break;
  }
  // Entries removed from the end leave a shorter, still valid chain: the head says how far it went.
  if (head.lastHash !== prev || head.lastId !== lastId) return report({ kind: 'missing_tail', id: head.lastId });
  if (head.entries !== count) return report({ kind: 'count', expected: head.entries, found: count });
  return report(null);
}

/** The French sentence for a problem (CLI and admin page). */
export function describeProblem(problem: ChainProblem): string {
  switch (problem.kind) {
    case 'link':
      return `l’entrée n° ${problem.id} ne suit pas l’entrée précédente (une entrée a été supprimée, insérée ou déplacée juste avant elle)`;
    case 'hash':
      return `l’entrée n° ${problem.id} a été modifiée après coup (son empreinte ne correspond plus à son contenu)`;
    case 'missing_tail':
      return `les dernières entrées ont disparu : le journal devrait aller jusqu’à l’entrée n° ${problem.id ?? '?'}`;
    case 'count':
      return `le journal compte ${problem.found} entrées au lieu de ${problem.expected}`;
  }
}
