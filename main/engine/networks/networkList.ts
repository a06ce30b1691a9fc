/**
 * Networks with their attached containers: the live list follows network events for the networks and the
 * containers' live list for who is attached (withUsers.ts), so a container change costs no engine call.
 */
import type Docker from 'dockerode';
import type { ListedContainer } from '../../common/listedContainer';
import type { NetworkSummary } from '../../../contract/networks';
import type { LiveList } from '../../common/sharedCollection';
import type { DockerEvent, EngineConnection } from '../connection';
import { liveWithUsers, usersNow } from '../withUsers';

/** The engine's own networks, which can never be removed. */
export const BUILT_IN_NETWORKS = ['bridge', 'host', 'none'];

/** What a container is attached to, by network name and id (a container not started yet has no id for it). */
const networksOf = (c: ListedContainer) => c.networks.flatMap((n) => (n.id ? [n.name, n.id] : [n.name]));
/** The keys a network is found by among what containers are attached to. */
export const networkKeys = (n: { Id: string; Name: string }) => [n.Id, n.Name];

/** Who is attached to each network as the engine has it now: for answers that must be complete. */
export const networkUsers = (docker: Docker) => usersNow(docker, networksOf);

/** A network's own summary, without who is attached. */
export function toNetworkSummary(n: Docker.NetworkInspectInfo): NetworkSummary {
  const summary: NetworkSummary = {
    id: n.Id,
    name: n.Name,
    driver: n.Driver,
    scope: n.Scope,
    internal: n.Internal ?? false,
    attachable: n.Attachable ?? false,
    subnets: (n.IPAM?.Config ?? []).flatMap((c) => (c.Subnet ? [c.Subnet] : [])),
    labels: n.Labels ?? {},
    builtIn: BUILT_IN_NETWORKS.includes(n.Name),
  };
  if (n.Created) summary.created = n.Created;
  return summary;
}

export async function listNetworks(docker: Docker): Promise<NetworkSummary[]> {
  const [networks, users] = await Promise.all([docker.listNetworks(), networkUsers(docker)]);
  return networks.map((n) => ({ ...toNetworkSummary(n), containers: users.of(networkKeys(n)) }));
}

/** A network's own summary changes with its create and destroy; connect and disconnect change its containers' lists. */
const networkChanged = (e: DockerEvent) => e.Type === 'network' && e.Action !== 'connect' && e.Action !== 'disconnect';

export function networkCollection(
  engine: EngineConnection,
  containers: LiveList<ListedContainer>,
): LiveList<NetworkSummary> {
  return liveWithUsers(engine, containers, {
    list: async () => (await engine.docker.listNetworks()).map(toNetworkSummary),
    changed: networkChanged,
    idOf: (n) => n.id,
    keysOf: (n) => [n.id, n.name],
    usesOf: networksOf,
    withUsers: (n, attached) => (attached ? { ...n, containers: attached } : n),
  });
}
