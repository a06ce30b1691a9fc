/**
 * The resource browser's state: the kinds each context serves (built-in and custom, from kube.kinds), the
 * kind and object the user has open, and one live row store per (context, kind, namespace), subscribed
 * while a view retains it.
 */
import { useEffect } from 'react';
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import { api } from '../api';
import type { ApiErrorShape } from '../../contract/errors';
import type { KubeKindInfo, KubeObjectRow } from '../../contract/kubeObjects';
import { isForbidden, toErrorShape } from '../common/apiError';
import { createCollectionStore, type CollectionState } from './collectionStore';

/** The object open on the detail page. */
export interface OpenObject {
  kindId: string;
  namespace?: string;
  name: string;
}

interface KubeObjectsState {
  kinds: Record<string, KubeKindInfo[]>;
  kindsError: Record<string, ApiErrorShape | undefined>;
  /** The kind shown in the table, by id (`apps/v1/deployments`). */
  kindId: string;
  open: OpenObject | undefined;
  /** Counts the picks: picking the shown kind again shows its table afresh (a forbidden list asks again). */
  picks: number;
  loadKinds(context: string): Promise<void>;
  showKind(kindId: string): void;
  showObject(object: OpenObject | undefined): void;
}

export const useKubeObjects = create<KubeObjectsState>()((set) => ({
  kinds: {},
  kindsError: {},
  kindId: 'core/v1/pods',
  open: undefined,
  picks: 0,
  async loadKinds(context) {
    try {
      const kinds = await api.kube.kinds({ context });
      set((s) => ({ kinds: { ...s.kinds, [context]: kinds }, kindsError: { ...s.kindsError, [context]: undefined } }));
    } catch (e) {
      set((s) => ({ kindsError: { ...s.kindsError, [context]: toErrorShape(e) } }));
    }
  },
  showKind: (kindId) => set((s) => ({ kindId, open: undefined, picks: s.picks + 1 })),
  showObject: (open) => set((s) => ({ open, kindId: open?.kindId ?? s.kindId })),
}));

export type RowStore = UseBoundStore<StoreApi<CollectionState<KubeObjectRow>>>;
const stores = new Map<string, RowStore>();

function rowStore(context: string, kind: KubeKindInfo, namespace: string): RowStore {
  const ns = kind.namespaced ? namespace : '';
  const key = `${context}\u0000${kind.id}\u0000${ns}\u0000${kind.columns.map((c) => c.name).join(',')}`;
  let store = stores.get(key);
  if (!store) {
    const input = { context, group: kind.group, version: kind.version, resource: kind.resource, namespace: ns };
    store = createCollectionStore<KubeObjectRow>(
      (h) => api.kube.objects.subscribe(input, h),
      (r) => r.id,
      // A kind the user may not list stays one line until it is picked again (RBAC will not change by retrying).
      { final: isForbidden },
    );
    stores.set(key, store);
  }
  return store;
}

/** The live rows of a kind while the calling component is mounted; cluster-scoped kinds ignore `namespace`. */
export function useObjectRows(context: string, kind: KubeKindInfo, namespace: string): CollectionState<KubeObjectRow> {
  const store = rowStore(context, kind, namespace);
  useEffect(() => store.getState().retain(), [store]);
  return store();
}
