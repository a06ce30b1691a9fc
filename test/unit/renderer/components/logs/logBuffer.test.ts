/** The renderer's bounded log buffer, and searching it. */
import { describe, expect, it } from 'vitest';
import { LogBuffer } from '../../../../../renderer/components/logs/logBuffer';
import { highlight, matches, stripAnsi } from '../../../../../renderer/components/logs/logSearch';

describe('the renderer log buffer', () => {
  it('keeps only the last N lines with stable sequence numbers', () => {
    const buf = new LogBuffer(3);
    buf.push([1, 2].map((i) => ({ stream: 'stdout' as const, text: `a${i}` })));
    buf.push(
      [3, 4, 5].map((i) => ({ stream: 'stdout' as const, text: `a${i}` })),
      7,
    );
    expect(buf.toArray().map((l) => [l.seq, l.text])).toEqual([
      [2, 'a3'],
      [3, 'a4'],
      [4, 'a5'],
    ]);
    expect(buf.dropped).toBe(2 + 7);
  });

  it('takes a million lines in one batch without holding them', () => {
    const buf = new LogBuffer(10_000);
    const lines = Array.from({ length: 1_000_000 }, (_, i) => ({ stream: 'stdout' as const, text: String(i) }));
    buf.push(lines);
    expect(buf.length).toBe(10_000);
    expect(buf.at(0)?.text).toBe('990000');
    expect(buf.at(9_999)?.seq).toBe(999_999);
  });

  it('searches through ANSI colours and highlights case-insensitively', () => {
    expect(stripAnsi('\u001b[31mred\u001b[0m text')).toBe('red text');
    expect(matches('\u001b[31mERROR\u001b[0m boom', 'error')).toBe(true);
    expect(highlight('an Error and error', 'error')).toEqual([
      { text: 'an ', match: false },
      { text: 'Error', match: true },
      { text: ' and ', match: false },
      { text: 'error', match: true },
    ]);
  });
});
