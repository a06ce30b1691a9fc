/** Container listing and lifecycle actions against the engine. */
import type Docker from 'dockerode';
import type { DockerEvent, EngineConnection } from '../connection';
import { LiveCollection } from '../liveCollection';
import { keepSince, statusSince } from './containerSince';
import type { ListedContainer } from '../../common/listedContainer';

const LIFECYCLE = new Set([
  'create',
  'start',
  'restart',
  'stop',
  'die',
  'kill',
  'pause',
  'unpause',
  'rename',
  'update',
  'oom',
  'destroy',
  // Podman's Docker-compatible API says "remove" where Docker says "destroy".
  'remove',
  'health_status',
]);

export function toListedContainer(c: Docker.ContainerInfo, listedAt = Date.now()): ListedContainer {
  const labels = c.Labels ?? {};
  return {
    id: c.Id,
    name: (c.Names?.[0] ?? c.Id.slice(0, 12)).replace(/^\//, ''),
    image: c.Image,
    imageId: c.ImageID,
    created: c.Created,
    state: c.State,
    status: c.Status,
    since: statusSince(c.Status, listedAt),
    ports: (c.Ports ?? []).map((p) => ({
      ip: p.IP || undefined,
      privatePort: p.PrivatePort,
      publicPort: p.PublicPort || undefined,
      type: p.Type,
    })),
    labels,
    composeProject: labels['com.docker.compose.project'],
    composeService: labels['com.docker.compose.service'],
    volumes: (c.Mounts ?? []).flatMap((m) => (m.Type === 'volume' && m.Name ? [m.Name] : [])),
    networks: Object.entries(c.NetworkSettings?.Networks ?? {}).map(([name, n]) =>
      n.NetworkID ? { name, id: n.NetworkID } : { name },
    ),
  };
}

export const listContainers = async (docker: Docker, all = true): Promise<ListedContainer[]> =>
  (await docker.listContainers({ all })).map((c) => toListedContainer(c));

/** The container a lifecycle event is about (from Type/Action/Actor, which both 20.10 and 29 send). */
export function containersAffected(e: DockerEvent): string[] | undefined {
  // A container joined or left a network: its networks changed (the network's users follow from them).
  if (e.Type === 'network' && (e.Action === 'connect' || e.Action === 'disconnect')) {
    const container = e.Actor.Attributes.container;
    return container ? [container] : undefined;
  }
  if (e.Type !== 'container') return undefined;
  const action = e.Action.split(':')[0] ?? e.Action;
  return LIFECYCLE.has(action) ? [e.Actor.ID] : undefined;
}

/** A container was created or removed (Docker's "destroy", Podman's "remove"): who uses a volume or network changed. */
export const containerCreatedOrRemoved = (e: DockerEvent): boolean =>
  e.Type === 'container' && (e.Action === 'create' || e.Action === 'destroy' || e.Action === 'remove');

export function containerCollection(engine: EngineConnection): LiveCollection<ListedContainer> {
  return new LiveCollection(engine, {
    list: () => listContainers(engine.docker),
    fetch: async (ids) =>
      (await engine.docker.listContainers({ all: true, filters: { id: ids } })).map((c) => toListedContainer(c)),
    idOf: (c) => c.id,
    settle: keepSince,
    affected: containersAffected,
  });
}
