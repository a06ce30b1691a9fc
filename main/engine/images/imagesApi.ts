import type { ApiImplementation } from '../../../contract/api';
import { OK } from '../../../contract/collection';
import { pipeCollection } from '../../common/streams';
import type { Services } from '../../services';
import { startBuild } from './buildImage';
import { imageDetail } from './imageDetail';
import { parseReference } from './imageReference';
import { prunePreview, pruneImages, removeImage } from './imageRemove';
import { listImages } from './imageList';
import { startPull } from './pullImage';
import { startPush } from './pushImage';

export function imagesApi({
  engine,
  tasks,
  collections,
}: Pick<Services, 'engine' | 'tasks' | 'collections'>): ApiImplementation['images'] {
  const docker = engine.docker;
  return {
    list: async () => listImages(docker),
    watch: (_input, sink, signal) => pipeCollection(collections.images, sink, signal),
    inspect: async ({ id }) => imageDetail(docker, id),
    pull: async ({ reference }) => ({ taskId: startPull(docker, tasks, reference) }),
    push: async ({ reference }) => ({ taskId: await startPush(docker, tasks, reference) }),
    build: async (input) => ({ taskId: await startBuild(docker, tasks, input) }),
    tag: async ({ source, target }) => {
      const ref = parseReference(target);
      await docker.getImage(source).tag({ repo: ref.repository, tag: ref.tag ?? 'latest' });
      return OK;
    },
    remove: async ({ ref, force }) => removeImage(docker, ref, force),
    prunePreview: async ({ mode, labels }) => prunePreview(docker, mode, labels),
    prune: async ({ mode, labels }) => pruneImages(docker, mode, labels),
  };
}
