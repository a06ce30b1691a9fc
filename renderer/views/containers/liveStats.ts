/**
 * Live CPU and memory for table rows. One shared timer asks main for one reading of every running
 * container whose row is in the viewport (`containers.usage`; rows outside it, overscan rows included, ask
 * for nothing) every few seconds — no stream per row. It pauses while the window is hidden or not focused
 * and reads at once when it comes back; after a while without pointer or key input it reads less often,
 * and back at the usual pace on the next input (windowActivity.ts). A reading is kept as the text the cells
 * show, and a cell is told only when that text changed.
 * (The detail page's Stats tab streams `containers.stats` itself, once a second, for its charts.)
 */
import { useCallback, useEffect, useSyncExternalStore } from 'react';
import { api } from '../../api';
import type { ContainerUsage, StatsSample } from '../../../contract/containers';
import { formatBytes } from '../../common/format';
import { IDLE_AFTER_MS, windowActivity } from '../../components/windowActivity';
import { useRowInView } from '../../components/rowInView';

/** How often the cells update: a table is glanced at, not watched like a chart. */
export const USAGE_PERIOD_MS = 3000;
/** How often while nobody has touched the window for IDLE_AFTER_MS. */
export const IDLE_PERIOD_MS = 10_000;
/** The next reading when some cell has no CPU figure yet (it needs two readings). */
const FIRST_CPU_MS = 1000;
/** A cell that appears (scrolled into view) waits at most this long for its first reading. */
const NEW_ROW_MS = 250;
/** Keeps a reading a moment after its row scrolls away, so scrolling back shows it at once. */
const LINGER_MS = 3000;

export const formatPercent = (n: number | null | undefined): string =>
  n === null || n === undefined || !Number.isFinite(n) ? '—' : `${n < 10 ? n.toFixed(1) : Math.round(n)}%`;

/**
 * What the cells show of a reading. Kept while unchanged (the same objects), so a cell re-renders only when
 * its own text changed.
 */
export interface UsageText {
  cpu: string;
  memory: { text: string; title: string };
}

export function usageText(s: StatsSample): UsageText {
  return {
    cpu: formatPercent(s.cpuPercent ?? 0),
    memory: {
      text: formatBytes(s.memoryUsage),
      title: `${formatPercent(s.memoryPercent)} of ${formatBytes(s.memoryLimit)}`,
    },
  };
}

/** `next`, reusing what is unchanged from `old`; `old` itself when nothing shown changed. */
function keepUnchanged(old: UsageText | undefined, next: UsageText): UsageText {
  if (!old) return next;
  const memory =
    old.memory.text === next.memory.text && old.memory.title === next.memory.title ? old.memory : next.memory;
  return old.cpu === next.cpu && memory === old.memory ? old : { cpu: next.cpu, memory };
}

interface Entry {
  holders: number;
  text: UsageText | undefined;
  listeners: Set<() => void>;
  forgetTimer: ReturnType<typeof setTimeout> | undefined;
}

/** Where the poller reads from and what tells it to pause or slow down; replaced in unit tests. */
export interface UsageSource {
  read(ids: string[]): Promise<ContainerUsage[]>;
  /** The window is visible and focused. */
  active(): boolean;
  /** Milliseconds since the last pointer or key input in the window. */
  idleFor(): number;
  /** Calls `changed` when active() may have changed or input came after idleness; returns the function that stops. */
  onActivity(changed: () => void): () => void;
}

function pageSource(): UsageSource {
  return {
    read: async (ids) => {
      // containers.usage takes up to 200 ids (a screen shows about 30 rows).
      const batches: string[][] = [];
      for (let i = 0; i < ids.length; i += 200) batches.push(ids.slice(i, i + 200));
      return (await Promise.all(batches.map((b) => api.containers.usage({ ids: b })))).flat();
    },
    active: () => windowActivity.active(),
    idleFor: () => windowActivity.idleFor(),
    onActivity: (changed) => windowActivity.subscribe(changed),
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
  /** The earliest time a reading was asked for while one was on its way: the next one is due by then. */
  let askedDuringRead = Infinity;
  /** When the last reading was asked for. */
  let lastRead = -Infinity;

  const wanted = () => [...entries].filter(([, e]) => e.holders > 0).map(([id]) => id);
  const period = () => (src && src.idleFor() >= IDLE_AFTER_MS ? IDLE_PERIOD_MS : USAGE_PERIOD_MS);

  /**
   * Runs a tick in `delay` ms, unless one is due sooner. While a reading is on its way the time is kept, and
   * the next tick is scheduled by it once the reading is in (a row come into view still gets its 250 ms).
   */
  const schedule = (delay: number) => {
    if (!src || !src.active() || wanted().length === 0) return;
    const at = Date.now() + delay;
    if (reading) {
      askedDuringRead = Math.min(askedDuringRead, at);
      return;
    }
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
    lastRead = Date.now();
    let needCpu = false;
    try {
      for (const { id, sample } of await src.read(ids)) {
        const e = entries.get(id);
        if (!e) continue;
        if (sample.cpuPercent === null) needCpu = true;
        const text = keepUnchanged(e.text, usageText(sample));
        if (text === e.text) continue;
        e.text = text;
        for (const l of [...e.listeners]) l();
      }
    } catch {
      /* the engine is away: the cells keep their last figures and the next tick tries again */
    } finally {
      reading = false;
    }
    const asked = askedDuringRead;
    askedDuringRead = Infinity;
    schedule(needCpu ? FIRST_CPU_MS : period());
    if (asked < Infinity) schedule(Math.max(0, asked - Date.now()));
  };

  /** Back (focused, or input after idleness): the next reading is due a usual period after the last one. */
  const activityChanged = () => schedule(Math.max(0, lastRead + USAGE_PERIOD_MS - Date.now()));

  const entryOf = (id: string): Entry => {
    let e = entries.get(id);
    if (!e) {
      e = { holders: 0, text: undefined, listeners: new Set(), forgetTimer: undefined };
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
    /** Polls container `id` until the returned function is called (its row is in view and it runs). */
    retain(id: string): () => void {
      if (!src) {
        src = source();
        stopActivity = src.onActivity(activityChanged);
      }
      const e = entryOf(id);
      e.holders++;
      clearTimeout(e.forgetTimer);
      e.forgetTimer = undefined;
      schedule(e.text ? period() : NEW_ROW_MS);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        e.holders--;
        if (e.holders > 0) return;
        e.forgetTimer = setTimeout(() => {
          e.forgetTimer = undefined;
          if (e.holders > 0) return;
          e.text = undefined;
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
    /** What the cells of container `id` show, while it has a reading. */
    text: (id: string): UsageText | undefined => entries.get(id)?.text,
  };
}

const poller = createUsagePoller();

/**
 * One part of what a running container's cells show (`cpu` or `memory`), kept current while the caller is
 * mounted and its row is in view; a change of another part does not re-render the caller.
 */
export function useLiveUsage<K extends keyof UsageText>(
  id: string,
  running: boolean,
  part: K,
): UsageText[K] | undefined {
  const polled = useRowInView() && running;
  useEffect(() => (polled ? poller.retain(id) : undefined), [id, polled]);
  const subscribe = useCallback((listener: () => void) => poller.subscribe(id, listener), [id]);
  const read = useCallback(() => (running ? poller.text(id)?.[part] : undefined), [id, running, part]);
  return useSyncExternalStore(subscribe, read);
}
