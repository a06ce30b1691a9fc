/**
 * Compose stacks as the engine knows them: containers grouped by their compose labels, whoever started
 * them (Berth or a terminal). Kept live from the container collection by liveStacks.ts, so nothing polls.
 */
import { isAbsolute, resolve } from 'node:path';
import type { ComposeStack, StackService } from '../../contract/compose';
import type { ListedContainer } from '../common/listedContainer';

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

/** The compose project a container is a member of (one-off `run` containers are not), if any. */
export const stackProjectOf = (c: ListedContainer): string | undefined =>
  c.labels[LABEL.oneoff] === 'True' ? undefined : c.labels[LABEL.project] || undefined;

/** One stack from its member containers (sorted in place by name). */
export function stackOf(name: string, members: ListedContainer[]): ComposeStack {
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
