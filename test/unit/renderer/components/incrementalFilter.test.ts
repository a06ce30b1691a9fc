/** The incremental table filter: always the same rows as a full scan, while scanning fewer rows as the query grows. */
import { describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import {
  createIncrementalFilter,
  matchesSearch,
  normalizeQuery,
  oncePerRow,
  type RowSearch,
} from '../../../../renderer/components/incrementalFilter';

const contains = (row: string, needle: string) => row.toLowerCase().includes(needle);
const byText: RowSearch<string> = { text: (row) => row.toLowerCase() };

/** A search whose `text` counts how many rows it was read for. */
function counting() {
  const calls = { n: 0 };
  const search: RowSearch<string> = {
    text: (row) => {
      calls.n++;
      return row.toLowerCase();
    },
  };
  return { calls, search };
}

const names = Array.from({ length: 10_000 }, (_, i) => `berth-bench-big-${String(i).padStart(5, '0')}`);

describe('createIncrementalFilter', () => {
  it('narrows the previous result when the query grows, instead of scanning every row', () => {
    const { calls, search } = counting();
    const f = createIncrementalFilter(search);
    expect(f.apply(names, 'big-01')).toHaveLength(1000);
    expect(f.scanned).toBe(10_000);
    expect(f.apply(names, 'big-012')).toHaveLength(100);
    expect(f.scanned).toBe(1000);
    expect(f.apply(names, 'big-0123')).toHaveLength(10);
    expect(f.scanned).toBe(100);
    // Each row's text was read once, for the first scan: the narrowing scans read the kept texts.
    expect(calls.n).toBe(10_000);
  });

  it('finds a shorter query (Backspace) cached, scanning nothing', () => {
    const f = createIncrementalFilter(byText);
    const first = f.apply(names, 'big-01');
    f.apply(names, 'big-012');
    expect(f.apply(names, 'big-01')).toBe(first);
    expect(f.scanned).toBe(0);
  });

  it('starts over when the rows change, and returns the rows themselves for an empty query', () => {
    const { calls, search } = counting();
    const f = createIncrementalFilter(search);
    f.apply(names, 'big-01');
    const fewer = names.slice(0, 500);
    calls.n = 0;
    expect(f.apply(fewer, 'big-01')).toEqual([]);
    expect(f.scanned).toBe(500);
    expect(calls.n).toBe(500);
    expect(f.apply(fewer, '   ')).toBe(fewer);
  });

  it('reads the texts ahead of the first keystroke when prepared, once per rows array', () => {
    const { calls, search } = counting();
    const f = createIncrementalFilter(search);
    f.prepare(names);
    f.prepare(names);
    expect(calls.n).toBe(10_000);
    expect(f.apply(names, 'big-01')).toHaveLength(1000);
    expect(calls.n).toBe(10_000);
    // Other rows: read afresh, and the first rows' results are not reused for them.
    const fewer = names.slice(0, 500);
    f.prepare(fewer);
    expect(calls.n).toBe(10_500);
    expect(f.apply(fewer, 'big-01')).toEqual([]);
  });

  it('derives the text of a row once per row object (oncePerRow), and afresh for a new object', () => {
    const derive = vi.fn((row: { name: string }) => row.name.toLowerCase());
    const text = oncePerRow(derive);
    const row = { name: 'Web' };
    expect([text(row), text(row), text({ name: 'Web' })]).toEqual(['web', 'web', 'web']);
    expect(derive).toHaveBeenCalledTimes(2);
  });

  it('matches an id by its start and text anywhere; a row without text always shows', () => {
    type Row = { id: string; name?: string };
    const search: RowSearch<Row> = { text: (r) => r.name, id: (r) => r.id };
    const rows: Row[] = [{ id: 'abc123', name: 'web' }, { id: 'def456', name: 'db' }, { id: 'ff' }];
    const f = createIncrementalFilter(search);
    expect(f.apply(rows, 'ab').map((r) => r.id)).toEqual(['abc123', 'ff']);
    expect(f.apply(rows, 'c12').map((r) => r.id)).toEqual(['ff']);
    expect(f.apply(rows, 'db').map((r) => r.id)).toEqual(['def456', 'ff']);
    expect(matchesSearch(search, rows[0] as Row, 'we')).toBe(true);
    expect(matchesSearch(search, rows[0] as Row, '123')).toBe(false);
  });

  it('gives back the very array it narrowed when the longer query drops no row', () => {
    const f = createIncrementalFilter(byText);
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
    const f = createIncrementalFilter(byText);
    expect(f.apply(['Redis', 'nginx'], '  REd ')).toEqual(['Redis']);
    expect(normalizeQuery('  AbC ')).toBe('abc');
  });

  it('gives the same rows, in the same order, as a full scan for any sequence of typing and deleting', () => {
    const row = fc.stringMatching(/^[ab-]{0,6}$/);
    const edit = fc.oneof(fc.constantFrom('a', 'b', '-', 'A', ' '), fc.constant('Backspace'), fc.constant('clear'));
    fc.assert(
      fc.property(fc.array(row, { maxLength: 40 }), fc.array(edit, { maxLength: 30 }), (rows, edits) => {
        const f = createIncrementalFilter(byText);
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
