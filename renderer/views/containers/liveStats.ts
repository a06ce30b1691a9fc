/**
 * Live CPU and memory for table rows. One shared timer asks main for one reading of every running
 * container that has a cell on screen (`containers.usage`; the table is virtualised, so off-screen rows
 * ask for nothing) every few seconds — no stream per row. It pauses while the window is hidden or not
 * focused, and reads at once when it comes back. A cell repaints only when its container's reading came.
 * (The detail page's Stats tab streams `containers.stats` itself, once a second, for its charts.)
 */
import { useEffect, useSyncExternalStore } from 'react';
import { api } from '../../api';
import type { ContainerUsage, StatsSample } from '../../../contract/containers';

/** How often the cells update: a table is glanced at, not watched like a chart. */
export const USAGE_PERIOD_MS = 3000;
/** The next reading when some cell has no CPU figure yet (it needs two readings). */
const FIRST_CPU_MS = 1000;
/** A cell that appears (scrolled into view) waits at most this long for its first reading. */
const NEW_ROW_MS = 250;
/** Keeps a reading a moment after its row scrolls away, so scrolling back shows it at once. */
const LINGER_MS = 3000;

interface Entry {
  holders: number;
  sample: StatsSample | undefined;
  listeners: Set<() => void>;
  forgetTimer: ReturnType<typeof setTimeout> | undefined;
}

/** Where the poller reads from and what tells it to pause; replaced in unit tests. */
export interface UsageSource {
  read(ids: string[]): Promise<ContainerUsage[]>;
  /** The window is visible and focused. */
  active(): boolean;
  /** Calls `changed` when active() may have changed; returns the function that stops. */
  onActivity(changed: () => void): () => void;
}

function pageSource(): UsageSource {
  let focused = true;
  return {
    read: async (ids) => {
      // containers.usage takes up to 200 ids (a screen shows about 30 rows).
      const batches: string[][] = [];
      for (let i = 0; i < ids.length; i += 200) batches.push(ids.slice(i, i + 200));
      return (await Promise.all(batches.map((b) => api.containers.usage({ ids: b })))).flat();
    },
    active: () => document.visibilityState === 'visible' && focused,
    onActivity(changed) {
      const blur = () => ((focused = false), changed());
      const focus = () => ((focused = true), changed());
      document.addEventListener('visibilitychange', changed);
      window.addEventListener('blur', blur);
      window.addEventListener('focus', focus);
      return () => {
        document.removeEventListener('visibilitychange', changed);
        window.removeEventListener('blur', blur);
        window.removeEventListener('focus', focus);
      };
    },
  };
}

/** The shared poller: entries by container id, one timer, one request per tick. */
export function createUsagePoller(source: () => UsageSource = pageSource) {
  const entries = new Map<string, Entry>();
  let src: UsageSource | undefined;
  let stopActivity: (() => void) | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let due = Infinity;
  let reading = false;

  const wanted = () => [...entries].filter(([, e]) => e.holders > 0).map(([id]) => id);

  /** Runs a tick in `delay` ms, unless one is due sooner or one is on its way. */
  const schedule = (delay: number) => {
    if (!src || reading || !src.active() || wanted().length === 0) return;
    const at = Date.now() + delay;
    if (timer && at >= due) return;
    clearTimeout(timer);
    due = at;
    timer = setTimeout(tick, delay);
  };

  const tick = async () => {
    timer = undefined;
    due = Infinity;
    const ids = wanted();
    if (!src || ids.length === 0 || !src.active()) return;
    reading = true;
    let needCpu = false;
    try {
      for (const { id, sample } of await src.read(ids)) {
        const e = entries.get(id);
        if (!e) continue;
        e.sample = sample;
        if (sample.cpuPercent === null) needCpu = true;
        for (const l of e.listeners) l();
      }
    } catch {
      /* the engine is away: the cells keep their last figures and the next tick tries again */
    } finally {
      reading = false;
    }
    schedule(needCpu ? FIRST_CPU_MS : USAGE_PERIOD_MS);
  };

  const entryOf = (id: string): Entry => {
    let e = entries.get(id);
    if (!e) {
      e = { holders: 0, sample: undefined, listeners: new Set(), forgetTimer: undefined };
      entries.set(id, e);
    }
    return e;
  };

  /** Drops an entry nobody holds, listens to or lingers on; the last one stops the poller. */
  const forgetIfUnused = (id: string, e: Entry) => {
    if (e.holders > 0 || e.listeners.size > 0 || e.forgetTimer !== undefined) return;
    if (entries.get(id) === e) entries.delete(id);
    if (entries.size > 0) return;
    clearTimeout(timer);
    timer = undefined;
    due = Infinity;
    stopActivity?.();
    stopActivity = undefined;
    src = undefined;
  };

  return {
    entries,
    retain(id: string): () => void {
      if (!src) {
        src = source();
        stopActivity = src.onActivity(() => schedule(0));
      }
      const e = entryOf(id);
      e.holders++;
      clearTimeout(e.forgetTimer);
      schedule(e.sample ? USAGE_PERIOD_MS : NEW_ROW_MS);
      return () => {
        e.holders--;
        if (e.holders > 0) return;
        e.forgetTimer = setTimeout(() => {
          e.forgetTimer = undefined;
          if (e.holders > 0) return;
          e.sample = undefined;
          forgetIfUnused(id, e);
        }, LINGER_MS);
      };
    },
    subscribe(id: string, listener: () => void): () => void {
      const e = entryOf(id);
      e.listeners.add(listener);
      return () => {
        e.listeners.delete(listener);
        forgetIfUnused(id, e);
      };
    },
    sample: (id: string): StatsSample | undefined => entries.get(id)?.sample,
  };
}

const poller = createUsagePoller();

/** The latest reading of a running container, kept current while the caller is mounted. */
export function useLiveStats(id: string, running: boolean): StatsSample | undefined {
  useEffect(() => (running ? poller.retain(id) : undefined), [id, running]);
  return useSyncExternalStore(
    (listener) => poller.subscribe(id, listener),
    () => (running ? poller.sample(id) : undefined),
  );
}
