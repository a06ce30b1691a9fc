import type { ApiImplementation } from '../../../contract/api';
import { OK } from '../../../contract/collection';
import { pipeCollection } from '../../common/streams';
import type { Services } from '../../services';
import { endpointIsLocal } from '../endpoint';
import { listContainers } from './containerList';
import { watchOnEngine } from './containersOnEngine';
import { runContainer } from './containerRun';
import { bulkAction } from './containerBulk';
import { streamContainerLogs } from './containerLogs';
import { serveContainerLogSession } from './containerLogSession';
import { streamContainerStats } from './containerStats';
import { TerminalSessions } from './containerExec';
import { ContainerUsageReader } from './containerUsage';

export function containersApi({
  engine,
  collections,
  enginePool,
  logSessions,
}: Pick<Services, 'engine' | 'collections' | 'enginePool' | 'logSessions'>): ApiImplementation['containers'] {
  const docker = engine.docker;
  const terminals = new TerminalSessions(docker);
  const usage = new ContainerUsageReader(docker);
  const c = (id: string) => docker.getContainer(id);
  return {
    list: async (input) => listContainers(docker, input?.all ?? true),
    watch: (_input, sink, signal) => pipeCollection(collections.containers, sink, signal),
    watchOn: ({ context }, sink, signal) => watchOnEngine({ engine, collections, enginePool }, context, sink, signal),
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
    bulk: (input) => bulkAction(docker, input),
    run: (spec) => runContainer(docker, spec, { probePorts: endpointIsLocal(engine.endpoint.url) }),
    logs: (input, sink, signal) => streamContainerLogs(docker, input, sink, signal),
    logSession: ({ id }, sink, signal) => serveContainerLogSession(docker, logSessions, id, sink, signal),
    terminal: (input, sink, signal) => terminals.open(input, sink, signal),
    terminalWrite: async ({ sessionId, data }) => (terminals.write(sessionId, data), OK),
    terminalResize: async ({ sessionId, cols, rows }) => (await terminals.resize(sessionId, cols, rows), OK),
    stats: ({ id }, sink, signal) => streamContainerStats(docker, id, sink, signal),
    usage: ({ ids }) => usage.read(ids),
  };
}
