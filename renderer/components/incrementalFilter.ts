/**
 * Text filtering of a big table that gets cheaper as the user types: when the query only grew ("ng" →
 * "ngi"), the rows that can match are among those that matched before, so the previous result is
 * narrowed instead of scanning every row again; going back (Backspace) finds the shorter query's result
 * still cached. The match must be monotone — a row that matches a query matches each of its prefixes —
 * which holds for the "contains" and "starts with" tests the tables use. A query that every row still
 * matches gives back the very array it narrowed, so nothing downstream sees a change.
 */

/** `matches(row, needle)`: the needle is trimmed and lower-cased; true when the row shows for it. */
export type QueryMatch<T> = (row: T, needle: string) => boolean;

export const normalizeQuery = (query: string): string => query.trim().toLowerCase();

export interface IncrementalFilter<T> {
  /**
   * The rows (in their order) that match `query`; the same array for the same rows and query, and the
   * previous result itself (or `rows`) when the longer query drops none of its rows.
   */
  apply(rows: readonly T[], query: string): readonly T[];
}

export function createIncrementalFilter<T>(matches: QueryMatch<T>): IncrementalFilter<T> {
  let source: readonly T[] | undefined;
  /** Results by needle: only the current needle and its prefixes are kept. */
  let results = new Map<string, readonly T[]>();
  return {
    apply(rows, query) {
      const needle = normalizeQuery(query);
      if (rows !== source) {
        source = rows;
        results = new Map();
      }
      if (!needle) return rows;
      const hit = results.get(needle);
      if (hit) return keepPrefixes(needle, hit);
      // The longest cached prefix of the needle is the smallest superset of the answer.
      let base: readonly T[] = rows;
      let baseLength = 0;
      for (const [cached, result] of results) {
        if (cached.length > baseLength && needle.startsWith(cached)) {
          base = result;
          baseLength = cached.length;
        }
      }
      const filtered = base.filter((row) => matches(row, needle));
      // Every row still matches: the same array, so what is derived from it (the table's rows) is kept.
      const out = filtered.length === base.length ? base : filtered;
      results.set(needle, out);
      return keepPrefixes(needle, out);
    },
  };

  function keepPrefixes(needle: string, result: readonly T[]): readonly T[] {
    for (const cached of results.keys()) if (!needle.startsWith(cached)) results.delete(cached);
    return result;
  }
}
