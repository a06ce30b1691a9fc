/** Networks with their attached containers, kept live from network events. */
import type Docker from 'dockerode';
import type { ContainerRef } from '../../../contract/images';
import type { NetworkSummary } from '../../../contract/networks';
import type { EngineConnection } from '../connection';
import { LiveCollection } from '../liveCollection';
import { containerCreatedOrRemoved } from '../containers/containerList';

/** The engine's own networks, which can never be removed. */
export const BUILT_IN_NETWORKS = ['bridge', 'host', 'none'];

const nameOf = (c: Docker.ContainerInfo) => (c.Names[0] ?? c.Id.slice(0, 12)).replace(/^\//, '');

/** The containers attached to each network, by network id and by name (a created container has no id yet). */
export class NetworkUsers {
  private readonly byKey = new Map<string, ContainerRef[]>();

  static async load(docker: Docker): Promise<NetworkUsers> {
    const users = new NetworkUsers();
    for (const c of await docker.listContainers({ all: true })) {
      for (const [name, n] of Object.entries(c.NetworkSettings?.Networks ?? {})) {
        const ref = { id: c.Id, name: nameOf(c) };
        users.add(name, ref);
        if (n.NetworkID) users.add(n.NetworkID, ref);
      }
    }
    return users;
  }

  of(network: { Id: string; Name: string }): ContainerRef[] {
    const all = [...(this.byKey.get(network.Id) ?? []), ...(this.byKey.get(network.Name) ?? [])];
    return all.filter((c, i) => all.findIndex((x) => x.id === c.id) === i);
  }

  private add(key: string, ref: ContainerRef): void {
    this.byKey.set(key, [...(this.byKey.get(key) ?? []), ref]);
  }
}

export function toNetworkSummary(n: Docker.NetworkInspectInfo, users: NetworkUsers): NetworkSummary {
  const summary: NetworkSummary = {
    id: n.Id,
    name: n.Name,
    driver: n.Driver,
    scope: n.Scope,
    internal: n.Internal ?? false,
    attachable: n.Attachable ?? false,
    subnets: (n.IPAM?.Config ?? []).flatMap((c) => (c.Subnet ? [c.Subnet] : [])),
    labels: n.Labels ?? {},
    containers: users.of(n),
    builtIn: BUILT_IN_NETWORKS.includes(n.Name),
  };
  if (n.Created) summary.created = n.Created;
  return summary;
}

export async function listNetworks(docker: Docker): Promise<NetworkSummary[]> {
  const [networks, users] = await Promise.all([docker.listNetworks(), NetworkUsers.load(docker)]);
  return networks.map((n) => toNetworkSummary(n, users));
}

export function networkCollection(engine: EngineConnection): LiveCollection<NetworkSummary> {
  return new LiveCollection(engine, {
    list: () => listNetworks(engine.docker),
    idOf: (n) => n.id,
    affected: (e) => (e.Type === 'network' || containerCreatedOrRemoved(e) ? 'all' : undefined),
    coalesceMs: 100,
  });
}
