/** The incremental table filter: always the same rows as a full scan, while scanning fewer rows as the query grows. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createIncrementalFilter, normalizeQuery } from '../../../../renderer/components/incrementalFilter';

const contains = (row: string, needle: string) => row.toLowerCase().includes(needle);

/** A match function that counts how many rows it was asked about. */
function counting() {
  const calls = { n: 0 };
  const match = (row: string, needle: string) => {
    calls.n++;
    return contains(row, needle);
  };
  return { calls, match };
}

const names = Array.from({ length: 10_000 }, (_, i) => `berth-bench-big-${String(i).padStart(5, '0')}`);

describe('createIncrementalFilter', () => {
  it('narrows the previous result when the query grows, instead of scanning every row', () => {
    const { calls, match } = counting();
    const f = createIncrementalFilter(match);
    expect(f.apply(names, 'big-01')).toHaveLength(1000);
    expect(calls.n).toBe(10_000);
    calls.n = 0;
    expect(f.apply(names, 'big-012')).toHaveLength(100);
    expect(calls.n).toBe(1000);
    calls.n = 0;
    expect(f.apply(names, 'big-0123')).toHaveLength(10);
    expect(calls.n).toBe(100);
  });

  it('finds a shorter query (Backspace) cached, scanning nothing', () => {
    const { calls, match } = counting();
    const f = createIncrementalFilter(match);
    const first = f.apply(names, 'big-01');
    f.apply(names, 'big-012');
    calls.n = 0;
    expect(f.apply(names, 'big-01')).toBe(first);
    expect(calls.n).toBe(0);
  });

  it('starts over when the rows change, and returns the rows themselves for an empty query', () => {
    const { calls, match } = counting();
    const f = createIncrementalFilter(match);
    f.apply(names, 'big-01');
    const fewer = names.slice(0, 500);
    calls.n = 0;
    expect(f.apply(fewer, 'big-01')).toEqual([]);
    expect(calls.n).toBe(500);
    expect(f.apply(fewer, '   ')).toBe(fewer);
  });

  it('gives back the very array it narrowed when the longer query drops no row', () => {
    const f = createIncrementalFilter(contains);
    // Every name contains "berth-": the rows themselves, so the table keeps what it derived from them.
    expect(f.apply(names, 'berth-')).toBe(names);
    expect(f.apply(names, 'berth-bench')).toBe(names);
    const rows = ['nginx-1', 'nginx-2', 'redis'];
    const ng = f.apply(rows, 'ng');
    expect(ng).toEqual(['nginx-1', 'nginx-2']);
    expect(f.apply(rows, 'ngi')).toBe(ng);
    expect(f.apply(rows, 'nginx-')).toBe(ng);
    expect(f.apply(rows, 'nginx-2')).toEqual(['nginx-2']);
  });

  it('ignores case and surrounding spaces', () => {
    const f = createIncrementalFilter(contains);
    expect(f.apply(['Redis', 'nginx'], '  REd ')).toEqual(['Redis']);
    expect(normalizeQuery('  AbC ')).toBe('abc');
  });

  it('gives the same rows, in the same order, as a full scan for any sequence of typing and deleting', () => {
    const row = fc.stringMatching(/^[ab-]{0,6}$/);
    const edit = fc.oneof(fc.constantFrom('a', 'b', '-', 'A', ' '), fc.constant('Backspace'), fc.constant('clear'));
    fc.assert(
      fc.property(fc.array(row, { maxLength: 40 }), fc.array(edit, { maxLength: 30 }), (rows, edits) => {
        const f = createIncrementalFilter(contains);
        let query = '';
        for (const e of edits) {
          query = e === 'Backspace' ? query.slice(0, -1) : e === 'clear' ? '' : query + e;
          const needle = normalizeQuery(query);
          expect(f.apply(rows, query)).toEqual(needle ? rows.filter((r) => contains(r, needle)) : rows);
        }
      }),
    );
  });
});
