import { api } from '../api';
import type { ContainerSummary } from '../../contract/containers';
import type { ImageSummary } from '../../contract/images';
import { createCollectionStore } from './collectionStore';

export const useContainers = createCollectionStore<ContainerSummary>(
  (handlers) => api.containers.watch.subscribe(undefined, handlers),
  (c) => c.id,
);

export const useImages = createCollectionStore<ImageSummary>(
  (handlers) => api.images.watch.subscribe(undefined, handlers),
  (i) => i.id,
);

const onEngine = new Map<string, ReturnType<typeof createCollectionStore<ContainerSummary>>>();

/**
 * The live containers of one engine kept connected beside the one in use, by its context name: one store
 * per engine, made when first shown. A name no longer connected is final (not_found) until shown afresh.
 */
export function containersOn(context: string): ReturnType<typeof createCollectionStore<ContainerSummary>> {
  let store = onEngine.get(context);
  if (!store) {
    store = createCollectionStore<ContainerSummary>(
      (handlers) => api.containers.watchOn.subscribe({ context }, handlers),
      (c) => c.id,
      { final: (e) => e.code === 'not_found' },
    );
    onEngine.set(context, store);
  }
  return store;
}
