/**
 * The live lists of an engine kept connected beside the one in use, by its docker context name (each domain's
 * `watchOn`): one store per engine and kind, made when first shown. A name no longer connected is final
 * (not_found) until shown afresh. The engine in use's lists are the plain stores (dockerStores and the rest).
 */
import type { StoreApi, UseBoundStore } from 'zustand';
import type { CollectionEvent } from '../../contract/collection';
import type { ContainerSummary } from '../../contract/containers';
import type { StreamHandlers, Subscription } from '../../contract/define';
import type { ImageSummary } from '../../contract/images';
import type { NetworkSummary } from '../../contract/networks';
import type { VolumeSummary } from '../../contract/volumes';
import { api } from '../api';
import { createCollectionStore, type CollectionState } from './collectionStore';

export type EngineStore<T> = UseBoundStore<StoreApi<CollectionState<T>>>;

/** Makes the one store per context name of a kind of list. */
export function perEngine<T>(
  subscribe: (context: string, handlers: StreamHandlers<CollectionEvent<T>>) => Subscription,
  idOf: (item: T) => string,
): (context: string) => EngineStore<T> {
  const stores = new Map<string, EngineStore<T>>();
  return (context) => {
    let store = stores.get(context);
    if (!store) {
      store = createCollectionStore<T>((handlers) => subscribe(context, handlers), idOf, {
        final: (e) => e.code === 'not_found',
      });
      stores.set(context, store);
    }
    return store;
  };
}

export const containersOn = perEngine<ContainerSummary>(
  (context, h) => api.containers.watchOn.subscribe({ context }, h),
  (c) => c.id,
);

export const imagesOn = perEngine<ImageSummary>(
  (context, h) => api.images.watchOn.subscribe({ context }, h),
  (i) => i.id,
);

export const volumesOn = perEngine<VolumeSummary>(
  (context, h) => api.volumes.watchOn.subscribe({ context }, h),
  (v) => v.name,
);

export const networksOn = perEngine<NetworkSummary>(
  (context, h) => api.networks.watchOn.subscribe({ context }, h),
  (n) => n.id,
);
