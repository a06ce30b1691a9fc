/**
 * Changes go at once after a quiet frame, and together once a frame while they keep coming; a delivery that
 * cost much makes the next wait COST_FACTOR times its cost, at most MAX_WAIT_MS.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { COST_FACTOR, frameBatcher, MAX_WAIT_MS } from '../../../../renderer/common/frameBatcher';

beforeEach(() => vi.useFakeTimers());

/** A batcher on the fake clock and what it delivered; each delivery takes `costMs` of the clock. */
function batcher(costMs = 0) {
  const delivered: number[][] = [];
  return {
    delivered,
    batch: frameBatcher<number>(
      (c) => {
        delivered.push(c);
        vi.setSystemTime(Date.now() + costMs);
      },
      () => Date.now(),
    ),
  };
}
afterEach(() => vi.useRealTimers());

describe('frameBatcher (no animation frames here: the timer path)', () => {
  it('delivers the first change at once, then the rest of a burst together a frame later', () => {
    const { delivered, batch } = batcher();
    batch.push(1);
    expect(delivered).toEqual([[1]]);
    for (let i = 2; i <= 100; i++) batch.push(i);
    expect(delivered).toHaveLength(1);
    vi.advanceTimersByTime(16);
    expect(delivered).toHaveLength(2);
    expect(delivered[1]).toHaveLength(99);
    expect(delivered[1]?.[98]).toBe(100);
  });

  it('a change after a quiet frame goes at once again', () => {
    const { delivered, batch } = batcher();
    batch.push(1);
    batch.push(2);
    vi.advanceTimersByTime(50);
    batch.push(3);
    expect(delivered).toEqual([[1], [2], [3]]);
  });

  it('drop forgets what waits and delivers nothing later', () => {
    const { delivered, batch } = batcher();
    batch.push(1);
    batch.push(2);
    batch.drop();
    vi.advanceTimersByTime(1_000);
    expect(delivered).toEqual([[1]]);
  });

  it('after a costly delivery, changes wait COST_FACTOR times its cost, then go together', () => {
    const { delivered, batch } = batcher(30);
    batch.push(1);
    expect(delivered).toEqual([[1]]);
    vi.advanceTimersByTime(0); // the page's next task: the cost is known (30 ms)
    vi.advanceTimersByTime(20); // 50 ms after the delivery began
    batch.push(2);
    batch.push(3);
    vi.advanceTimersByTime(COST_FACTOR * 30 - 50 - 1);
    expect(delivered).toEqual([[1]]);
    vi.advanceTimersByTime(1);
    expect(delivered).toEqual([[1], [2, 3]]);
  });

  it('waits at most MAX_WAIT_MS however costly, and a cheap delivery brings back one a frame', () => {
    let cost = 100; // COST_FACTOR times that is past the longest wait
    const delivered: number[][] = [];
    const batch = frameBatcher<number>(
      (c) => {
        delivered.push(c);
        vi.setSystemTime(Date.now() + cost);
      },
      () => Date.now(),
    );
    batch.push(1);
    vi.advanceTimersByTime(0);
    batch.push(2); // 100 ms after the first began
    cost = 0;
    vi.advanceTimersByTime(MAX_WAIT_MS - 100 - 1);
    expect(delivered).toEqual([[1]]);
    vi.advanceTimersByTime(1);
    expect(delivered).toEqual([[1], [2]]);
    vi.advanceTimersByTime(1); // that one cost nothing (a timer made in a timer runs 1 ms later here)
    batch.push(3);
    batch.push(4);
    vi.advanceTimersByTime(10);
    expect(delivered).toHaveLength(2);
    vi.advanceTimersByTime(6); // a frame after the last delivery, not MAX_WAIT_MS
    expect(delivered).toEqual([[1], [2], [3, 4]]);
  });
});

describe('frameBatcher with animation frames (every 16 ms on the fake clock)', () => {
  beforeEach(() => {
    vi.stubGlobal('requestAnimationFrame', (f: FrameRequestCallback) => setTimeout(() => f(Date.now()), 16));
    vi.stubGlobal('cancelAnimationFrame', (id: ReturnType<typeof setTimeout>) => clearTimeout(id));
  });
  afterEach(() => vi.unstubAllGlobals());

  it('delivers a burst at the next frame, and after a costly delivery at the first frame past the wait', () => {
    const { delivered, batch } = batcher();
    batch.push(1);
    batch.push(2);
    vi.advanceTimersByTime(16);
    expect(delivered).toEqual([[1], [2]]);

    const costly = batcher(30);
    costly.batch.push(1);
    vi.advanceTimersByTime(0); // cost known: 30 ms, so 90 ms between deliveries
    costly.batch.push(2);
    vi.advanceTimersByTime(16 * 3); // 30 + 48 ms after the first began: not yet
    expect(costly.delivered).toEqual([[1]]);
    vi.advanceTimersByTime(16); // 94 ms: the first frame past the wait
    expect(costly.delivered).toEqual([[1], [2]]);
  });
});
