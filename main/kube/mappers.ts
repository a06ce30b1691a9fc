/**
 * Kubernetes objects to the contract's summaries. Pure: used for list results (typed, with Dates) and watch
 * events (raw JSON, with strings) alike.
 */
import type {
  CoreV1Event,
  V1Deployment,
  V1Namespace,
  V1Node,
  V1NodeCondition,
  V1Pod,
  V1ReplicaSet,
  V1Service,
  V1EndpointSlice,
} from '@kubernetes/client-node';
import type { KubeEndpointSlice } from '../../contract/kubePods';
import type {
  KubeDeployment,
  KubeEvent,
  KubeNamespace,
  KubeNode,
  KubePod,
  KubeReplicaSet,
  KubeService,
} from '../../contract/kube';
import { iso, podContainers, podDisplayPhase } from './podState';
import { parseQuantity, podRequests } from './quantity';

export { iso, podDisplayPhase } from './podState';

const nsName = (m: { namespace?: string; name?: string } | undefined) => `${m?.namespace ?? ''}/${m?.name ?? ''}`;

/** The id, name and namespace every namespaced object's summary starts with. */
const identity = (m: { namespace?: string; name?: string } | undefined) => ({
  id: nsName(m),
  name: m?.name ?? '',
  namespace: m?.namespace ?? '',
});

const conditions = (list: Array<Pick<V1NodeCondition, 'type' | 'status' | 'reason' | 'message'>> | undefined) =>
  (list ?? []).map((c) => ({ type: c.type, status: c.status, reason: c.reason, message: c.message }));

const quantities = (q: Record<string, string> | undefined) => ({
  cpu: q?.cpu ?? '',
  memory: q?.memory ?? '',
  pods: q?.pods ?? '',
});

export function nodeRoles(labels: Record<string, string> | undefined): string[] {
  const roles = Object.keys(labels ?? {})
    .filter((k) => k.startsWith('node-role.kubernetes.io/'))
    .map((k) => k.slice('node-role.kubernetes.io/'.length))
    .filter(Boolean);
  const legacy = labels?.['kubernetes.io/role'];
  if (legacy && !roles.includes(legacy)) roles.push(legacy);
  return roles.sort();
}

export function toNode(n: V1Node, containers?: ReadonlySet<string>): KubeNode {
  const name = n.metadata?.name ?? '';
  const ready = n.status?.conditions?.find((c) => c.type === 'Ready');
  const status = ready?.status === 'True' ? 'Ready' : ready?.status === 'False' ? 'NotReady' : 'Unknown';
  return {
    name,
    roles: nodeRoles(n.metadata?.labels),
    status,
    unschedulable: Boolean(n.spec?.unschedulable),
    version: n.status?.nodeInfo?.kubeletVersion ?? '',
    internalIP: n.status?.addresses?.find((a) => a.type === 'InternalIP')?.address,
    osImage: n.status?.nodeInfo?.osImage || undefined,
    runtime: n.status?.nodeInfo?.containerRuntimeVersion || undefined,
    capacity: quantities(n.status?.capacity),
    allocatable: quantities(n.status?.allocatable),
    allocatableAmounts: {
      cpu: parseQuantity(n.status?.allocatable?.cpu),
      memory: parseQuantity(n.status?.allocatable?.memory),
      pods: parseQuantity(n.status?.allocatable?.pods),
    },
    conditions: conditions(n.status?.conditions),
    createdAt: iso(n.metadata?.creationTimestamp),
    container: containers?.has(name) ? name : undefined,
  };
}

export function toPod(p: V1Pod): KubePod {
  const { containers, initContainers } = podContainers(p);
  const owner = p.metadata?.ownerReferences?.find((o) => o.controller) ?? p.metadata?.ownerReferences?.[0];
  const { display, reason } = podDisplayPhase(p);
  return {
    id: nsName(p.metadata),
    uid: p.metadata?.uid ?? '',
    name: p.metadata?.name ?? '',
    namespace: p.metadata?.namespace ?? '',
    node: p.spec?.nodeName || undefined,
    phase: p.status?.phase ?? 'Unknown',
    display,
    reason,
    ready: `${containers.filter((c) => c.ready).length}/${containers.length}`,
    restarts: containers.reduce((n, c) => n + c.restarts, 0),
    ip: p.status?.podIP || undefined,
    owner: owner ? { kind: owner.kind, name: owner.name } : undefined,
    labels: p.metadata?.labels ?? {},
    containers,
    initContainers,
    conditions: conditions(p.status?.conditions),
    createdAt: iso(p.metadata?.creationTimestamp),
    requests: podRequests(p.spec),
  };
}

const images = (spec: { template?: { spec?: { containers?: Array<{ image?: string }> } } } | undefined) =>
  (spec?.template?.spec?.containers ?? []).map((c) => c.image ?? '');

export function toDeployment(d: V1Deployment): KubeDeployment {
  return {
    ...identity(d.metadata),
    replicas: d.spec?.replicas ?? 0,
    ready: d.status?.readyReplicas ?? 0,
    updated: d.status?.updatedReplicas ?? 0,
    available: d.status?.availableReplicas ?? 0,
    images: images(d.spec),
    selector: d.spec?.selector?.matchLabels ?? {},
    conditions: conditions(d.status?.conditions),
    createdAt: iso(d.metadata?.creationTimestamp),
  };
}

export function toReplicaSet(r: V1ReplicaSet): KubeReplicaSet {
  return {
    ...identity(r.metadata),
    owner: r.metadata?.ownerReferences?.find((o) => o.controller)?.name,
    replicas: r.spec?.replicas ?? 0,
    ready: r.status?.readyReplicas ?? 0,
    revision: r.metadata?.annotations?.['deployment.kubernetes.io/revision'],
    images: images(r.spec),
    createdAt: iso(r.metadata?.creationTimestamp),
  };
}

export function toService(s: V1Service): KubeService {
  return {
    ...identity(s.metadata),
    type: s.spec?.type ?? 'ClusterIP',
    clusterIP: s.spec?.clusterIP || undefined,
    ports: (s.spec?.ports ?? []).map((p) => ({
      name: p.name || undefined,
      port: p.port,
      targetPort: p.targetPort,
      protocol: p.protocol ?? 'TCP',
      nodePort: p.nodePort || undefined,
    })),
    selector: s.spec?.selector ?? {},
    createdAt: iso(s.metadata?.creationTimestamp),
  };
}

export function toEvent(e: CoreV1Event): KubeEvent {
  return {
    id: e.metadata?.uid ?? nsName(e.metadata),
    namespace: e.metadata?.namespace ?? '',
    type: e.type ?? 'Normal',
    reason: e.reason ?? '',
    message: e.message ?? '',
    object: {
      kind: e.involvedObject?.kind ?? '',
      name: e.involvedObject?.name ?? '',
      fieldPath: e.involvedObject?.fieldPath || undefined,
    },
    count: e.count ?? e.series?.count ?? 1,
    lastSeen: iso(e.lastTimestamp ?? e.eventTime ?? e.metadata?.creationTimestamp),
  };
}

export const toNamespace = (n: V1Namespace): KubeNamespace => ({
  name: n.metadata?.name ?? '',
  phase: n.status?.phase ?? '',
});

/** An EndpointSlice: which endpoints of a Service are ready, and the pods behind them. */
export function toEndpointSlice(e: V1EndpointSlice): KubeEndpointSlice {
  const ready = (e.endpoints ?? []).filter((p) => p.conditions?.ready !== false && !p.conditions?.terminating);
  return {
    ...identity(e.metadata),
    service: e.metadata?.labels?.['kubernetes.io/service-name'] ?? '',
    ready: ready.length,
    total: e.endpoints?.length ?? 0,
    readyPods: ready.flatMap((p) => (p.targetRef?.kind === 'Pod' && p.targetRef.name ? [p.targetRef.name] : [])),
    ports: (e.ports ?? []).map((p) => ({ name: p.name || undefined, port: p.port, protocol: p.protocol ?? 'TCP' })),
  };
}
