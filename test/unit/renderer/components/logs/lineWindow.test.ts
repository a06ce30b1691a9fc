/** The renderer's window of a log: pages fetched on demand, a bounded number kept, short pages fetched again. */
import { describe, expect, it } from 'vitest';
import type { SessionLine } from '../../../../../contract/logs';
import { LineWindow, PAGE_LINES } from '../../../../../renderer/components/logs/lineWindow';

function fakeLog(total: { n: number }) {
  const reads: Array<[number, number]> = [];
  const read = async (from: number, to: number): Promise<SessionLine[]> => {
    reads.push([from, to]);
    const out: SessionLine[] = [];
    for (let n = from; n < Math.min(to, total.n); n++) out.push({ n, stream: 'stdout', text: `line ${n}` });
    return out;
  };
  return { read, reads };
}
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('line window', () => {
  it('fetches the pages a screen needs, once, and keeps a bounded number', async () => {
    const log = fakeLog({ n: 10_000_000 });
    let loads = 0;
    const w = new LineWindow(log.read, () => loads++);
    w.setCount(10_000_000);
    w.want(5_000_000, 5_000_050);
    w.want(5_000_000, 5_000_050);
    await settle();
    expect(log.reads).toEqual([
      [5_000_000 - (5_000_000 % PAGE_LINES), 5_000_000 - (5_000_000 % PAGE_LINES) + PAGE_LINES],
    ]);
    expect(w.get(5_000_010)?.text).toBe('line 5000010');
    expect(loads).toBe(1);
    for (let i = 0; i < 200; i++) w.want(i * 10_000, i * 10_000 + 10);
    await settle();
    expect(w.size).toBeLessThanOrEqual(40);
  });

  it('fetches the last page again once a followed log grew past it', async () => {
    const total = { n: 10 };
    const log = fakeLog(total);
    const w = new LineWindow(log.read, () => {});
    w.setCount(10);
    w.want(0, 10);
    await settle();
    expect(w.get(12)).toBeUndefined();
    total.n = 20;
    w.setCount(20);
    w.want(0, 20);
    await settle();
    expect(w.get(12)?.text).toBe('line 12');
    expect(log.reads).toHaveLength(2);
  });

  it('reads a page again when the log grew while it was being read, and only then', async () => {
    const total = { n: 10 };
    const log = fakeLog(total);
    const w = new LineWindow(log.read, () => {});
    w.setCount(10);
    w.want(0, 10);
    // The count (and the lines) grow while the page is in flight; the view's next want is skipped.
    total.n = 20;
    w.setCount(20);
    w.want(0, 20);
    await settle();
    await settle();
    expect(w.get(12)?.text).toBe('line 12');
    expect(log.reads).toHaveLength(2);

    // A log whose reads stay short of its count (lines no longer kept) is not read in a loop.
    const short = fakeLog({ n: 5 });
    const capped = new LineWindow(short.read, () => {});
    capped.setCount(10);
    capped.want(0, 10);
    capped.setCount(12);
    for (let i = 0; i < 5; i++) await settle();
    expect(short.reads).toHaveLength(2);
  });

  it('drops a page read before the log was reopened', async () => {
    const total = { n: 300 };
    const log = fakeLog(total);
    const w = new LineWindow(log.read, () => {});
    w.setCount(300);
    w.want(0, 10);
    w.clear();
    await settle();
    expect(w.size).toBe(0);
  });
});
