/**
 * The shared-subscription part of a live list: one upstream serves every subscriber. The first subscriber
 * starts it, each new subscriber gets a snapshot of the one cached list, changes fan out to all, and the
 * upstream stops when the last one leaves. How the list is loaded and kept current is the owner's.
 */
import type { CollectionEvent } from '../../contract/collection';

export type CollectionListener<T> = (event: CollectionEvent<T>) => void;

/** Anything that serves a live list: a snapshot to each new listener, then changes, until it unsubscribes. */
export interface LiveList<T> {
  /** Resolves with the function that unsubscribes, once the snapshot went out. */
  subscribe(listener: CollectionListener<T>): Promise<() => void>;
}

export interface SharedCollectionHooks<T> {
  /** Loads the full list, keyed by id. */
  load(): Promise<Map<string, T>>;
  /** Runs when a load becomes the cache (not after a stop in between). */
  loaded?(cache: Map<string, T>): void;
  /** Runs before the first subscriber is added. */
  start?(): void;
  /** Runs when the last subscriber leaves (or the first one fails to load); the cache is already gone. */
  stop(): void;
  /** Maps a load error before the subscriber sees it. */
  mapError?(error: unknown): unknown;
}

export class SharedCollection<T> implements LiveList<T> {
  private readonly listeners = new Set<CollectionListener<T>>();
  /** The current list once loaded; the owner keeps it current. */
  cache: Map<string, T> | undefined;
  private loading: Promise<Map<string, T>> | undefined;

  constructor(private readonly hooks: SharedCollectionHooks<T>) {}

  get size(): number {
    return this.listeners.size;
  }

  /** Subscribes: the listener gets a snapshot, then changes, until the returned function is called. */
  async subscribe(listener: CollectionListener<T>): Promise<() => void> {
    if (this.listeners.size === 0) this.hooks.start?.();
    this.listeners.add(listener);
    try {
      const cache = await this.load();
      if (this.listeners.has(listener)) listener({ type: 'snapshot', items: [...cache.values()] });
    } catch (e) {
      this.remove(listener);
      throw this.hooks.mapError ? this.hooks.mapError(e) : e;
    }
    return () => this.remove(listener);
  }

  /** Sends each event, in order, to every subscriber. */
  emit(...events: CollectionEvent<T>[]): void {
    for (const l of this.listeners) for (const event of events) l(event);
  }

  private remove(listener: CollectionListener<T>): void {
    this.listeners.delete(listener);
    if (this.listeners.size === 0) this.stop();
  }

  private stop(): void {
    this.cache = undefined;
    this.loading = undefined;
    this.hooks.stop();
  }

  private load(): Promise<Map<string, T>> {
    if (this.cache) return Promise.resolve(this.cache);
    if (!this.loading) {
      const loading = this.hooks.load().then((map) => {
        // A stop in between drops `loading`: this load is stale then.
        if (this.loading === loading) {
          this.cache = map;
          this.hooks.loaded?.(map);
        }
        return map;
      });
      loading.catch(() => {
        if (this.loading === loading) this.loading = undefined;
      });
      this.loading = loading;
    }
    return this.loading;
  }
}
