import type { ApiImplementation } from '../../contract/api';
import type { Services } from '../services';

export function volumesApi({ engine }: Services): ApiImplementation['volumes'] {
  return {
    list: async () =>
      ((await engine.docker.listVolumes()).Volumes ?? []).map((v) => ({
        name: v.Name,
        driver: v.Driver,
        mountpoint: v.Mountpoint,
        labels: v.Labels ?? {},
      })),
  };
}

export function networksApi({ engine }: Services): ApiImplementation['networks'] {
  return {
    list: async () =>
      (await engine.docker.listNetworks()).map((n) => ({ id: n.Id, name: n.Name, driver: n.Driver, scope: n.Scope })),
  };
}
