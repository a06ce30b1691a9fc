/**
 * A list kept live from Docker's event stream: one upstream listener shared by every subscriber, a
 * snapshot for each new subscriber, then only what changed. Events are coalesced (a burst of 50 starts
 * becomes one fetch of 50 ids), so a busy engine never causes a re-fetch storm; a whole re-list in a burst
 * waits twice what the last one cost (relistPace.ts), so a list the engine is slow to make (10,000 tags)
 * is not asked back to back while a script removes them. A reconnect lists afresh and
 * drops whatever was asked of the engine before it: an answer asked on a link that stalled may never come.
 * The list stays live for 30 s after its last subscriber leaves (a page reloaded, a view opened again gets
 * the cached list at once), if the engine is connected then and stays so: one that is not (a switch, a
 * dropped link, a reconnect under way) stops the list, at once, and the next subscriber lists afresh.
 */
import { SharedCollection, type CollectionListener, type LiveList } from '../common/sharedCollection';
import type { DockerEvent, EngineConnection } from './connection';
import { RelistPace } from './relistPace';

export interface LiveCollectionSpec<T> {
  list(): Promise<T[]>;
  /** The current state of these ids; an id missing from the result is gone. */
  fetch?(ids: string[]): Promise<T[]>;
  idOf(item: T): string;
  /** The ids an event touches, 'all' for a full re-list with a diff, or undefined to ignore it. */
  affected(event: DockerEvent): string[] | 'all' | undefined;
  /** How long to gather events before fetching, in ms. */
  coalesceMs?: number;
  /** An item fetched again, given what was known of it: lets the domain keep what it knew earlier. */
  settle?(previous: T, next: T): T;
  /** How long the list stays live after its last subscriber leaves, in ms (LINGER_MS unless set). */
  lingerMs?: number;
}

/** How long a failed re-list waits before it is tried again. */
const RETRY_MS = 2_000;

/** How long a list stays live with no subscriber: a reload or a new page gets the cached list. */
export const LINGER_MS = 30_000;

export class LiveCollection<T> implements LiveList<T> {
  private readonly shared: SharedCollection<T>;
  private pending = new Set<string>();
  private pendingAll = false;
  private timer: NodeJS.Timeout | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private unlisten: Array<() => void> = [];
  private flushing: Promise<void> = Promise.resolve();
  /** Bumped by each reconnect and stop: a list or fetch asked before it is dropped, never waited for. */
  private epoch = 0;
  private readonly relists: RelistPace;

  constructor(
    private readonly engine: EngineConnection,
    private readonly spec: LiveCollectionSpec<T>,
  ) {
    this.relists = new RelistPace(spec.coalesceMs ?? 5);
    this.shared = new SharedCollection<T>({
      load: async () => {
        const items = await this.spec.list();
        return new Map(items.map((i) => [this.spec.idOf(i), i]));
      },
      start: () => this.start(),
      stop: () => this.stop(),
      lingerMs: spec.lingerMs ?? LINGER_MS,
      // Left while the engine is not connected, the cache may be stale or another engine's: not kept.
      canLinger: () => this.engine.connected,
    });
  }

  /** Subscribes: the listener gets a snapshot, then changes, until the returned function is called. */
  subscribe(listener: CollectionListener<T>): Promise<() => void> {
    return this.shared.subscribe(listener);
  }

  /** Its engine is let go (a kept engine released): no more lingering. */
  close(): void {
    this.shared.close();
  }

  private start(): void {
    this.unlisten = [
      this.engine.onEvent((event) => {
        const ids = this.spec.affected(event);
        if (!ids) return;
        if (ids === 'all') this.pendingAll = true;
        else for (const id of ids) this.pending.add(id);
        this.schedule();
      }),
      this.engine.onReconnect(() => this.reconnected()),
      // A list kept with no subscriber is only worth its cache while the engine it came from is connected.
      this.engine.onState((state) => {
        if (state.status !== 'connected') this.shared.stopLingering();
      }),
    ];
  }

  /**
   * The engine is back after the link dropped or stalled: what was asked of it before may never be answered
   * (a call on a stalled connection waits on while the engine answers pings again) or answer from before the
   * events that were missed. So the first list, if still in flight, is asked again (those waiting for their
   * snapshot get the new one), and a re-list starts without waiting behind a re-list or fetch in flight.
   */
  private reconnected(): void {
    this.epoch++;
    this.relists.reset();
    this.flushing = Promise.resolve();
    this.shared.reload();
    this.pendingAll = true;
    this.schedule();
  }

  private stop(): void {
    for (const off of this.unlisten) off();
    this.unlisten = [];
    clearTimeout(this.timer);
    clearTimeout(this.retryTimer);
    this.timer = undefined;
    this.pending.clear();
    this.pendingAll = false;
    this.epoch++;
    this.relists.reset();
    this.flushing = Promise.resolve();
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const epoch = this.epoch;
      this.flushing = this.flushing
        .then(() => this.paced())
        .then(() => this.flush(epoch))
        .catch(() => {
          if (epoch === this.epoch) this.retryLater();
        });
    }, this.spec.coalesceMs ?? 5);
  }

  /** What is pending makes the next flush a whole re-list (not a fetch of named ids, nor nothing). */
  private listsNext(): boolean {
    return this.pendingAll || (!this.spec.fetch && this.pending.size > 0);
  }

  /** A whole re-list waits out the pace of the last one (a fetch of named ids goes at once). */
  private paced(): Promise<void> | undefined {
    const wait = this.listsNext() ? this.relists.remaining() : 0;
    if (wait <= 0) return undefined;
    return new Promise((resolve) => setTimeout(resolve, wait).unref?.());
  }

  /**
   * A re-list or fetch that failed (a cut answer, the engine going away) is done again a little later, as a
   * whole list: the changes it would have brought (a container made while the link stalled) are not lost,
   * even when no later event or reconnect comes to ask for them.
   */
  private retryLater(): void {
    if (this.unlisten.length === 0) return;
    this.pendingAll = true;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.schedule(), RETRY_MS);
    this.retryTimer.unref?.();
  }

  private settled(cache: SettleCache<T>, item: T): T {
    const previous = this.spec.settle && cache.get(this.spec.idOf(item));
    return previous && this.spec.settle ? this.spec.settle(previous, item) : item;
  }

  /** Applies what changed since the last flush; an answer that comes after a reconnect or stop is dropped. */
  private async flush(epoch: number): Promise<void> {
    // Queued behind a call from before a reconnect or stop: what is pending now is the next flush's.
    if (epoch !== this.epoch) return;
    // Lingering with no subscriber, the cache is still kept current; once stopped there is none.
    const cache = this.shared.cache;
    if (!cache) {
      this.pending.clear();
      this.pendingAll = false;
      return;
    }
    // Taken by a flush queued before this one (it waited out the pace while more events came).
    if (!this.pendingAll && this.pending.size === 0) return;
    const all = this.listsNext();
    const ids = [...this.pending];
    this.pending.clear();
    this.pendingAll = false;
    if (all) {
      const listed = await this.relists.time(
        () => this.spec.list(),
        () => epoch === this.epoch,
      );
      if (epoch !== this.epoch) return;
      const items = listed.map((i) => this.settled(cache, i));
      const fresh = new Map(items.map((i) => [this.spec.idOf(i), i]));
      const changed = items.filter((i) => !sameJson(cache.get(this.spec.idOf(i)), i));
      const gone = [...cache.keys()].filter((id) => !fresh.has(id));
      this.shared.cache = fresh;
      if (changed.length) this.shared.emit({ type: 'upsert', items: changed });
      if (gone.length) this.shared.emit({ type: 'remove', ids: gone });
      return;
    }
    if (ids.length === 0 || !this.spec.fetch) return;
    const fetched = await this.spec.fetch(ids);
    if (epoch !== this.epoch) return;
    const items = fetched.map((i) => this.settled(cache, i));
    const seen = new Set<string>();
    const changed: T[] = [];
    for (const item of items) {
      const id = this.spec.idOf(item);
      seen.add(id);
      if (!sameJson(cache.get(id), item)) changed.push(item);
      cache.set(id, item);
    }
    const gone = ids.filter((id) => !seen.has(id) && cache.has(id));
    for (const id of gone) cache.delete(id);
    if (changed.length) this.shared.emit({ type: 'upsert', items: changed });
    if (gone.length) this.shared.emit({ type: 'remove', ids: gone });
  }
}

export interface SettleCache<T> {
  get(id: string): T | undefined;
}

const sameJson = (a: unknown, b: unknown) => a !== undefined && JSON.stringify(a) === JSON.stringify(b);
