import type { ApiImplementation } from '../../../contract/api';
import { OK } from '../../../contract/collection';
import { ApiError } from '../../../contract/errors';
import { toApiError } from '../../common/toApiError';
import { pipeCollection } from '../../common/streams';
import type { Services } from '../../services';
import { listNetworks, networkCollection, NetworkUsers, toNetworkSummary } from '../networks/networkList';
import { listVolumes, volumeCollection, volumeUsers } from './volumeList';

const notFound = (what: string) => (e: unknown) => {
  const err = toApiError(e);
  throw err.code === 'not_found' ? new ApiError('not_found', `There is no ${what}.`) : err;
};

const names = (refs: Array<{ name: string }>) => refs.map((r) => r.name).join(', ');

export function volumesApi({ engine }: Services): ApiImplementation['volumes'] {
  const live = volumeCollection(engine);
  const docker = engine.docker;
  return {
    list: async () => listVolumes(docker),
    watch: (_input, sink, signal) => pipeCollection(live, sink, signal),
    create: async ({ name, driver, driverOpts, labels }) => {
      if (name) {
        const exists = await docker
          .getVolume(name)
          .inspect()
          .then(
            () => true,
            () => false,
          );
        if (exists) throw new ApiError('conflict', `A volume named ${name} already exists.`, 'Pick another name.');
      }
      const created = await docker.createVolume({
        ...(name ? { Name: name } : {}),
        Driver: driver,
        DriverOpts: driverOpts,
        Labels: labels,
      });
      const summary = (await listVolumes(docker)).find((v) => v.name === created.name);
      if (!summary) throw new ApiError('internal', `Volume ${created.name} vanished right after it was created.`);
      return summary;
    },
    remove: async ({ name, force }) => {
      await docker
        .getVolume(name)
        .inspect()
        .catch(notFound(`volume ${name}`));
      const users = (await volumeUsers(docker)).get(name) ?? [];
      if (users.length) {
        throw new ApiError(
          'conflict',
          `Volume ${name} is in use by ${users.length === 1 ? 'container' : 'containers'} ${names(users)}; it was not removed.`,
          'Remove those containers first (their data stays in the volume until then).',
          { containers: users },
        );
      }
      await docker.getVolume(name).remove({ force });
      return OK;
    },
    sizes: async () => {
      const df = (await docker.df()) as { Volumes?: Array<{ Name: string; UsageData?: { Size?: number } | null }> };
      const out: Record<string, number> = {};
      for (const v of df.Volumes ?? [])
        if (v.UsageData && (v.UsageData.Size ?? -1) >= 0) out[v.Name] = v.UsageData.Size!;
      return out;
    },
  };
}

export function networksApi({ engine }: Services): ApiImplementation['networks'] {
  const live = networkCollection(engine);
  const docker = engine.docker;
  return {
    list: async () => listNetworks(docker),
    watch: (_input, sink, signal) => pipeCollection(live, sink, signal),
    create: async ({ name, driver, subnet, gateway, internal, attachable, labels }) => {
      const existing = await docker.listNetworks({ filters: { name: [name] } });
      if (existing.some((n) => n.Name === name)) {
        throw new ApiError('conflict', `A network named ${name} already exists.`, 'Pick another name.');
      }
      if (gateway && !subnet) throw new ApiError('invalid_input', 'A gateway needs a subnet.', 'Give the subnet too.');
      const network = await docker.createNetwork({
        Name: name,
        Driver: driver,
        Internal: internal,
        Attachable: attachable,
        Labels: labels,
        CheckDuplicate: true,
        ...(subnet
          ? { IPAM: { Driver: 'default', Config: [{ Subnet: subnet, ...(gateway ? { Gateway: gateway } : {}) }] } }
          : {}),
      });
      const info = (await network.inspect()) as import('dockerode').NetworkInspectInfo;
      return toNetworkSummary(info, await NetworkUsers.load(docker));
    },
    remove: async ({ id }) => {
      const info = (await docker
        .getNetwork(id)
        .inspect()
        .catch(notFound(`network ${id}`))) as {
        Id: string;
        Name: string;
      };
      if (['bridge', 'host', 'none'].includes(info.Name)) {
        throw new ApiError('conflict', `${info.Name} is one of the engine's built-in networks and cannot be removed.`);
      }
      const users = (await NetworkUsers.load(docker)).of(info);
      if (users.length) {
        throw new ApiError(
          'conflict',
          `Network ${info.Name} has ${users.length === 1 ? 'container' : 'containers'} ${names(users)} attached; it was not removed.`,
          'Disconnect or remove those containers first.',
          { containers: users },
        );
      }
      await docker.getNetwork(info.Id).remove();
      return OK;
    },
  };
}
