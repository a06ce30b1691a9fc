import type { ApiImplementation } from '../../contract/api';
import { OK } from '../../contract/collection';
import { pipeCollection } from '../common/streams';
import type { Services } from '../services';
import { containerCollection, listContainers } from './containers';

export function containersApi({ engine }: Services): ApiImplementation['containers'] {
  const live = containerCollection(engine);
  const docker = engine.docker;
  const c = (id: string) => docker.getContainer(id);
  return {
    list: async (input) => listContainers(docker, input?.all ?? true),
    watch: (_input, sink, signal) => pipeCollection(live, sink, signal),
    inspect: async ({ id }) => (await c(id).inspect()) as unknown as Record<string, unknown>,
    start: async ({ id }) => (await c(id).start(), OK),
    stop: async ({ id, timeoutSeconds }) => (
      await c(id).stop(timeoutSeconds === undefined ? {} : { t: timeoutSeconds }),
      OK
    ),
    restart: async ({ id }) => (await c(id).restart(), OK),
    pause: async ({ id }) => (await c(id).pause(), OK),
    unpause: async ({ id }) => (await c(id).unpause(), OK),
    kill: async ({ id, signal }) => (await c(id).kill(signal ? { signal } : {}), OK),
    remove: async ({ id, force, volumes }) => (await c(id).remove({ force, v: volumes }), OK),
  };
}
