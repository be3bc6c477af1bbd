/**
 * The value when it is one of a closed list (a column's values, a form's
 * choices), else undefined: a query string or a form field narrowed to the
 * union without an `as` cast.
 */
export function oneOf<T extends string>(values: readonly T[], value: unknown): T | undefined {
  return values.find((v) => v === value);
}

/** Whether a string is a key of a fixed record (a catalogue, a table of labels): narrowed without a cast. */
export function isKeyOf<T extends object>(record: T, key: string): key is Extract<keyof T, string> {
  return Object.hasOwn(record, key);
}
