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

/**
 * The keys of a record literal typed as its keys (`Object.keys` says `string[]`): one cast here, none in
 * the callers. Only for records written in the code, whose keys are exactly their type's.
 */
export function keysOf<T extends object>(record: T): Array<Extract<keyof T, string>> {
  return Object.keys(record) as Array<Extract<keyof T, string>>;
}
