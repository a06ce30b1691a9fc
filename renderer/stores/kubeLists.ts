/**
 * Live Kubernetes lists for the renderer: one collection store per (kind of object, context, namespace),
 * created on first use and subscribed while a view retains it (see useKubeList).
 */
import { useEffect } from 'react';
import type { StoreApi, UseBoundStore } from 'zustand';
import { api } from '../api';
import type {
  KubeDeployment,
  KubeEvent,
  KubeNamespace,
  KubeNode,
  KubePod,
  KubeReplicaSet,
  KubeService,
} from '../../contract/kube';
import type { KubeEndpointSlice } from '../../contract/kubePods';
import { createCollectionStore, type CollectionState } from './collectionStore';

interface Lists {
  nodes: KubeNode;
  namespaces: KubeNamespace;
  pods: KubePod;
  deployments: KubeDeployment;
  replicaSets: KubeReplicaSet;
  services: KubeService;
  events: KubeEvent;
  endpointSlices: KubeEndpointSlice;
}
export type KubeListKind = keyof Lists;
export type KubeListStore<K extends KubeListKind> = UseBoundStore<StoreApi<CollectionState<Lists[K]>>>;

const stores = new Map<string, unknown>();

function open<K extends KubeListKind>(kind: K, context: string, namespace: string): KubeListStore<K> {
  const key = `${kind}\u0000${context}\u0000${namespace}`;
  const hit = stores.get(key);
  if (hit) return hit as KubeListStore<K>;
  let store: unknown;
  switch (kind) {
    case 'nodes':
      store = createCollectionStore<KubeNode>(
        (h) => api.kube.nodes.subscribe({ context }, h),
        (n) => n.name,
      );
      break;
    case 'namespaces':
      store = createCollectionStore<KubeNamespace>(
        (h) => api.kube.namespaces.subscribe({ context }, h),
        (n) => n.name,
      );
      break;
    case 'pods':
      store = createCollectionStore<KubePod>(
        (h) => api.kube.pods.subscribe({ context, namespace }, h),
        (p) => p.id,
      );
      break;
    case 'deployments':
      store = createCollectionStore<KubeDeployment>(
        (h) => api.kube.deployments.subscribe({ context, namespace }, h),
        (d) => d.id,
      );
      break;
    case 'replicaSets':
      store = createCollectionStore<KubeReplicaSet>(
        (h) => api.kube.replicaSets.subscribe({ context, namespace }, h),
        (r) => r.id,
      );
      break;
    case 'services':
      store = createCollectionStore<KubeService>(
        (h) => api.kube.services.subscribe({ context, namespace }, h),
        (s) => s.id,
      );
      break;
    case 'events':
      store = createCollectionStore<KubeEvent>(
        (h) => api.kube.events.subscribe({ context, namespace }, h),
        (e) => e.id,
      );
      break;
    case 'endpointSlices':
      store = createCollectionStore<KubeEndpointSlice>(
        (h) => api.kube.endpointSlices.subscribe({ context, namespace }, h),
        (e) => e.id,
      );
      break;
  }
  stores.set(key, store);
  return store as KubeListStore<K>;
}

/** The live list while the calling component is mounted. Cluster-wide lists ignore `namespace`. */
export function useKubeList<K extends KubeListKind>(
  kind: K,
  context: string,
  namespace = '',
): CollectionState<Lists[K]> {
  const ns = kind === 'nodes' || kind === 'namespaces' ? '' : namespace;
  const store = open(kind, context, ns);
  useEffect(() => store.getState().retain(), [store]);
  return store();
}

/**
 * One item of a live list, held while the calling component is mounted: the component renders again when
 * that item changes, not on every change of the list (a menu over one pod of 10,000).
 */
export function useKubeListItem<K extends KubeListKind>(
  kind: K,
  context: string,
  namespace: string,
  id: string | undefined,
): Lists[K] | undefined {
  const ns = kind === 'nodes' || kind === 'namespaces' ? '' : namespace;
  const store = open(kind, context, ns);
  useEffect(() => store.getState().retain(), [store]);
  return store((state) => (id === undefined ? undefined : state.items.get(id)));
}
