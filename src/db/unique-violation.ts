/**
 * A unique constraint refused a row, told by each engine's own error code — never by the message,
 * whose wording depends on the engine, its version and its language:
 * - SQLite (better-sqlite3): `SQLITE_CONSTRAINT_UNIQUE`, or `SQLITE_CONSTRAINT_PRIMARYKEY` for a
 *   primary key;
 * - PostgreSQL (node-postgres): SQLSTATE `23505` (unique_violation).
 */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('code' in error)) return false;
  const { code } = error;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
}

/**
 * Runs `work` (one whole transaction) again when a unique constraint refused it, at most `retries`
 * more times: two people saving at the same instant picked the same number, the second simply
 * takes the next one.
 */
export async function retryOnUniqueViolation<T>(work: () => Promise<T>, retries = 3): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt < retries && isUniqueViolation(error)) continue;
      throw error;
    }
  }
}
