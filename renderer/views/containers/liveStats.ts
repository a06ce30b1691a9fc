/**
 * Live CPU and memory for table rows: one stats stream per container, opened while at least one cell of
 * that container is on screen (the table is virtualised, so off-screen rows are not mounted) and closed
 * when the last one goes. Cells of the same row share the stream.
 */
import { useEffect, useSyncExternalStore } from 'react';
import { api } from '../../api';
import type { StatsSample } from '../../../contract/containers';
import type { Subscription } from '../../../contract/define';

interface Entry {
  holders: number;
  sample: StatsSample | undefined;
  listeners: Set<() => void>;
  subscription: Subscription | undefined;
  closeTimer: ReturnType<typeof setTimeout> | undefined;
}

const entries = new Map<string, Entry>();
/** Keeps a stream a moment after its row scrolls away, so scrolling back does not restart it. */
const LINGER_MS = 3000;

function entryOf(id: string): Entry {
  let e = entries.get(id);
  if (!e) {
    e = { holders: 0, sample: undefined, listeners: new Set(), subscription: undefined, closeTimer: undefined };
    entries.set(id, e);
  }
  return e;
}

function retain(id: string): () => void {
  const e = entryOf(id);
  e.holders++;
  clearTimeout(e.closeTimer);
  if (!e.subscription) {
    e.subscription = api.containers.stats.subscribe(
      { id },
      {
        onEvent: (sample) => {
          e.sample = sample;
          for (const l of e.listeners) l();
        },
        onEnd: () => {
          e.subscription = undefined;
        },
      },
    );
  }
  return () => {
    e.holders--;
    if (e.holders > 0) return;
    e.closeTimer = setTimeout(() => {
      if (e.holders > 0) return;
      e.subscription?.unsubscribe();
      entries.delete(id);
    }, LINGER_MS);
  };
}

/** The latest stats sample of a running container, streaming while the caller is mounted. */
export function useLiveStats(id: string, running: boolean): StatsSample | undefined {
  useEffect(() => (running ? retain(id) : undefined), [id, running]);
  return useSyncExternalStore(
    (listener) => {
      const e = entryOf(id);
      e.listeners.add(listener);
      return () => e.listeners.delete(listener);
    },
    () => (running ? entries.get(id)?.sample : undefined),
  );
}
