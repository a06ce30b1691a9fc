import type { ApiImplementation } from '../../contract/api';
import type { Services } from '../services';

export function settingsApi(_services: Services): ApiImplementation['settings'] {
  return {
    environment: async () => [],
  };
}
