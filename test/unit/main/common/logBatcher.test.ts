/** Batching log lines for the wire, dropping and counting the oldest when they come too fast. */
import { describe, expect, it } from 'vitest';
import { LogBatcher } from '../../../../main/common/logBatcher';
import { type LogsEvent } from '../../../../contract/containers';

describe('log batching', () => {
  it('drops the oldest lines past its bound and says how many', () => {
    const events: LogsEvent[] = [];
    const b = new LogBatcher((e) => events.push(e), { maxQueued: 5, maxBatch: 3, intervalMs: 1000 });
    b.add(Array.from({ length: 8 }, (_, i) => ({ stream: 'stdout' as const, text: `l${i}` })));
    b.flush();
    expect(events.map((e) => e.lines.map((l) => l.text))).toEqual([
      ['l3', 'l4', 'l5'],
      ['l6', 'l7'],
    ]);
    expect(events[0]?.dropped).toBe(3);
    expect(events[1]?.dropped).toBe(0);
  });

  it('takes a million lines in one call, keeping the newest and counting the rest', () => {
    const events: LogsEvent[] = [];
    const b = new LogBatcher((e) => events.push(e), { maxQueued: 10_000, maxBatch: 2_000, intervalMs: 1000 });
    b.add(Array.from({ length: 1_000_000 }, (_, i) => ({ stream: 'stdout' as const, text: String(i) })));
    b.flush();
    expect(events.reduce((n, e) => n + e.lines.length, 0)).toBe(10_000);
    expect(events.reduce((n, e) => n + e.dropped, 0)).toBe(990_000);
    expect(events.at(-1)?.lines.at(-1)?.text).toBe('999999');
  });
});
