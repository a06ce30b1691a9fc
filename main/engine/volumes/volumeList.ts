/**
 * Volumes with the containers that mount them: the live list follows volume events for the volumes and the
 * containers' live list for who uses them (withUsers.ts), so a container change costs no engine call.
 */
import type Docker from 'dockerode';
import type { ListedContainer } from '../../common/listedContainer';
import type { VolumeSummary } from '../../../contract/volumes';
import type { LiveList } from '../../common/sharedCollection';
import type { DockerEvent, EngineConnection } from '../connection';
import { liveWithUsers, usersNow } from '../withUsers';

/** What a container uses, by volume name. */
const volumesOf = (c: ListedContainer) => c.volumes;

/** Who mounts each volume as the engine has it now: for answers that must be complete. */
export const volumeUsers = (docker: Docker) => usersNow(docker, volumesOf);

/** The volumes without their users. */
async function listOwnVolumes(docker: Docker): Promise<VolumeSummary[]> {
  const result = await docker.listVolumes();
  return (result.Volumes ?? []).map((v) => {
    const extra = v as typeof v & { CreatedAt?: string };
    const summary: VolumeSummary = {
      name: v.Name,
      driver: v.Driver,
      mountpoint: v.Mountpoint,
      scope: v.Scope ?? 'local',
      labels: v.Labels ?? {},
      anonymous: /^[0-9a-f]{64}$/.test(v.Name),
    };
    if (extra.CreatedAt) summary.created = extra.CreatedAt;
    return summary;
  });
}

export async function listVolumes(docker: Docker): Promise<VolumeSummary[]> {
  const [volumes, users] = await Promise.all([listOwnVolumes(docker), volumeUsers(docker)]);
  return volumes.map((v) => ({ ...v, usedBy: users.of([v.name]) }));
}

/** A volume's own summary changes with its create and destroy; mount and unmount (each start and stop) change nothing in it. */
const volumeChanged = (e: DockerEvent) => e.Type === 'volume' && e.Action !== 'mount' && e.Action !== 'unmount';

export function volumeCollection(
  engine: EngineConnection,
  containers: LiveList<ListedContainer>,
): LiveList<VolumeSummary> {
  return liveWithUsers(engine, containers, {
    list: () => listOwnVolumes(engine.docker),
    changed: volumeChanged,
    idOf: (v) => v.name,
    keysOf: (v) => [v.name],
    usesOf: volumesOf,
    withUsers: (v, usedBy) => (usedBy ? { ...v, usedBy } : v),
  });
}
