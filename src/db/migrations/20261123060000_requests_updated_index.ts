import type { Kysely } from 'kysely';

// Frozen in time. « Dernières modifiées » sorted every row without it
// (docs/benchmarks.md, register benchmark).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('requests_updated_idx').on('requests').columns(['updated_at', 'id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('requests_updated_idx').execute();
}
