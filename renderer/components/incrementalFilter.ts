/**
 * Text filtering of a big table that gets cheaper as the user types: when the query only grew ("ng" →
 * "ngi"), the rows that can match are among those that matched before, so the previous result is
 * narrowed instead of scanning every row again; going back (Backspace) finds the shorter query's result
 * still cached. Each row's searched text is read once per rows array and kept beside the rows, so a scan
 * is a loop over strings, not a lookup per row. A query that every row still matches gives back the very
 * array it narrowed, so nothing downstream sees a change.
 */

/**
 * What a row shows to the search box, lower-cased: its `text` must contain the needle, or its `id` start
 * with it (Docker's id prefixes). A row whose text is undefined is not searched: it always shows. Both
 * tests are monotone — a row that matches a query matches each of its prefixes — as narrowing needs.
 */
export interface RowSearch<T> {
  text(row: T): string | undefined;
  id?(row: T): string;
}

export const normalizeQuery = (query: string): string => query.trim().toLowerCase();

/**
 * `derive` made once per row object (a store keeps an unchanged row's object), for a row's searched text:
 * the rows change far more often than a row does, and each change has every row's text read again.
 */
export function oncePerRow<T extends object, V>(derive: (row: T) => V): (row: T) => V {
  const made = new WeakMap<T, V>();
  return (row) => {
    if (made.has(row)) return made.get(row) as V;
    const value = derive(row);
    made.set(row, value);
    return value;
  };
}

/** The rule on what a row shows: no text (always shown), text containing the needle, or an id starting with it. */
const matchesText = (text: string | undefined, id: string | undefined, needle: string): boolean =>
  text === undefined || text.includes(needle) || (id !== undefined && id.startsWith(needle));

/** One row against a needle (trimmed, lower-cased), for a single check outside a table. */
export const matchesSearch = <T>(search: RowSearch<T>, row: T, needle: string): boolean =>
  matchesText(search.text(row), search.id?.(row), needle);

export interface IncrementalFilter<T> {
  /**
   * The rows (in their order) that match `query`; the same array for the same rows and query, and the
   * previous result itself (or `rows`) when the longer query drops none of its rows.
   */
  apply(rows: readonly T[], query: string): readonly T[];
  /**
   * Reads each row's searched text now, so that the first keystroke on these rows does not: for an idle
   * moment after the rows arrive (10,000 rows take ~10 ms). A no-op when they were read already.
   */
  prepare(rows: readonly T[]): void;
  /** How many rows the last `apply` examined (0 when it found its answer cached). */
  readonly scanned: number;
}

/** A result: its rows and, beside them, what each row shows to the search. */
interface Found<T> {
  rows: readonly T[];
  texts: readonly (string | undefined)[];
  ids: readonly string[] | undefined;
}

export function createIncrementalFilter<T>(search: RowSearch<T>): IncrementalFilter<T> {
  let source: readonly T[] | undefined;
  let all: Found<T> | undefined;
  /** Results by needle: only the current needle and its prefixes are kept. */
  let results = new Map<string, Found<T>>();
  let scanned = 0;
  const forRows = (rows: readonly T[]) => {
    if (rows === source) return;
    source = rows;
    all = undefined;
    results = new Map();
  };
  const read = (rows: readonly T[]): Found<T> => ({
    rows,
    texts: rows.map(search.text),
    ids: search.id && rows.map(search.id),
  });
  return {
    get scanned() {
      return scanned;
    },
    prepare(rows) {
      forRows(rows);
      all ??= read(rows);
    },
    apply(rows, query) {
      scanned = 0;
      const needle = normalizeQuery(query);
      forRows(rows);
      if (!needle) return rows;
      const hit = results.get(needle);
      if (hit) return keepPrefixes(needle, hit).rows;
      // The longest cached prefix of the needle is the smallest superset of the answer.
      let base: Found<T> | undefined;
      let baseLength = 0;
      for (const [cached, result] of results) {
        if (cached.length > baseLength && needle.startsWith(cached)) {
          base = result;
          baseLength = cached.length;
        }
      }
      base ??= all ??= read(rows);
      const out = narrow(base, needle);
      results.set(needle, out);
      return keepPrefixes(needle, out).rows;
    },
  };

  function narrow(base: Found<T>, needle: string): Found<T> {
    const { texts, ids } = base;
    const n = texts.length;
    scanned = n;
    const hit = (i: number) => matchesText(texts[i], ids?.[i], needle);
    // While every row matches (typing a prefix most rows share), nothing is copied: the same result back.
    let first = 0;
    while (first < n && hit(first)) first++;
    if (first === n) return base;
    const rows = base.rows.slice(0, first);
    const keptTexts = texts.slice(0, first);
    const keptIds = ids?.slice(0, first);
    for (let i = first + 1; i < n; i++) {
      if (!hit(i)) continue;
      rows.push(base.rows[i] as T);
      keptTexts.push(texts[i]);
      keptIds?.push(ids?.[i] as string);
    }
    return { rows, texts: keptTexts, ids: keptIds };
  }

  function keepPrefixes(needle: string, result: Found<T>): Found<T> {
    for (const cached of results.keys()) if (!needle.startsWith(cached)) results.delete(cached);
    return result;
  }
}
