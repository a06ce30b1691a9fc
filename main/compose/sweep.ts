/** Removes what a compose project left on the engine, straight through the API (no compose file needed). */
import type Docker from 'dockerode';
import { LABEL } from './stacks';

const byProject = (project: string) => ({ label: [`${LABEL.project}=${project}`] });

/** The project's containers; with `createdBy` (Unix seconds), only those created by then. */
export async function projectContainerIds(docker: Docker, project: string, createdBy = Infinity): Promise<string[]> {
  const list = await docker.listContainers({ all: true, filters: byProject(project) });
  return list.filter((c) => c.Created <= createdBy).map((c) => c.Id);
}

/**
 * Removes the project's containers except `keep`, then (with `networks`) its networks. Volumes only when
 * `volumes` is set: a user's data is never removed unless they asked.
 */
export async function sweepProject(
  docker: Docker,
  project: string,
  opts: { keep?: ReadonlySet<string>; networks?: boolean; volumes?: boolean; createdBy?: number } = {},
): Promise<void> {
  for (const id of await projectContainerIds(docker, project, opts.createdBy)) {
    if (opts.keep?.has(id)) continue;
    await docker
      .getContainer(id)
      .remove({ force: true, v: false })
      .catch(() => undefined);
  }
  if (opts.networks) {
    for (const n of await docker.listNetworks({ filters: byProject(project) })) {
      await docker
        .getNetwork(n.Id)
        .remove()
        .catch(() => undefined);
    }
  }
  if (opts.volumes) {
    const { Volumes } = await docker.listVolumes({ filters: byProject(project) });
    for (const v of Volumes ?? []) {
      await docker
        .getVolume(v.Name)
        .remove()
        .catch(() => undefined);
    }
  }
}
