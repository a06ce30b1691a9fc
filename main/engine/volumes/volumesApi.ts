/**
 * Main's implementation of the volumes contract: the live list, create (refusing a taken name), remove
 * (refusing a volume in use) and disk usage.
 */
import type { ApiImplementation } from '../../../contract/api';
import { OK } from '../../../contract/collection';
import { ApiError } from '../../../contract/errors';
import { pipeCollection } from '../../common/streams';
import type { Services } from '../../services';
import { watchOnEngine } from '../onEngine';
import { names, notFound } from '../refusals';
import { listVolumes, volumeUsers } from './volumeList';

export function volumesApi({
  engine,
  collections,
  enginePool,
}: Pick<Services, 'engine' | 'collections' | 'enginePool'>): ApiImplementation['volumes'] {
  const docker = engine.docker;
  return {
    list: async () => listVolumes(docker),
    watch: (_input, sink, signal) => pipeCollection(collections.volumes, sink, signal),
    watchOn: ({ context }, sink, signal) =>
      watchOnEngine({ engine, collections, enginePool }, 'volumes', context, sink, signal, (v) => v),
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
      const users = (await volumeUsers(docker)).of([name]);
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
