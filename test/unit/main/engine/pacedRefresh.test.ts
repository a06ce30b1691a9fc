/** The status bar's counts refresh: once per burst, never two at once, and a new link lets the old one's go. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PacedRefresh } from '../../../../main/engine/pacedRefresh';

/** A read the test answers by hand: `reads` holds each one's resolver. */
function manualRead() {
  const reads: Array<(value: number) => void> = [];
  const read = () => new Promise<number>((resolve) => reads.push(resolve));
  return { read, reads };
}

describe('paced refresh', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('refreshes once for a burst of asks, and once more for asks during the refresh', async () => {
    const { read, reads } = manualRead();
    const applied: number[] = [];
    const r = new PacedRefresh(read, (v) => applied.push(v), 250);
    for (let i = 0; i < 20; i++) r.ask();
    await vi.advanceTimersByTimeAsync(250);
    expect(reads).toHaveLength(1);
    for (let i = 0; i < 20; i++) r.ask(); // during the refresh
    await vi.advanceTimersByTimeAsync(5_000);
    expect(reads).toHaveLength(1); // never two at once
    reads[0]!(1);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(applied).toEqual([1]);
    expect(reads).toHaveLength(2);
    reads[1]!(2);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(applied).toEqual([1, 2]);
    expect(reads).toHaveLength(2);
  });

  it('on a new link, a refresh asked on the old one neither sets the value nor holds the next', async () => {
    const { read, reads } = manualRead();
    const applied: number[] = [];
    const r = new PacedRefresh(read, (v) => applied.push(v), 250);
    r.ask();
    await vi.advanceTimersByTimeAsync(250);
    expect(reads).toHaveLength(1); // hangs on a stalled link
    r.restart();
    await vi.advanceTimersByTimeAsync(250);
    expect(reads).toHaveLength(2); // the new link's refresh did not wait for the old one
    reads[1]!(2);
    await vi.advanceTimersByTimeAsync(0);
    reads[0]!(1); // the old link's answer, late
    await vi.advanceTimersByTimeAsync(5_000);
    expect(applied).toEqual([2]);
  });

  it('waits twice what the last refresh cost in a burst, and stops for good', async () => {
    const { read, reads } = manualRead();
    const applied: number[] = [];
    const r = new PacedRefresh(read, (v) => applied.push(v), 250);
    r.ask();
    await vi.advanceTimersByTimeAsync(250);
    await vi.advanceTimersByTimeAsync(600); // a refresh that costs the engine 600 ms
    reads[0]!(1);
    await vi.advanceTimersByTimeAsync(0);
    r.ask();
    await vi.advanceTimersByTimeAsync(1_100);
    expect(reads).toHaveLength(1); // 1,200 ms after the last ended, not 250
    await vi.advanceTimersByTimeAsync(100);
    expect(reads).toHaveLength(2);
    r.stop();
    reads[1]!(2);
    r.ask();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(applied).toEqual([1]);
    expect(reads).toHaveLength(2);
  });
});
