/** Test helpers for live collections (a snapshot, then upserts and removals). */
import type { CollectionEvent } from '../../contract/collection';
import type { StreamHandlers, Subscription } from '../../contract/define';
import type { ApiErrorShape } from '../../contract/errors';
import type { ApiClient } from '../../contract/api';
import type { Task } from '../../contract/tasks';

/** Mirrors a live collection into a map. */
export function mirror<T>(idOf: (item: T) => string) {
  const items = new Map<string, T>();
  let snapshots = 0;
  const onEvent = (e: CollectionEvent<T>) => {
    if (e.type === 'snapshot') {
      snapshots++;
      items.clear();
    }
    if (e.type === 'snapshot' || e.type === 'upsert') for (const i of e.items) items.set(idOf(i), i);
    else for (const id of e.ids) items.delete(id);
  };
  return { items, onEvent, snapshots: () => snapshots };
}

/** A subscribed live list: its items, every event, removed ids, and how it ended. */
export interface Live<T> {
  items: Map<string, T>;
  events: Array<CollectionEvent<T>>;
  removed: string[];
  ended?: ApiErrorShape | null;
  sub: Subscription;
}

export function live<T>(
  open: (h: StreamHandlers<CollectionEvent<T>>) => Subscription,
  idOf: (i: T) => string,
): Live<T> {
  const l = { items: new Map<string, T>(), events: [], removed: [] } as unknown as Live<T>;
  l.sub = open({
    onEvent: (e) => {
      l.events.push(e);
      if (e.type === 'snapshot') l.items = new Map(e.items.map((i) => [idOf(i), i]));
      else if (e.type === 'upsert') for (const i of e.items) l.items.set(idOf(i), i);
      else
        for (const id of e.ids) {
          l.items.delete(id);
          l.removed.push(id);
        }
    },
    onEnd: (error) => {
      l.ended = error ?? null;
    },
  });
  return l;
}

/** Every task's latest state as the tasks watch reports it (the snapshot, then each update), by id. */
export function latestTasks(api: ApiClient): Map<string, Task> {
  const tasks = new Map<string, Task>();
  api.tasks.watch.subscribe(undefined, {
    onEvent: (e) => {
      if (e.type === 'snapshot') for (const task of e.tasks) tasks.set(task.id, task);
      if (e.type === 'update') tasks.set(e.task.id, e.task);
    },
  });
  return tasks;
}
