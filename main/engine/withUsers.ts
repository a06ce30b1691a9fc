/**
 * A live list of things containers use (volumes, networks), each with its users: the things' own live list
 * (kept from their own engine events) joined with the containers' live list through ContainerUsers. The
 * things show as soon as they are listed and their users follow once the containers are (thousands of
 * containers take a while to list); after that a container created, renamed or removed updates only the
 * things it names, without asking the engine again. The joined list stops with its last subscriber; the two
 * lists under it linger (liveCollection.ts), so a new subscriber soon after is joined from their caches.
 */
import type { ListedContainer } from '../common/listedContainer';
import type { CollectionEvent } from '../../contract/collection';
import type { ContainerRef } from '../../contract/images';
import type Docker from 'dockerode';
import { SharedCollection, type CollectionListener, type LiveList } from '../common/sharedCollection';
import type { DockerEvent, EngineConnection } from './connection';
import { listContainers } from './containers/containerList';
import { ContainerUsers } from './containerUsers';
import { LiveCollection } from './liveCollection';

export interface UsersJoin<T> {
  idOf(item: T): string;
  /** The keys an item is found by among what containers use (a volume's name; a network's id and name). */
  keysOf(item: T): string[];
  /** The keys a container uses. */
  usesOf(c: ListedContainer): string[];
  /** The item with its users; `undefined` while the containers are still being listed. */
  withUsers(item: T, users: ContainerRef[] | undefined): T;
}

/** A failed subscription to the containers is tried again this much later, while someone listens. */
const RETRY_MS = 2000;

export class WithUsers<T> implements LiveList<T> {
  private readonly shared = new SharedCollection<T>({ load: () => this.load(), stop: () => this.stop() });
  /** The things as their own list has them, by id. */
  private own = new Map<string, T>();
  /** Key → the id of the thing found by it. */
  private byKey = new Map<string, string>();
  private users: ContainerUsers | undefined;
  /** The joined list: the shared cache once loaded, so it is only ever changed in place. */
  private joined = new Map<string, T>();
  private offs: Array<() => void> = [];
  private retry: NodeJS.Timeout | undefined;
  /** Counts starts: what a stopped start delivers late is dropped. */
  private generation = 0;

  constructor(
    private readonly things: LiveList<T>,
    private readonly containers: LiveList<ListedContainer>,
    private readonly join: UsersJoin<T>,
  ) {}

  subscribe(listener: CollectionListener<T>): Promise<() => void> {
    return this.shared.subscribe(listener);
  }

  /** Its engine is let go: the lists it joins (which linger with no subscriber) stop lingering too. */
  close(): void {
    this.shared.close();
    this.things.close?.();
    this.containers.close?.();
  }

  private async load(): Promise<Map<string, T>> {
    const generation = ++this.generation;
    const joined = this.joined;
    this.followContainers(generation);
    const off = await this.things.subscribe((e) => generation === this.generation && this.onThings(e));
    if (generation === this.generation) this.offs.push(off);
    else off();
    return joined;
  }

  private followContainers(generation: number): void {
    this.containers
      .subscribe((e) => generation === this.generation && this.onContainers(e))
      .then(
        (off) => (generation === this.generation ? this.offs.push(off) : off()),
        () => {
          if (generation === this.generation)
            this.retry = setTimeout(() => this.followContainers(generation), RETRY_MS);
        },
      );
  }

  private stop(): void {
    this.generation++;
    for (const off of this.offs) off();
    this.offs = [];
    clearTimeout(this.retry);
    this.own = new Map();
    this.byKey = new Map();
    this.users = undefined;
    this.joined = new Map();
  }

  /** Whether the joined list went out as a snapshot: changes are emitted only after that. */
  private get loaded(): boolean {
    return this.shared.cache === this.joined;
  }

  private withUsers(item: T): T {
    return this.join.withUsers(item, this.users?.of(this.join.keysOf(item)));
  }

  private onThings(event: CollectionEvent<T>): void {
    if (event.type === 'snapshot') {
      this.own.clear();
      this.byKey.clear();
      this.joined.clear();
    }
    if (event.type === 'remove') {
      for (const id of event.ids) {
        const item = this.own.get(id);
        for (const key of item ? this.join.keysOf(item) : []) if (this.byKey.get(key) === id) this.byKey.delete(key);
        this.own.delete(id);
        this.joined.delete(id);
      }
      if (this.loaded) this.shared.emit(event);
      return;
    }
    const items = event.items.map((item) => {
      const id = this.join.idOf(item);
      this.own.set(id, item);
      for (const key of this.join.keysOf(item)) this.byKey.set(key, id);
      const joined = this.withUsers(item);
      this.joined.set(id, joined);
      return joined;
    });
    if (event.type === 'upsert' && this.loaded) this.shared.emit({ type: 'upsert', items });
  }

  private onContainers(event: CollectionEvent<ListedContainer>): void {
    this.users ??= new ContainerUsers(this.join.usesOf);
    const keys = this.users.apply(event);
    const ids = keys === 'all' ? [...this.own.keys()] : [...keys].flatMap((k) => this.byKey.get(k) ?? []);
    const changed: T[] = [];
    for (const id of new Set(ids)) {
      const item = this.own.get(id);
      if (!item) continue;
      const next = this.withUsers(item);
      if (JSON.stringify(next) !== JSON.stringify(this.joined.get(id))) changed.push(next);
      this.joined.set(id, next);
    }
    if (changed.length && this.loaded) this.shared.emit({ type: 'upsert', items: changed });
  }
}

export interface UsedThings<T> extends UsersJoin<T> {
  /** The things without their users. */
  list(): Promise<T[]>;
  /** An event that changes the things themselves (they are listed again). */
  changed(e: DockerEvent): boolean;
}

/** The things' own live list, relisted on their own events, joined with their users. */
export function liveWithUsers<T>(
  engine: EngineConnection,
  containers: LiveList<ListedContainer>,
  things: UsedThings<T>,
): LiveList<T> {
  const own = new LiveCollection(engine, {
    list: () => things.list(),
    idOf: (t) => things.idOf(t),
    affected: (e) => (things.changed(e) ? 'all' : undefined),
    coalesceMs: 100,
  });
  return new WithUsers(own, containers, things);
}

/** Who uses what as the engine has it now (one whole container list): for answers that must be complete. */
export async function usersNow(docker: Docker, usesOf: (c: ListedContainer) => string[]): Promise<ContainerUsers> {
  const users = new ContainerUsers(usesOf);
  users.apply({ type: 'snapshot', items: await listContainers(docker) });
  return users;
}
