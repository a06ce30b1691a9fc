/**
 * The shared-subscription part of a live list: one upstream serves every subscriber. The first subscriber
 * starts it, each new subscriber gets a snapshot of the one cached list, changes fan out to all, and the
 * upstream stops when the last one leaves — or, with `lingerMs`, that long after: a page reloaded or opened
 * again meanwhile gets its snapshot from the cache, kept current all along, without asking the engine again.
 * It lingers only when the owner says the cache can be trusted then (`canLinger`: the engine is connected);
 * the owner ends a linger early when the cache can no longer be trusted (`stopLingering`: the engine
 * switched or the link dropped) and for good when it lets the upstream go (`close`). How the list is loaded
 * and kept current is the owner's; the owner can also give up on a load in flight (`reload`), and those
 * waiting for the list then get the next load's.
 */
import type { CollectionEvent } from '../../contract/collection';

export type CollectionListener<T> = (event: CollectionEvent<T>) => void;

/** Anything that serves a live list: a snapshot to each new listener, then changes, until it unsubscribes. */
export interface LiveList<T> {
  /** Resolves with the function that unsubscribes, once the snapshot went out. */
  subscribe(listener: CollectionListener<T>): Promise<() => void>;
  /** Its upstream is let go (a kept engine released): it stops lingering, now and when its last subscriber leaves. */
  close?(): void;
}

export interface SharedCollectionHooks<T> {
  /** Loads the full list, keyed by id. */
  load(): Promise<Map<string, T>>;
  /** Runs when a load becomes the cache (not after a stop in between). */
  loaded?(cache: Map<string, T>): void;
  /** Runs before the first subscriber is added. */
  start?(): void;
  /**
   * Runs when the last subscriber leaves (after the linger, if any), or the first one fails to load; the cache
   * is already gone.
   */
  stop(): void;
  /** Maps a load error before the subscriber sees it. */
  mapError?(error: unknown): unknown;
  /**
   * How long the upstream keeps running, and the cache kept current, after the last subscriber leaves, in
   * ms (a loaded list only: one still loading stops at once). 0, the default, stops at once.
   */
  lingerMs?: number;
  /**
   * Asked when the last subscriber leaves: whether the cache is worth keeping now (its engine is connected, so
   * the cache is kept current). False stops at once. Lingers whenever `lingerMs` allows, if absent.
   */
  canLinger?(): boolean;
}

export class SharedCollection<T> implements LiveList<T> {
  private readonly listeners = new Set<CollectionListener<T>>();
  /** The current list once loaded; the owner keeps it current. */
  cache: Map<string, T> | undefined;
  /** The load in flight, the latest one asked for: only its answer becomes the cache. */
  private loading: Promise<Map<string, T>> | undefined;
  /** What subscribers wait on until a list is loaded: settled by the latest load, however many `reload` started. */
  private waiting: Waiting<T> | undefined;
  /** Between `start` and `stop`: subscribed to, or lingering. */
  private running = false;
  /** Set while no one subscribes and the list lingers: ends it. */
  private lingerTimer: NodeJS.Timeout | undefined;
  /** Set by `close`: no more lingering. */
  private closed = false;

  constructor(private readonly hooks: SharedCollectionHooks<T>) {}

  get size(): number {
    return this.listeners.size;
  }

  /** Whether no one subscribes and the upstream still runs (until the linger ends). */
  get lingering(): boolean {
    return this.lingerTimer !== undefined;
  }

  /** Subscribes: the listener gets a snapshot, then changes, until the returned function is called. */
  async subscribe(listener: CollectionListener<T>): Promise<() => void> {
    clearTimeout(this.lingerTimer);
    this.lingerTimer = undefined;
    if (!this.running) {
      this.running = true;
      this.hooks.start?.();
    }
    this.listeners.add(listener);
    try {
      const cache = await this.load();
      if (this.listeners.has(listener)) listener({ type: 'snapshot', items: [...cache.values()] });
    } catch (e) {
      // A failed load leaves nothing worth keeping: no linger.
      this.remove(listener, false);
      throw this.hooks.mapError ? this.hooks.mapError(e) : e;
    }
    return () => this.remove(listener);
  }

  /** Ends a linger now (the cache may no longer be the engine's: it switched, or the link dropped). */
  stopLingering(): void {
    if (this.lingerTimer) this.stop();
  }

  /** The upstream is let go: a linger ends now, and the last subscriber to leave from now on stops it at once. */
  close(): void {
    this.closed = true;
    this.stopLingering();
  }

  /** Sends each event, in order, to every subscriber. */
  emit(...events: CollectionEvent<T>[]): void {
    for (const l of this.listeners) for (const event of events) l(event);
  }

  /**
   * Gives up on the load in flight, if any, and loads again: its answer may never come (asked on a link that
   * stalled) or be stale (asked before the engine reconnected). Subscribers waiting get the new load's answer.
   */
  reload(): void {
    if (this.cache || !this.loading) return;
    this.startLoad();
  }

  private remove(listener: CollectionListener<T>, linger = true): void {
    if (!this.listeners.delete(listener) || this.listeners.size > 0) return;
    const ms = this.hooks.lingerMs ?? 0;
    if (!linger || this.closed || ms <= 0 || !this.cache || this.hooks.canLinger?.() === false) return this.stop();
    this.lingerTimer = setTimeout(() => this.stop(), ms);
    // A lingering list alone does not keep the process alive.
    this.lingerTimer.unref?.();
  }

  private stop(): void {
    clearTimeout(this.lingerTimer);
    this.lingerTimer = undefined;
    this.running = false;
    this.cache = undefined;
    this.loading = undefined;
    this.waiting = undefined;
    this.hooks.stop();
  }

  private load(): Promise<Map<string, T>> {
    if (this.cache) return Promise.resolve(this.cache);
    return this.waiting?.promise ?? this.startLoad();
  }

  private startLoad(): Promise<Map<string, T>> {
    const waiting = (this.waiting ??= newWaiting<T>());
    const loading = this.hooks.load();
    this.loading = loading;
    // A stop or a reload in between replaces `loading`: this load is stale then, and its answer is dropped.
    loading.then(
      (map) => {
        if (this.loading !== loading) return;
        this.cache = map;
        this.waiting = undefined;
        this.hooks.loaded?.(map);
        waiting.resolve(map);
      },
      (error: unknown) => {
        if (this.loading !== loading) return;
        this.loading = undefined;
        this.waiting = undefined;
        waiting.reject(error);
      },
    );
    return waiting.promise;
  }
}

interface Waiting<T> {
  promise: Promise<Map<string, T>>;
  resolve(map: Map<string, T>): void;
  reject(error: unknown): void;
}

function newWaiting<T>(): Waiting<T> {
  let resolve!: (map: Map<string, T>) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<Map<string, T>>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => {}); // the subscribers waiting see the error; none waiting is no unhandled rejection
  return { promise, resolve, reject };
}
