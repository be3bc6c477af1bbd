/**
 * A NUL character (U+0000) is never typed by a person, and PostgreSQL's text
 * columns refuse it (« invalid byte sequence for encoding »: a server error
 * where SQLite stored it). Every form field, uploaded file name and query
 * parameter loses it before validation, on both engines alike; file contents
 * (buffers) are left as they are.
 */
export function removeNul(value: unknown): unknown {
  if (typeof value === 'string') return value.includes('\u0000') ? value.replaceAll('\u0000', '') : value;
  if (Array.isArray(value)) return value.map(removeNul);
  if (value !== null && typeof value === 'object' && !(value instanceof Uint8Array)) {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) record[key] = removeNul(record[key]);
  }
  return value;
}
