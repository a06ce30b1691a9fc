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
