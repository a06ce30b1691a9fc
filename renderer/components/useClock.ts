/**
 * The time now, for text that names how long ago something was ("Up 5 seconds", "3m ago"): re-renders the
 * component every `periodMs`. Every component asking for the same period shares one timer, which stops when
 * the last of them unmounts. The timers pause while the window is hidden or unfocused (windowActivity.ts,
 * the same signal the usage poller pauses on) and catch up at once when it is back.
 */
import { useCallback, useSyncExternalStore } from 'react';
import { windowActivity, type WindowActivity } from './windowActivity';

interface Ticker {
  periodMs: number;
  listeners: Set<() => void>;
  timer: ReturnType<typeof setInterval> | undefined;
  now: number;
}

/** The shared tickers, by period; `activity` says when to pause. Exported for unit tests. */
export function createClocks(activity: WindowActivity) {
  const tickers = new Map<number, Ticker>();
  let stopActivity: (() => void) | undefined;

  const ticker = (periodMs: number): Ticker => {
    let t = tickers.get(periodMs);
    if (!t) {
      t = { periodMs, listeners: new Set(), timer: undefined, now: Date.now() };
      tickers.set(periodMs, t);
    }
    return t;
  };

  const tick = (t: Ticker) => {
    t.now = Date.now();
    for (const l of [...t.listeners]) l();
  };

  const start = (t: Ticker) => {
    if (t.timer || t.listeners.size === 0 || !activity.active()) return;
    t.timer = setInterval(() => tick(t), t.periodMs);
  };

  const stop = (t: Ticker) => {
    clearInterval(t.timer);
    t.timer = undefined;
  };

  /** The window went inactive (every timer stops) or came back (each catches up now, then ticks on). */
  const activityChanged = () => {
    const active = activity.active();
    for (const t of tickers.values()) {
      if (!active) stop(t);
      else if (!t.timer && t.listeners.size > 0) {
        tick(t);
        start(t);
      }
    }
  };

  return {
    tickers,
    subscribe(periodMs: number, listener: () => void): () => void {
      const t = ticker(periodMs);
      stopActivity ??= activity.subscribe(activityChanged);
      t.listeners.add(listener);
      if (!t.timer && activity.active()) {
        t.now = Date.now();
        start(t);
      }
      return () => {
        t.listeners.delete(listener);
        if (t.listeners.size > 0) return;
        stop(t);
        if ([...tickers.values()].some((x) => x.listeners.size > 0)) return;
        stopActivity?.();
        stopActivity = undefined;
      };
    },
    read(periodMs: number): number {
      const t = ticker(periodMs);
      // Not ticking (first render, or paused): catch up, at most once a period, so reads agree with each other.
      if (!t.timer && Date.now() - t.now >= periodMs) t.now = Date.now();
      return t.now;
    },
  };
}

const clocks = createClocks(windowActivity);

/** Date.now(), refreshed every `periodMs` while the component is mounted and the window active. */
export function useClock(periodMs: number): number {
  const onTick = useCallback((listener: () => void) => clocks.subscribe(periodMs, listener), [periodMs]);
  const read = useCallback(() => clocks.read(periodMs), [periodMs]);
  return useSyncExternalStore(onTick, read);
}
