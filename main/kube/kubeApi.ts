import type { ApiImplementation } from '../../contract/api';
import type { Services } from '../services';

export function kubeApi(_services: Services): ApiImplementation['kube'] {
  return {
    contexts: async () => [],
  };
}
