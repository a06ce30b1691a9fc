/** Work for an idle moment: requestIdleCallback with its timeout where the page has it, else a short timer; both cancel. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { whenIdle } from '../../../../renderer/common/whenIdle';

/** A page with requestIdleCallback whose idle moments the test runs by hand. */
function idlePage() {
  const waiting = new Map<number, { f: () => void; timeout?: number }>();
  let next = 1;
  const page = {
    requestIdleCallback: (f: () => void, options?: { timeout?: number }) => {
      waiting.set(next, { f, timeout: options?.timeout });
      return next++;
    },
    cancelIdleCallback: (id: number) => void waiting.delete(id),
  };
  const idle = () => {
    for (const [id, w] of [...waiting]) {
      waiting.delete(id);
      w.f();
    }
  };
  return { page: page as unknown as Window, waiting, idle };
}

afterEach(() => vi.useRealTimers());

describe('whenIdle', () => {
  it('runs the work in the next idle moment, asking for it within the timeout', () => {
    const { page, waiting, idle } = idlePage();
    const f = vi.fn();
    whenIdle(f, 2000, page);
    expect([...waiting.values()].map((w) => w.timeout)).toEqual([2000]);
    expect(f).not.toHaveBeenCalled();
    idle();
    expect(f).toHaveBeenCalledTimes(1);
  });

  it('does not run cancelled work', () => {
    const { page, idle } = idlePage();
    const f = vi.fn();
    whenIdle(f, 2000, page)();
    idle();
    expect(f).not.toHaveBeenCalled();
  });

  it('falls back to a timer of at most 500 ms where the page has no requestIdleCallback, which cancels too', () => {
    vi.useFakeTimers();
    const page = {} as Window;
    const kept = vi.fn();
    const cancelled = vi.fn();
    whenIdle(kept, 5000, page);
    whenIdle(cancelled, 5000, page)();
    vi.advanceTimersByTime(499);
    expect(kept).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(kept).toHaveBeenCalledTimes(1);
    expect(cancelled).not.toHaveBeenCalled();
  });
});
