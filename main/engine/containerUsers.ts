/**
 * Which containers use each volume or network, kept from the events of the containers' live list: a
 * container's own summary names what it uses (its volumes, its networks), so a container created, renamed
 * or removed changes only the users of what it names, and says which keys those are. No engine call.
 */
import type { CollectionEvent } from '../../contract/collection';
import type { ListedContainer } from '../common/listedContainer';
import type { ContainerRef } from '../../contract/images';

interface Use {
  ref: ContainerRef;
  keys: string[];
}

export class ContainerUsers {
  private readonly byContainer = new Map<string, Use>();
  private readonly byKey = new Map<string, Map<string, ContainerRef>>();

  /** `keysOf`: what a container uses, by the keys the used objects are found by (a volume's name; a network's name and id). */
  constructor(private readonly keysOf: (c: ListedContainer) => string[]) {}

  /** Applies one event of the containers' list; returns the keys whose users changed, or 'all' after a snapshot. */
  apply(event: CollectionEvent<ListedContainer>): Set<string> | 'all' {
    const changed = new Set<string>();
    if (event.type === 'snapshot') {
      this.byContainer.clear();
      this.byKey.clear();
      for (const c of event.items) this.put(c, changed);
      return 'all';
    }
    if (event.type === 'remove') for (const id of event.ids) this.drop(id, changed);
    else for (const c of event.items) this.put(c, changed);
    return changed;
  }

  /** The containers using any of these keys, each once, by name. */
  of(keys: string[]): ContainerRef[] {
    const users = new Map<string, ContainerRef>();
    for (const key of keys) for (const [id, ref] of this.byKey.get(key) ?? []) users.set(id, ref);
    return [...users.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  private put(c: ListedContainer, changed: Set<string>): void {
    const keys = [...new Set(this.keysOf(c))];
    const before = this.byContainer.get(c.id);
    if (before && before.ref.name === c.name && sameKeys(before.keys, keys)) return;
    this.drop(c.id, changed);
    if (keys.length === 0) return;
    const ref = { id: c.id, name: c.name };
    this.byContainer.set(c.id, { ref, keys });
    for (const key of keys) {
      const users = this.byKey.get(key) ?? new Map<string, ContainerRef>();
      users.set(c.id, ref);
      this.byKey.set(key, users);
      changed.add(key);
    }
  }

  private drop(id: string, changed: Set<string>): void {
    const use = this.byContainer.get(id);
    if (!use) return;
    this.byContainer.delete(id);
    for (const key of use.keys) {
      const users = this.byKey.get(key);
      users?.delete(id);
      if (users?.size === 0) this.byKey.delete(key);
      changed.add(key);
    }
  }
}

const sameKeys = (a: string[], b: string[]) => a.length === b.length && a.every((k, i) => k === b[i]);
