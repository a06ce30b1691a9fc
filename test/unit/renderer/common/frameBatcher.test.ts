/** Changes go at once after a quiet frame, and together once a frame while they keep coming. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { frameBatcher } from '../../../../renderer/common/frameBatcher';

beforeEach(() => vi.useFakeTimers());

/** A batcher on the fake clock and what it delivered. */
function batcher() {
  const delivered: number[][] = [];
  return {
    delivered,
    batch: frameBatcher<number>(
      (c) => delivered.push(c),
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
});
