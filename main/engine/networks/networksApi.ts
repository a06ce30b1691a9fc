/**
 * Main's implementation of the networks contract: the live list, create (refusing a taken name), and remove
 * (refusing the built-in networks and those with containers attached).
 */
import type { ApiImplementation } from '../../../contract/api';
import { OK } from '../../../contract/collection';
import { ApiError } from '../../../contract/errors';
import { pipeCollection } from '../../common/streams';
import type { Services } from '../../services';
import { watchOnEngine } from '../onEngine';
import { names, notFound } from '../refusals';
import { listNetworks, networkKeys, networkUsers, toNetworkSummary } from './networkList';

export function networksApi({
  engine,
  collections,
  enginePool,
}: Pick<Services, 'engine' | 'collections' | 'enginePool'>): ApiImplementation['networks'] {
  const docker = engine.docker;
  return {
    list: async () => listNetworks(docker),
    watch: (_input, sink, signal) => pipeCollection(collections.networks, sink, signal),
    watchOn: ({ context }, sink, signal) =>
      watchOnEngine({ engine, collections, enginePool }, 'networks', context, sink, signal, (n) => n),
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
      return { ...toNetworkSummary(info), containers: (await networkUsers(docker)).of(networkKeys(info)) };
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
      const users = (await networkUsers(docker)).of(networkKeys(info));
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
