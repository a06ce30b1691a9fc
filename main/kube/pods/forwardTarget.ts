/**
 * Where a new forwarded connection goes. A pod forward always reaches its pod. A Service forward is
 * resolved per connection from the Service's EndpointSlices: a ready endpoint's pod (taking turns) and the
 * port the Service port maps to there, so when the pod goes away the next connection reaches its
 * replacement. The choice itself is pure; `resolveTarget` reads the objects it needs.
 */
import type { V1EndpointSlice, V1Service } from '@kubernetes/client-node';
import { ApiError } from '../../../contract/errors';
import type { KubeClients } from '../clients';

export interface ForwardTarget {
  pod: string;
  port: number;
}

/** The Service port `port` names (by number); conflict listing the ports when it has none such. */
export function servicePort(service: V1Service, port: number) {
  const ports = service.spec?.ports ?? [];
  const found = ports.find((p) => p.port === port);
  if (!found) {
    throw new ApiError(
      'invalid_input',
      `Service ${service.metadata?.name ?? ''} has no port ${port}.`,
      ports.length ? `Its ports: ${ports.map((p) => p.port).join(', ')}.` : 'It has no ports.',
    );
  }
  return found;
}

/**
 * A ready endpoint for Service port `port`: the slice port with the Service port's name gives the pod's
 * port number; `turn` picks among the ready pods so connections spread over them.
 */
export function pickEndpoint(service: V1Service, slices: V1EndpointSlice[], port: number, turn: number): ForwardTarget {
  const sp = servicePort(service, port);
  const name = service.metadata?.name ?? '';
  if (!service.spec?.selector || Object.keys(service.spec.selector).length === 0) {
    throw new ApiError(
      'failed',
      `Service ${name} has no selector, so it has no pods to forward to.`,
      'Forward to a pod instead.',
    );
  }
  const candidates: ForwardTarget[] = [];
  for (const slice of slices) {
    if (slice.addressType === 'FQDN') continue;
    const match = (slice.ports ?? []).find((p) => (p.name ?? '') === (sp.name ?? ''));
    const target = match?.port ?? (typeof sp.targetPort === 'number' ? sp.targetPort : undefined);
    if (target === undefined) continue;
    for (const e of slice.endpoints ?? []) {
      if (e.conditions?.ready === false || e.conditions?.terminating) continue;
      if (e.targetRef?.kind !== 'Pod' || !e.targetRef.name) continue;
      candidates.push({ pod: e.targetRef.name, port: target });
    }
  }
  candidates.sort((a, b) => a.pod.localeCompare(b.pod));
  const pick = candidates[((turn % candidates.length) + candidates.length) % candidates.length];
  if (!pick) {
    throw new ApiError(
      'failed',
      `Service ${name} has no ready pod behind port ${port}.`,
      'Wait until a pod it selects is ready; the pods’ events say why they are not.',
    );
  }
  return pick;
}

export interface ForwardSpec {
  namespace: string;
  kind: 'pod' | 'service';
  name: string;
  port: number;
}

/** Where the next connection of `spec` goes (reads the Service and its slices for a Service forward). */
export async function resolveTarget(c: KubeClients, spec: ForwardSpec, turn: number): Promise<ForwardTarget> {
  if (spec.kind === 'pod') return { pod: spec.name, port: spec.port };
  const [service, slices] = await Promise.all([
    c.core.readNamespacedService({ name: spec.name, namespace: spec.namespace }),
    c.discovery.listNamespacedEndpointSlice({
      namespace: spec.namespace,
      labelSelector: `kubernetes.io/service-name=${spec.name}`,
    }),
  ]);
  return pickEndpoint(service, slices.items, spec.port, turn);
}
