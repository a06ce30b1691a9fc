/**
 * The nodes' CPU and memory use from metrics.k8s.io, when the cluster serves it (metrics-server). Asked once
 * per call: metrics-server has no watch, and its figures change every 15 s or so. Without it the answer
 * says so instead of failing, since the Nodes table is useful without usage.
 */
import type { NodeMetrics } from '../../contract/kube';
import type { KubeTarget } from '../../contract/kube';
import { clientsFor } from './clients';
import { k8s } from './k8s';
import { parseQuantity } from './quantity';

export async function nodeMetrics(target: KubeTarget): Promise<NodeMetrics> {
  const [{ Metrics }, c] = await Promise.all([k8s(), clientsFor(target)]);
  try {
    const list = await new Metrics(c.config).getNodeMetrics();
    return {
      available: true,
      nodes: list.items.map((m) => ({
        name: m.metadata.name,
        cpu: parseQuantity(m.usage.cpu),
        memory: parseQuantity(m.usage.memory),
        at: m.timestamp,
      })),
    };
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    return {
      available: false,
      reason:
        code === 404 || code === 503
          ? 'The cluster serves no metrics.k8s.io API (install metrics-server for usage figures).'
          : `Could not read node metrics: ${(e as Error).message}`,
      nodes: [],
    };
  }
}
