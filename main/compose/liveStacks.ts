/**
 * The compose stacks, live, kept from the containers' live list incrementally: each event of that list
 * regroups only the stacks its containers belong to (or belonged to) and gives what changed or went away, so
 * with thousands of containers an event costs the few stacks it touches, not a regrouping of every container.
 */
import type { CollectionEvent } from '../../contract/collection';
import type { ComposeStack } from '../../contract/compose';
import type { ListedContainer } from '../common/listedContainer';
import type { StreamSink } from '../../contract/define';
import type { LiveList } from '../common/sharedCollection';
import { untilAborted } from '../common/streams';
import { stackOf, stackProjectOf } from './stacks';

export class StackGroups {
  /** Project → its containers, by id. */
  private readonly members = new Map<string, Map<string, ListedContainer>>();
  /** Container id → its project. */
  private readonly projects = new Map<string, string>();
  /** Each stack as last given, as JSON: an unchanged stack is not sent again. */
  private readonly sent = new Map<string, string>();

  /** Applies one event of the containers' list; gives the stacks' events for it (none when no stack changed). */
  apply(event: CollectionEvent<ListedContainer>): CollectionEvent<ComposeStack>[] {
    const touched = new Set<string>();
    if (event.type === 'snapshot') {
      this.members.clear();
      this.projects.clear();
      this.sent.clear();
    }
    if (event.type === 'remove') for (const id of event.ids) this.leave(id, touched);
    else for (const c of event.items) this.put(c, touched);
    if (event.type === 'snapshot') {
      const stacks = [...this.members.keys()].flatMap((p) => this.regroup(p) ?? []);
      return [{ type: 'snapshot', items: stacks }];
    }
    const upserts: ComposeStack[] = [];
    const gone: string[] = [];
    for (const project of touched) {
      const before = this.sent.get(project);
      const stack = this.regroup(project);
      if (!stack) {
        if (before !== undefined) gone.push(project);
      } else if (this.sent.get(project) !== before) upserts.push(stack);
    }
    const out: CollectionEvent<ComposeStack>[] = [];
    if (upserts.length) out.push({ type: 'upsert', items: upserts });
    if (gone.length) out.push({ type: 'remove', ids: gone });
    return out;
  }

  /** The project's stack now (and remembers it as sent), or undefined when it has no container left. */
  private regroup(project: string): ComposeStack | undefined {
    const members = this.members.get(project);
    if (!members?.size) {
      this.members.delete(project);
      this.sent.delete(project);
      return undefined;
    }
    const stack = stackOf(project, [...members.values()]);
    this.sent.set(project, JSON.stringify(stack));
    return stack;
  }

  private put(c: ListedContainer, touched: Set<string>): void {
    this.leave(c.id, touched);
    const project = stackProjectOf(c);
    if (project === undefined) return;
    const members = this.members.get(project) ?? new Map<string, ListedContainer>();
    members.set(c.id, c);
    this.members.set(project, members);
    this.projects.set(c.id, project);
    touched.add(project);
  }

  private leave(id: string, touched: Set<string>): void {
    const project = this.projects.get(id);
    if (project === undefined) return;
    this.projects.delete(id);
    this.members.get(project)?.delete(id);
    touched.add(project);
  }
}

/** Streams the stacks: a snapshot, then the stacks that changed or went away (StackGroups regroups only those). */
export async function pipeStacks(
  containers: LiveList<ListedContainer>,
  sink: StreamSink<CollectionEvent<ComposeStack>>,
  signal: AbortSignal,
): Promise<void> {
  const groups = new StackGroups();
  const off = await containers.subscribe((event) => {
    for (const out of groups.apply(event)) sink.next(out);
  });
  untilAborted(signal, off);
}
