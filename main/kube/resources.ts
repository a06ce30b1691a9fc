/** Which list call, watch path and mapper each live Kubernetes list uses. */
import type {
  CoreV1Event,
  V1Deployment,
  V1Namespace,
  V1Node,
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
import type { KubeClients } from './clients';
import type { KubeObject, WatchSpec } from './kubeWatch';
import { toDeployment, toEndpointSlice, toEvent, toNamespace, toNode, toPod, toReplicaSet, toService } from './mappers';

interface Listed<O> {
  items: O[];
  metadata?: { resourceVersion?: string };
}

const listed = <O extends KubeObject>(l: Listed<O>) => ({
  items: l.items,
  resourceVersion: l.metadata?.resourceVersion ?? '',
});
const nsPath = (group: string, resource: string, ns: string) =>
  ns ? `${group}/namespaces/${encodeURIComponent(ns)}/${resource}` : `${group}/${resource}`;

export interface ResourceItems {
  pods: KubePod;
  deployments: KubeDeployment;
  replicaSets: KubeReplicaSet;
  services: KubeService;
  events: KubeEvent;
  endpointSlices: KubeEndpointSlice;
}
export type Resource = keyof ResourceItems;

const byId = (i: { id: string }) => i.id;

const SPECS: { [R in Resource]: (c: KubeClients, ns: string) => WatchSpec<ResourceItems[R]> } = {
  pods: (c, ns) => ({
    path: nsPath('/api/v1', 'pods', ns),
    list: async () =>
      listed(ns ? await c.core.listNamespacedPod({ namespace: ns }) : await c.core.listPodForAllNamespaces()),
    map: (o) => toPod(o as V1Pod),
    idOf: byId,
  }),
  deployments: (c, ns) => ({
    path: nsPath('/apis/apps/v1', 'deployments', ns),
    list: async () =>
      listed(
        ns ? await c.apps.listNamespacedDeployment({ namespace: ns }) : await c.apps.listDeploymentForAllNamespaces(),
      ),
    map: (o) => toDeployment(o as V1Deployment),
    idOf: byId,
  }),
  replicaSets: (c, ns) => ({
    path: nsPath('/apis/apps/v1', 'replicasets', ns),
    list: async () =>
      listed(
        ns ? await c.apps.listNamespacedReplicaSet({ namespace: ns }) : await c.apps.listReplicaSetForAllNamespaces(),
      ),
    map: (o) => toReplicaSet(o as V1ReplicaSet),
    idOf: byId,
  }),
  services: (c, ns) => ({
    path: nsPath('/api/v1', 'services', ns),
    list: async () =>
      listed(ns ? await c.core.listNamespacedService({ namespace: ns }) : await c.core.listServiceForAllNamespaces()),
    map: (o) => toService(o as V1Service),
    idOf: byId,
  }),
  events: (c, ns) => ({
    path: nsPath('/api/v1', 'events', ns),
    list: async () =>
      listed(ns ? await c.core.listNamespacedEvent({ namespace: ns }) : await c.core.listEventForAllNamespaces()),
    map: (o) => toEvent(o as CoreV1Event),
    idOf: byId,
  }),
  endpointSlices: (c, ns) => ({
    path: nsPath('/apis/discovery.k8s.io/v1', 'endpointslices', ns),
    list: async () =>
      listed(
        ns
          ? await c.discovery.listNamespacedEndpointSlice({ namespace: ns })
          : await c.discovery.listEndpointSliceForAllNamespaces(),
      ),
    map: (o) => toEndpointSlice(o as V1EndpointSlice),
    idOf: byId,
  }),
};

export function namespacedSpec<R extends Resource>(
  c: KubeClients,
  resource: R,
  ns: string,
): WatchSpec<ResourceItems[R]> {
  return SPECS[resource](c, ns);
}

/** Nodes; for a kind cluster each carries the Docker container it is (kind names them the same). */
export function nodeSpec(c: KubeClients, kindContainers: () => Promise<Set<string>>): WatchSpec<KubeNode> {
  let containers = new Set<string>();
  return {
    path: '/api/v1/nodes',
    beforeList: async () => {
      containers = await kindContainers().catch(() => new Set<string>());
    },
    list: async () => listed(await c.core.listNode()),
    map: (o) => toNode(o as V1Node, containers),
    idOf: (n) => n.name,
  };
}

export function namespaceSpec(c: KubeClients): WatchSpec<KubeNamespace> {
  return {
    path: '/api/v1/namespaces',
    list: async () => listed(await c.core.listNamespace()),
    map: (o) => toNamespace(o as V1Namespace),
    idOf: (n) => n.name,
  };
}
