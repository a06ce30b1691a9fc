/**
 * The time now, for text that names how long ago something was ("Up 5 seconds", "3m ago"): re-renders the
 * component every `periodMs`. Every component asking for the same period (and pause) shares one timer, which
 * stops when the last of them unmounts. The timers pause while the window is hidden or unfocused
 * (windowActivity.ts, the same signal the usage poller pauses on), or, for a clock asked with
 * `pauseWhen: 'hidden'` (a countdown read beside another window: "Retrying in 8 s"), only while it is
 * hidden; they catch up at once when it is back.
 */
import { useCallback, useSyncExternalStore } from 'react';
import { windowActivity, type WindowActivity } from './windowActivity';

/** When a clock pauses: while the window is inactive (hidden or unfocused), or only while it is hidden. */
export type ClockPause = 'inactive' | 'hidden';

interface Ticker {
  periodMs: number;
  pauseWhen: ClockPause;
  listeners: Set<() => void>;
  timer: ReturnType<typeof setInterval> | undefined;
  now: number;
}

/** The shared tickers, by period and pause; `activity` says when to pause. Exported for unit tests. */
export function createClocks(activity: WindowActivity) {
  const tickers = new Map<string, Ticker>();
  let stopActivity: (() => void) | undefined;

  const ticker = (periodMs: number, pauseWhen: ClockPause): Ticker => {
    const key = `${periodMs} ${pauseWhen}`;
    let t = tickers.get(key);
    if (!t) {
      t = { periodMs, pauseWhen, listeners: new Set(), timer: undefined, now: Date.now() };
      tickers.set(key, t);
    }
    return t;
  };

  /** Whether the window lets this ticker run now. */
  const runs = (t: Ticker) => (t.pauseWhen === 'hidden' ? activity.visible() : activity.active());

  const tick = (t: Ticker) => {
    t.now = Date.now();
    for (const l of [...t.listeners]) l();
  };

  const start = (t: Ticker) => {
    if (t.timer || t.listeners.size === 0 || !runs(t)) return;
    t.timer = setInterval(() => tick(t), t.periodMs);
  };

  const stop = (t: Ticker) => {
    clearInterval(t.timer);
    t.timer = undefined;
  };

  /** The window went inactive or hidden (those timers stop) or came back (each catches up now, then ticks on). */
  const activityChanged = () => {
    for (const t of tickers.values()) {
      if (!runs(t)) stop(t);
      else if (!t.timer && t.listeners.size > 0) {
        tick(t);
        start(t);
      }
    }
  };

  return {
    tickers,
    subscribe(periodMs: number, listener: () => void, pauseWhen: ClockPause = 'inactive'): () => void {
      const t = ticker(periodMs, pauseWhen);
      stopActivity ??= activity.subscribe(activityChanged);
      t.listeners.add(listener);
      if (!t.timer && runs(t)) {
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
    read(periodMs: number, pauseWhen: ClockPause = 'inactive'): number {
      const t = ticker(periodMs, pauseWhen);
      // Not ticking (first render, or paused): catch up, at most once a period, so reads agree with each other.
      if (!t.timer && Date.now() - t.now >= periodMs) t.now = Date.now();
      return t.now;
    },
  };
}

const clocks = createClocks(windowActivity);

export interface ClockOptions {
  /** When it pauses: 'inactive' (the default: hidden or unfocused), or 'hidden' only. */
  pauseWhen?: ClockPause;
}

/** Date.now(), refreshed every `periodMs` while the component is mounted and the window active (or visible). */
export function useClock(periodMs: number, { pauseWhen = 'inactive' }: ClockOptions = {}): number {
  const onTick = useCallback(
    (listener: () => void) => clocks.subscribe(periodMs, listener, pauseWhen),
    [periodMs, pauseWhen],
  );
  const read = useCallback(() => clocks.read(periodMs, pauseWhen), [periodMs, pauseWhen]);
  return useSyncExternalStore(onTick, read);
}
