/** How a Service reads in a table: ports as port:targetPort/protocol (and node port), ready endpoints. Pure. */
import type { KubeService, ServicePort } from '../../../contract/kube';
import type { KubeEndpointSlice } from '../../../contract/kubePods';

export const portLabel = (p: ServicePort): string =>
  `${p.port}:${p.targetPort ?? p.port}/${p.protocol}${p.nodePort ? ` (node port ${p.nodePort})` : ''}`;

export const selectorLabel = (selector: Record<string, string>): string =>
  Object.entries(selector)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');

export interface Endpoints {
  ready: number;
  total: number;
}

/** Ready and all endpoints per Service (`namespace/name`), summed over its EndpointSlices. */
export function endpointsByService(slices: Iterable<KubeEndpointSlice>): Map<string, Endpoints> {
  const out = new Map<string, Endpoints>();
  for (const s of slices) {
    if (!s.service) continue;
    const key = `${s.namespace}/${s.service}`;
    const e = out.get(key) ?? { ready: 0, total: 0 };
    out.set(key, { ready: e.ready + s.ready, total: e.total + s.total });
  }
  return out;
}

/** The Service ports a port-forward can reach (TCP). */
export const forwardablePorts = (s: KubeService): number[] =>
  s.ports.filter((p) => p.protocol === 'TCP').map((p) => p.port);
