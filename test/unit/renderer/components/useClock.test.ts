/**
 * The shared clocks behind "Up 5 seconds" and "5s ago": one timer per period while anything shows it,
 * paused while the window is hidden or unfocused (or, asked so, only while hidden: the status bar's "Retrying
 * in 8 s"), catching up at once when it is back.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createClocks } from '../../../../renderer/components/useClock';
import type { WindowActivity } from '../../../../renderer/components/windowActivity';

function fakeActivity() {
  let visible = true;
  let focused = true;
  const listeners = new Set<() => void>();
  const activity: WindowActivity = {
    active: () => visible && focused,
    visible: () => visible,
    idleFor: () => 0,
    subscribe: (l) => (listeners.add(l), () => void listeners.delete(l)),
  };
  const told = () => {
    for (const l of listeners) l();
  };
  return {
    activity,
    listeners,
    /** Shown and focused, or hidden. */
    set(a: boolean) {
      visible = a;
      focused = a;
      told();
    },
    /** Shown, focus elsewhere (or back). */
    focus(f: boolean) {
      focused = f;
      told();
    },
  };
}

describe('the clocks', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('ticks every period while shown, with one timer for every component of that period', () => {
    const a = fakeActivity();
    const clocks = createClocks(a.activity);
    let ticks = 0;
    const stop1 = clocks.subscribe(1000, () => ticks++);
    const stop2 = clocks.subscribe(1000, () => ticks++);
    const start = clocks.read(1000);
    vi.advanceTimersByTime(3000);
    expect(ticks).toBe(6);
    expect(clocks.read(1000)).toBe(start + 3000);
    expect(vi.getTimerCount()).toBe(1);
    stop1();
    stop2();
    expect(vi.getTimerCount()).toBe(0);
    expect(a.listeners.size).toBe(0);
  });

  it('pauses while the window is inactive, and catches up at once when it is back', () => {
    const a = fakeActivity();
    const clocks = createClocks(a.activity);
    let ticks = 0;
    clocks.subscribe(1000, () => ticks++);
    clocks.subscribe(15_000, () => ticks++);
    vi.advanceTimersByTime(1000);
    expect(ticks).toBe(1);
    a.set(false);
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(60_000);
    expect(ticks).toBe(1);
    a.set(true);
    expect(ticks).toBe(3); // each clock once, now
    expect(clocks.read(1000)).toBe(Date.now());
    vi.advanceTimersByTime(1000);
    expect(ticks).toBe(4);
  });

  it('does not start while the window is inactive', () => {
    const a = fakeActivity();
    a.set(false);
    const clocks = createClocks(a.activity);
    let ticks = 0;
    clocks.subscribe(1000, () => ticks++);
    vi.advanceTimersByTime(5000);
    expect(ticks).toBe(0);
    // A render meanwhile still reads a current time, at most a period old.
    expect(Date.now() - clocks.read(1000)).toBeLessThan(1000);
  });

  it('a clock asked to pause only while hidden keeps ticking beside another window, and stops once hidden', () => {
    const a = fakeActivity();
    const clocks = createClocks(a.activity);
    let countdown = 0;
    let uptime = 0;
    clocks.subscribe(1000, () => countdown++, 'hidden');
    clocks.subscribe(1000, () => uptime++);
    expect(vi.getTimerCount()).toBe(2); // one timer per period and pause
    a.focus(false);
    vi.advanceTimersByTime(3000);
    expect([countdown, uptime]).toEqual([3, 0]);
    expect(clocks.read(1000, 'hidden')).toBe(Date.now());
    a.set(false); // hidden
    vi.advanceTimersByTime(5000);
    expect([countdown, uptime]).toEqual([3, 0]);
    expect(vi.getTimerCount()).toBe(0);
    a.set(true);
    expect([countdown, uptime]).toEqual([4, 1]); // each catches up now
  });
});
