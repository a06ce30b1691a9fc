/**
 * The time now, for text that names how long ago something was ("Up 5 seconds", "3m ago"): re-renders the
 * component every `periodMs`. Every component asking for the same period shares one timer, which stops when
 * the last of them unmounts.
 */
import { useCallback, useSyncExternalStore } from 'react';

interface Ticker {
  listeners: Set<() => void>;
  timer: ReturnType<typeof setInterval> | undefined;
  now: number;
}

const tickers = new Map<number, Ticker>();

function ticker(periodMs: number): Ticker {
  let t = tickers.get(periodMs);
  if (!t) {
    t = { listeners: new Set(), timer: undefined, now: Date.now() };
    tickers.set(periodMs, t);
  }
  return t;
}

function subscribe(periodMs: number, listener: () => void): () => void {
  const t = ticker(periodMs);
  t.listeners.add(listener);
  if (!t.timer) {
    t.now = Date.now();
    t.timer = setInterval(() => {
      t.now = Date.now();
      for (const l of t.listeners) l();
    }, periodMs);
  }
  return () => {
    t.listeners.delete(listener);
    if (t.listeners.size === 0) {
      clearInterval(t.timer);
      t.timer = undefined;
    }
  };
}

/** Date.now(), refreshed every `periodMs` while the component is mounted. */
export function useClock(periodMs: number): number {
  const onTick = useCallback((listener: () => void) => subscribe(periodMs, listener), [periodMs]);
  const read = useCallback(() => {
    const t = ticker(periodMs);
    // Not ticking yet (first render): catch up, at most once a period, so reads agree with each other.
    if (!t.timer && Date.now() - t.now >= periodMs) t.now = Date.now();
    return t.now;
  }, [periodMs]);
  return useSyncExternalStore(onTick, read);
}
