/** kind clusters: what `kind get clusters` says, with each cluster's node containers from their labels. */
import type Docker from 'dockerode';
import type { KindCluster } from '../../../contract/kube';
import { ApiError } from '../../../contract/errors';
import { runKind } from './kindCli';

export const KIND_CLUSTER_LABEL = 'io.x-k8s.kind.cluster';
export const KIND_ROLE_LABEL = 'io.x-k8s.kind.role';

/** Node containers by cluster name, from Docker labels. */
export async function kindNodeContainers(docker: Docker): Promise<Map<string, KindCluster['nodes']>> {
  const list = await docker.listContainers({ all: true, filters: { label: [KIND_CLUSTER_LABEL] } });
  const out = new Map<string, KindCluster['nodes']>();
  for (const c of list) {
    const cluster = c.Labels?.[KIND_CLUSTER_LABEL];
    if (!cluster) continue;
    const nodes = out.get(cluster) ?? [];
    nodes.push({
      name: (c.Names?.[0] ?? c.Id.slice(0, 12)).replace(/^\//, ''),
      role: c.Labels?.[KIND_ROLE_LABEL] ?? '',
      containerId: c.Id,
      state: c.State,
      image: c.Image,
    });
    out.set(cluster, nodes);
  }
  for (const nodes of out.values()) nodes.sort((a, b) => a.name.localeCompare(b.name));
  return out;
}

/** Cluster names `kind get clusters` prints (it says "No kind clusters found." on stderr when empty). */
export async function kindClusterNames(kind: string, env?: NodeJS.ProcessEnv): Promise<string[]> {
  const run = await runKind(kind, ['get', 'clusters'], { env });
  if (run.code !== 0) {
    throw new ApiError('failed', `kind get clusters failed: ${run.lines.join(' ').trim() || `exit ${run.code}`}`);
  }
  return run.stdout
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}

export async function listKindClusters(kind: string, docker: Docker, env?: NodeJS.ProcessEnv): Promise<KindCluster[]> {
  const [names, nodes] = await Promise.all([
    kindClusterNames(kind, env),
    kindNodeContainers(docker).catch(() => new Map<string, KindCluster['nodes']>()),
  ]);
  return names.map((name) => ({ name, nodes: nodes.get(name) ?? [], context: `kind-${name}` }));
}
