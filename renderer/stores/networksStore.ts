import { api } from '../api';
import type { NetworkSummary } from '../../contract/networks';
import { createCollectionStore } from './collectionStore';

export const useNetworks = createCollectionStore<NetworkSummary>(
  (handlers) => api.networks.watch.subscribe(undefined, handlers),
  (n) => n.id,
);
