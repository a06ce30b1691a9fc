/** Volumes with the containers that mount them, kept live from volume and container events. */
import type Docker from 'dockerode';
import type { ContainerRef } from '../../../contract/images';
import type { VolumeSummary } from '../../../contract/volumes';
import type { EngineConnection } from '../connection';
import { LiveCollection } from '../liveCollection';
import { containerCreatedOrRemoved } from '../containers/containerList';

const nameOf = (c: Docker.ContainerInfo) => (c.Names[0] ?? c.Id.slice(0, 12)).replace(/^\//, '');

/** Volume name → the containers (any state) that mount it. */
export async function volumeUsers(docker: Docker): Promise<Map<string, ContainerRef[]>> {
  const users = new Map<string, ContainerRef[]>();
  for (const c of await docker.listContainers({ all: true })) {
    for (const m of c.Mounts ?? []) {
      if (m.Type !== 'volume' || !m.Name) continue;
      users.set(m.Name, [...(users.get(m.Name) ?? []), { id: c.Id, name: nameOf(c) }]);
    }
  }
  return users;
}

export async function listVolumes(docker: Docker): Promise<VolumeSummary[]> {
  const [result, users] = await Promise.all([docker.listVolumes(), volumeUsers(docker)]);
  return (result.Volumes ?? []).map((v) => {
    const extra = v as typeof v & { CreatedAt?: string };
    const summary: VolumeSummary = {
      name: v.Name,
      driver: v.Driver,
      mountpoint: v.Mountpoint,
      scope: v.Scope ?? 'local',
      labels: v.Labels ?? {},
      usedBy: users.get(v.Name) ?? [],
      anonymous: /^[0-9a-f]{64}$/.test(v.Name),
    };
    if (extra.CreatedAt) summary.created = extra.CreatedAt;
    return summary;
  });
}

export function volumeCollection(engine: EngineConnection): LiveCollection<VolumeSummary> {
  return new LiveCollection(engine, {
    list: () => listVolumes(engine.docker),
    idOf: (v) => v.name,
    affected: (e) => (e.Type === 'volume' || containerCreatedOrRemoved(e) ? 'all' : undefined),
    coalesceMs: 100,
  });
}
