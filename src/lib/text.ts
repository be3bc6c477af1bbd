/** Lower-case, accent-free form used for search (both engines compare it with LIKE). */
export function foldText(input: string): string {
  return input
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Search terms: folded words of two characters or more, at most eight. */
export function searchTerms(query: string): string[] {
  return foldText(query)
    .split(/[^\p{L}\p{N}@.'-]+/u)
    .map((t) => t.replace(/^['.-]+|['.-]+$/g, ''))
    .filter((t) => t.length >= 2)
    .slice(0, 8);
}

/** Escapes LIKE wildcards; callers add `escape '\\'`. */
export function escapeLike(term: string): string {
  return term.replace(/[\\%_]/g, (c) => `\\${c}`);
}
