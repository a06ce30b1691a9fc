/**
 * A Kubernetes list kept live the way informers do it: list once, then watch from the list's
 * resourceVersion. A dropped watch resumes from the last resourceVersion seen; only 410 Gone (that version
 * is too old) causes a re-list, diffed against what subscribers already have. Nothing polls. One upstream
 * watch serves every subscriber; changes are coalesced into one upsert and one remove per short window.
 */
import type { Watch } from '@kubernetes/client-node';
import type { CollectionEvent } from '../../contract/collection';
import { SharedCollection, type CollectionListener } from '../common/sharedCollection';
import { httpStatus, toKubeError } from './kubeErrors';

export interface KubeObject {
  metadata?: { resourceVersion?: string; name?: string; namespace?: string; uid?: string };
}

export interface WatchSpec<T> {
  /** Lists the objects, with the list's resourceVersion. */
  list(): Promise<{ items: KubeObject[]; resourceVersion: string }>;
  /** The API path to watch, e.g. /api/v1/namespaces/default/pods. */
  path: string;
  map(object: KubeObject): T;
  idOf(item: T): string;
  /** Runs before every (re-)list, e.g. to refresh what the mapper needs. */
  beforeList?(): Promise<void>;
}

export interface WatchOptions {
  /** The client's Watch (or a stand-in with the same `watch` in tests). */
  watcher: Pick<Watch, 'watch'>;
  context: string;
  server?: string;
  /** How long the server keeps one watch request open before we re-watch from the last version, in s. */
  watchSeconds?: number;
  coalesceMs?: number;
  log?(message: string): void;
  /** The server refused the credential (401): e.g. forget an exec plugin's answer so the retry gets a new one. */
  onUnauthorized?(): void;
}

const BACKOFF_MS = [100, 250, 500, 1000, 2000, 3000];

export class KubeWatch<T> {
  private readonly shared = new SharedCollection<T>({
    load: () => this.list(),
    loaded: () => void this.watch(),
    stop: () => this.stop(),
    mapError: (e) => {
      if (httpStatus(e) === 401) this.options.onUnauthorized?.();
      return toKubeError(e, { context: this.options.context, server: this.options.server });
    },
  });
  private resourceVersion = '';
  private controller: AbortController | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private flushTimer: NodeJS.Timeout | undefined;
  private failures = 0;
  /** Bumped on stop, so callbacks of an old watch know they are stale. */
  private generation = 0;
  private readonly upserts = new Map<string, T>();
  private readonly removals = new Set<string>();
  /** Counters for tests and diagnostics. */
  readonly stats = { lists: 0, watches: 0, events: 0, gone: 0 };

  constructor(
    private readonly spec: WatchSpec<T>,
    private readonly options: WatchOptions,
  ) {}

  get subscribers(): number {
    return this.shared.size;
  }

  subscribe(listener: CollectionListener<T>): Promise<() => void> {
    return this.shared.subscribe(listener);
  }

  private async list(): Promise<Map<string, T>> {
    await this.spec.beforeList?.();
    const { items, resourceVersion } = await this.spec.list();
    this.stats.lists++;
    this.resourceVersion = resourceVersion;
    return new Map(
      items.map((o) => {
        const item = this.spec.map(o);
        return [this.spec.idOf(item), item];
      }),
    );
  }

  private stop(): void {
    this.generation++;
    this.controller?.abort();
    this.controller = undefined;
    clearTimeout(this.retryTimer);
    clearTimeout(this.flushTimer);
    this.retryTimer = undefined;
    this.flushTimer = undefined;
    this.upserts.clear();
    this.removals.clear();
    this.failures = 0;
  }

  private async watch(): Promise<void> {
    const generation = this.generation;
    const seconds = this.options.watchSeconds ?? 25;
    let gone = false;
    let sawEvent = false;
    this.stats.watches++;
    this.options.log?.(`watch ${this.spec.path} from ${this.resourceVersion}`);
    const done = (err: unknown) => {
      if (generation !== this.generation) return;
      this.controller = undefined;
      if (gone || httpStatus(err) === 410) {
        this.stats.gone++;
        void this.relist(generation);
        return;
      }
      if (httpStatus(err) === 401) this.options.onUnauthorized?.();
      if (err && !sawEvent) this.failures++;
      else if (!err) this.failures = 0;
      if (err) this.options.log?.(`watch ${this.spec.path} dropped: ${String((err as Error).message ?? err)}`);
      const delay = err ? BACKOFF_MS[Math.min(this.failures, BACKOFF_MS.length - 1)] : 0;
      this.retryTimer = setTimeout(() => void this.watch(), delay);
    };
    try {
      const controller = await this.options.watcher.watch(
        this.spec.path,
        { resourceVersion: this.resourceVersion, allowWatchBookmarks: true, timeoutSeconds: seconds },
        (phase: string, object: unknown) => {
          if (generation !== this.generation) return;
          sawEvent = true;
          this.failures = 0;
          if (phase === 'ERROR') {
            // 410 Gone: our resourceVersion is too old; any other error status: start over the same way.
            gone = true;
            this.controller?.abort();
            return;
          }
          this.onEvent(phase, object as KubeObject);
        },
        done,
      );
      if (generation !== this.generation) controller.abort();
      else this.controller = controller;
    } catch (e) {
      done(e);
    }
  }

  private async relist(generation: number): Promise<void> {
    try {
      const fresh = await this.list();
      if (generation !== this.generation) return;
      const old = this.shared.cache ?? new Map<string, T>();
      for (const [id, item] of fresh) {
        if (JSON.stringify(old.get(id)) !== JSON.stringify(item)) this.queue(id, item);
      }
      for (const id of old.keys()) if (!fresh.has(id)) this.queue(id, undefined);
      this.shared.cache = fresh;
      this.failures = 0;
      void this.watch();
    } catch (e) {
      if (generation !== this.generation) return;
      if (httpStatus(e) === 401) this.options.onUnauthorized?.();
      this.failures++;
      this.options.log?.(`re-list ${this.spec.path} failed: ${String((e as Error).message ?? e)}`);
      const delay = BACKOFF_MS[Math.min(this.failures, BACKOFF_MS.length - 1)];
      this.retryTimer = setTimeout(() => void this.relist(generation), delay);
    }
  }

  private onEvent(phase: string, object: KubeObject): void {
    const rv = object?.metadata?.resourceVersion;
    if (rv) this.resourceVersion = rv;
    if (phase === 'BOOKMARK' || !this.shared.cache) return;
    this.stats.events++;
    const item = this.spec.map(object);
    const id = this.spec.idOf(item);
    if (phase === 'DELETED') {
      this.shared.cache.delete(id);
      this.queue(id, undefined);
    } else {
      this.shared.cache.set(id, item);
      this.queue(id, item);
    }
  }

  private queue(id: string, item: T | undefined): void {
    if (item === undefined) {
      this.upserts.delete(id);
      this.removals.add(id);
    } else {
      this.removals.delete(id);
      this.upserts.set(id, item);
    }
    this.flushTimer ??= setTimeout(() => this.flush(), this.options.coalesceMs ?? 20);
  }

  private flush(): void {
    this.flushTimer = undefined;
    const items = [...this.upserts.values()];
    const ids = [...this.removals];
    this.upserts.clear();
    this.removals.clear();
    const events: CollectionEvent<T>[] = [];
    if (items.length) events.push({ type: 'upsert', items });
    if (ids.length) events.push({ type: 'remove', ids });
    this.shared.emit(...events);
  }
}
