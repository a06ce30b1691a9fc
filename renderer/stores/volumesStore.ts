import { api } from '../api';
import type { VolumeSummary } from '../../contract/volumes';
import { createCollectionStore } from './collectionStore';

export const useVolumes = createCollectionStore<VolumeSummary>(
  (handlers) => api.volumes.watch.subscribe(undefined, handlers),
  (v) => v.name,
);
