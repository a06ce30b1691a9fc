/**
 * Compose stacks as the engine knows them: containers grouped by their compose labels, whoever started
 * them (Berth or a terminal). Live, derived from the container collection, so nothing polls.
 */
import { isAbsolute, resolve } from 'node:path';
import type { ComposeStack, StackService } from '../../contract/compose';
import type { ContainerSummary } from '../../contract/containers';
import type { CollectionEvent } from '../../contract/collection';
import type { StreamSink } from '../../contract/define';
import type { LiveList } from '../common/sharedCollection';

export const LABEL = {
  project: 'com.docker.compose.project',
  service: 'com.docker.compose.service',
  workingDir: 'com.docker.compose.project.working_dir',
  configFiles: 'com.docker.compose.project.config_files',
  oneoff: 'com.docker.compose.oneoff',
} as const;

/** The absolute config files a container's labels name (v1 writes them relative to the working dir). */
export function configFilesOf(labels: Record<string, string>): string[] {
  const dir = labels[LABEL.workingDir];
  return (labels[LABEL.configFiles] ?? '')
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean)
    .map((f) => (isAbsolute(f) || !dir ? f : resolve(dir, f)));
}

const isStackMember = (c: ContainerSummary) => !!c.labels[LABEL.project] && c.labels[LABEL.oneoff] !== 'True';

export function groupStacks(containers: Iterable<ContainerSummary>): ComposeStack[] {
  const byProject = new Map<string, ContainerSummary[]>();
  for (const c of containers) {
    if (!isStackMember(c)) continue;
    const p = c.labels[LABEL.project] as string;
    byProject.set(p, [...(byProject.get(p) ?? []), c]);
  }
  return [...byProject.entries()].map(([name, members]) => stackOf(name, members));
}

function stackOf(name: string, members: ContainerSummary[]): ComposeStack {
  members.sort((a, b) => a.name.localeCompare(b.name));
  const services = new Map<string, StackService>();
  for (const c of members) {
    const s = c.labels[LABEL.service] ?? '?';
    const entry = services.get(s) ?? { name: s, containers: [] };
    entry.containers.push({
      id: c.id,
      name: c.name,
      image: c.image,
      state: c.state,
      status: c.status,
      since: c.since,
      ports: c.ports,
    });
    services.set(s, entry);
  }
  const newest = [...members].sort((a, b) => b.created - a.created)[0];
  const labels = newest?.labels ?? {};
  const running = members.filter((c) => c.state === 'running').length;
  return {
    name,
    workingDir: labels[LABEL.workingDir],
    configFiles: configFilesOf(labels),
    services: [...services.values()].sort((a, b) => a.name.localeCompare(b.name)),
    running,
    total: members.length,
    state: running === 0 ? 'stopped' : running === members.length ? 'running' : 'partial',
  };
}

/** Streams the stacks: a snapshot, then the stacks that changed or went away. */
export async function pipeStacks(
  containers: LiveList<ContainerSummary>,
  sink: StreamSink<CollectionEvent<ComposeStack>>,
  signal: AbortSignal,
): Promise<void> {
  const items = new Map<string, ContainerSummary>();
  let last = new Map<string, string>();
  const publish = (snapshot: boolean) => {
    const stacks = groupStacks(items.values());
    const next = new Map(stacks.map((s) => [s.name, JSON.stringify(s)]));
    if (snapshot) sink.next({ type: 'snapshot', items: stacks });
    else {
      const changed = stacks.filter((s) => last.get(s.name) !== next.get(s.name));
      const gone = [...last.keys()].filter((n) => !next.has(n));
      if (changed.length) sink.next({ type: 'upsert', items: changed });
      if (gone.length) sink.next({ type: 'remove', ids: gone });
    }
    last = next;
  };
  const off = await containers.subscribe((event) => {
    if (event.type === 'snapshot') items.clear();
    if (event.type === 'remove') for (const id of event.ids) items.delete(id);
    else for (const c of event.items) items.set(c.id, c);
    publish(event.type === 'snapshot');
  });
  if (signal.aborted) off();
  else signal.addEventListener('abort', off, { once: true });
}
