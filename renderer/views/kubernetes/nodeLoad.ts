/** What the pods on each node request (cores, bytes) and how many run there: pods that finished count for nothing. */
import type { KubePod } from '../../../contract/kube';

export interface NodeLoad {
  cpu: number;
  memory: number;
  pods: number;
}

export function nodeLoads(pods: Iterable<KubePod>): Map<string, NodeLoad> {
  const out = new Map<string, NodeLoad>();
  for (const p of pods) {
    if (!p.node || p.phase === 'Succeeded' || p.phase === 'Failed') continue;
    const load = out.get(p.node) ?? { cpu: 0, memory: 0, pods: 0 };
    load.cpu += p.requests.cpu;
    load.memory += p.requests.memory;
    load.pods += 1;
    out.set(p.node, load);
  }
  return out;
}
