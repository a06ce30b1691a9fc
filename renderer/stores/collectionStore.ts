/**
 * A zustand store for one live collection (containers, images, pods, ...): it subscribes once, takes the
 * snapshot, applies upserts and removals as main pushes them, and re-snapshots after a reconnect. A failed
 * stream is tried again every 1.5 s while a view holds the store, unless the error is final (options.final).
 *
 * Changes are applied at most once a frame: the first change after a quiet frame at once (a `docker run`
 * shows without waiting), the ones that follow within the frame together at the next one. A scale-up that
 * sends a hundred pod changes a second then costs one copy of the list and one render a frame, not one per
 * change (with 10,000 pods, each render walks them all).
 */
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { CollectionEvent } from '../../contract/collection';
import type { ApiErrorShape } from '../../contract/apiError';
import type { StreamHandlers, Subscription } from '../../contract/define';
import { frameBatcher } from '../common/frameBatcher';

export interface CollectionState<T> {
  items: Map<string, T>;
  loaded: boolean;
  error: ApiErrorShape | undefined;
  /**
   * How `items` differs from the map before it: the ids set or removed since `from`. Absent after a
   * snapshot (everything may differ). A view that kept `from` can update what it derived from the ids alone
   * instead of walking every item; a view that missed a version (from is not what it kept) starts afresh.
   */
  delta?: CollectionDelta<T>;
  /** Subscribes while at least one view holds it; returns the release function. */
  retain(): () => void;
}

export interface CollectionDelta<T> {
  from: ReadonlyMap<string, T>;
  ids: ReadonlySet<string>;
}

export interface CollectionOptions {
  /**
   * Errors that asking again will not cure (a list the user may not read): the store keeps the error and
   * stops retrying until it is retained afresh (the view shown again).
   */
  final?(error: ApiErrorShape): boolean;
}

export function createCollectionStore<T>(
  subscribe: (handlers: StreamHandlers<CollectionEvent<T>>) => Subscription,
  idOf: (item: T) => string,
  options: CollectionOptions = {},
): UseBoundStore<StoreApi<CollectionState<T>>> {
  let holders = 0;
  let subscription: Subscription | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  const store = create<CollectionState<T>>()((set) => {
    const changes = frameBatcher<Exclude<CollectionEvent<T>, { type: 'snapshot' }>>((events) =>
      set((state) => {
        const items = new Map(state.items);
        const ids = new Set<string>();
        for (const event of events) {
          if (event.type === 'upsert')
            for (const i of event.items) {
              const id = idOf(i);
              items.set(id, i);
              ids.add(id);
            }
          else
            for (const id of event.ids) {
              items.delete(id);
              ids.add(id);
            }
        }
        return { items, delta: { from: state.items, ids } };
      }),
    );
    const apply = (event: CollectionEvent<T>) => {
      if (event.type !== 'snapshot') return changes.push(event);
      changes.drop(); // the snapshot replaces whatever was waiting
      set({
        items: new Map(event.items.map((i) => [idOf(i), i])),
        delta: undefined,
        loaded: true,
        error: undefined,
      });
    };
    const open = () => {
      subscription = subscribe({
        onEvent: apply,
        onEnd: (error) => {
          subscription = undefined;
          set({ error });
          // The engine went away or the stream failed: try again while someone is looking, unless it is final.
          if (error && options.final?.(error)) return;
          if (holders > 0) retryTimer = setTimeout(open, 1500);
        },
      });
    };
    return {
      items: new Map(),
      loaded: false,
      error: undefined,
      retain() {
        holders++;
        if (holders === 1 && !subscription) open();
        return () => {
          holders--;
          if (holders === 0) {
            clearTimeout(retryTimer);
            changes.drop();
            subscription?.unsubscribe();
            subscription = undefined;
          }
        };
      },
    };
  });
  return store;
}
