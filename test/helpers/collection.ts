/** Test helpers for live collections (a snapshot, then upserts and removals). */
import type { CollectionEvent } from '../../contract/collection';

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
