import type { ApiImplementation } from '../../../contract/api';
import { OK } from '../../../contract/collection';
import { pipeCollection } from '../../common/streams';
import type { Services } from '../../services';
import { watchOnEngine } from '../onEngine';
import { inspectsManifests, listsManifests } from '../apiVersion';
import { startBuild } from './buildImage';
import { imageDetail } from './imageDetail';
import { parseReference } from './imageReference';
import { prunePreview, pruneImages, removeImage } from './imageRemove';
import { listImages } from './imageList';
import { startPull } from './pullImage';
import { startPush } from './pushImage';
import { defaultLoginDeps, login, logout, signedInRegistries } from './registryLogin';
import { dockerCliEnv } from '../../common/dockerCliEnv';

export function imagesApi({
  engine,
  tasks,
  collections,
  enginePool,
}: Pick<Services, 'engine' | 'tasks' | 'collections' | 'enginePool'>): ApiImplementation['images'] {
  const docker = engine.docker;
  return {
    list: async () => listImages(docker, listsManifests(engine)),
    watch: (_input, sink, signal) => pipeCollection(collections.images, sink, signal),
    watchOn: ({ context }, sink, signal) =>
      watchOnEngine({ engine, collections, enginePool }, 'images', context, sink, signal, (i) => i),
    inspect: async ({ id }) => imageDetail(docker, id, inspectsManifests(engine)),
    pull: async ({ reference }) => ({ taskId: startPull(docker, tasks, reference) }),
    push: async ({ reference }) => ({ taskId: await startPush(docker, tasks, reference) }),
    build: async (input) => ({ taskId: await startBuild(engine, tasks, input) }),
    tag: async ({ source, target }) => {
      const ref = parseReference(target);
      await docker.getImage(source).tag({ repo: ref.repository, tag: ref.tag ?? 'latest' });
      return OK;
    },
    remove: async ({ ref, force }) => removeImage(docker, ref, force),
    prunePreview: async ({ mode, labels }) => prunePreview(docker, mode, labels),
    prune: async ({ mode, labels }) => pruneImages(docker, mode, labels),
    registries: async () => signedInRegistries(defaultLoginDeps(dockerCliEnv(engine.endpoint))),
    login: async (input) => login(input, defaultLoginDeps(dockerCliEnv(engine.endpoint))),
    logout: async ({ server }) => {
      await logout(server, { env: dockerCliEnv(engine.endpoint) });
      return OK;
    },
  };
}
