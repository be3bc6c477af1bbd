/**
 * The value when it is one of a closed list (a column's values, a form's
 * choices), else undefined: a query string or a form field narrowed to the
 * union without an `as` cast.
 */
export function oneOf<T extends string>(values: readonly T[], value: unknown): T | undefined {
  return values.find((v) => v === value);
}
