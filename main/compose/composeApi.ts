import type { ApiImplementation } from '../../contract/api';
import type { Services } from '../services';

export function composeApi(_services: Services): ApiImplementation['compose'] {
  return {
    tool: async () => ({ available: false, hint: 'Compose support is not wired yet.' }),
  };
}
