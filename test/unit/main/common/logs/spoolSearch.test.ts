/** Searching every line of a spool (real temp files): plain and regex, case, counted per line like grep -c. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LogSpool } from '../../../../../main/common/logs/logSpool';
import { LineFeed } from '../../../../../main/common/logs/lineFeed';
import { MatchList, queryRegExp, scanSpool, type SearchQuery } from '../../../../../main/common/logs/spoolSearch';

let dir: string;
let spool: LogSpool;
const lines: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'berth-search-test-'));
  spool = await LogSpool.create({ dir: join(dir, 's'), maxBytes: 1 << 30 });
  const feed = new LineFeed(spool, false, false);
  for (let i = 1; i <= 300_000; i++) lines.push(i % 1000 === 7 ? `ERROR at ${i} Ωmega` : `info ${i} error-free`);
  lines.push('x'.repeat(5 * 1024 * 1024) + ' needle in a line longer than a block');
  lines.push('last error');
  feed.push(Buffer.from(lines.join('\n') + '\n'));
  await spool.flush();
});
afterAll(async () => {
  await spool.dispose();
  rmSync(dir, { recursive: true, force: true });
});

async function search(q: SearchQuery): Promise<number[]> {
  const m = new MatchList();
  const st = await scanSpool(spool, q, m, { line: 0, offset: 0 }, new AbortController().signal);
  expect(st.line).toBe(lines.length);
  return Array.from({ length: m.count }, (_, i) => m.at(i) as number);
}

const expected = (test: (l: string) => boolean) => lines.flatMap((l, i) => (test(l) ? [i] : []));

describe('spool search', () => {
  it('plain, case-sensitive: byte search, each matching line once', async () => {
    expect(await search({ text: 'ERROR', regex: false, caseSensitive: true })).toEqual(
      expected((l) => l.includes('ERROR')),
    );
    expect(await search({ text: '99', regex: false, caseSensitive: true })).toEqual(expected((l) => l.includes('99')));
  });

  it('plain, any case (non-ASCII too)', async () => {
    expect(await search({ text: 'error', regex: false, caseSensitive: false })).toEqual(
      expected((l) => l.toLowerCase().includes('error')),
    );
    expect(await search({ text: 'ωMEGA', regex: false, caseSensitive: false })).toEqual(
      expected((l) => l.includes('Ωmega')),
    );
  });

  it('regular expressions, with anchors per line and a match never spanning lines', async () => {
    expect(await search({ text: '^info \\d+7 ', regex: true, caseSensitive: true })).toEqual(
      expected((l) => /^info \d+7 /.test(l)),
    );
    expect(await search({ text: 'free$', regex: true, caseSensitive: true })).toEqual(
      expected((l) => l.endsWith('free')),
    );
    expect(await search({ text: 'free\\s+info', regex: true, caseSensitive: true })).toEqual([]);
    expect(await search({ text: 'needle', regex: true, caseSensitive: true })).toEqual([300_000]);
  });

  it('finds the next and previous match of a line', async () => {
    const m = new MatchList();
    await scanSpool(
      spool,
      { text: 'ERROR', regex: false, caseSensitive: true },
      m,
      { line: 0, offset: 0 },
      new AbortController().signal,
    );
    expect(m.at(m.firstAtOrAfter(150_000))).toBe(150_006);
    expect(m.at(m.firstAtOrAfter(150_007) - 1)).toBe(150_006);
    expect(m.firstAtOrAfter(1e9)).toBe(m.count);
  });

  it('says what is wrong with a bad pattern', () => {
    expect(() => queryRegExp({ text: '(', regex: true, caseSensitive: false })).toThrow(SyntaxError);
    expect(queryRegExp({ text: 'a.b(', regex: false, caseSensitive: false }).test('xa.b(')).toBe(true);
  });
});
