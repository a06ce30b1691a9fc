import type { ApiImplementation } from '../../../contract/api';
import { OK } from '../../../contract/collection';
import { pipeCollection } from '../../common/streams';
import type { Services } from '../../services';
import { endpointIsLocal } from '../endpoint';
import { listContainers } from './containerList';
import { summaryOf } from '../../common/listedContainer';
import { dockerOn, watchOnEngine } from '../onEngine';
import { runContainer } from './containerRun';
import { bulkAction } from './containerBulk';
import { streamContainerLogs } from './containerLogs';
import { serveContainerLogSession } from './containerLogSession';
import { streamContainerStats } from './containerStats';
import { statsRefusal } from './statsSupport';
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
  /** A container on the engine in use, or on the connected engine `context` names. */
  const on = (id: string, context: string | undefined) => dockerOn({ engine, enginePool }, context).getContainer(id);
  return {
    list: async (input) => (await listContainers(docker, input?.all ?? true)).map(summaryOf),
    watch: (_input, sink, signal) => pipeCollection(collections.containers, sink, signal, summaryOf),
    watchOn: ({ context }, sink, signal) =>
      watchOnEngine({ engine, collections, enginePool }, 'containers', context, sink, signal, summaryOf),
    inspect: async ({ id }) => (await c(id).inspect()) as unknown as Record<string, unknown>,
    start: async ({ id, context }) => (await on(id, context).start(), OK),
    stop: async ({ id, context, timeoutSeconds }) => (
      await on(id, context).stop(timeoutSeconds === undefined ? {} : { t: timeoutSeconds }),
      OK
    ),
    restart: async ({ id, context }) => (await on(id, context).restart(), OK),
    pause: async ({ id, context }) => (await on(id, context).pause(), OK),
    unpause: async ({ id, context }) => (await on(id, context).unpause(), OK),
    kill: async ({ id, context, signal }) => (await on(id, context).kill(signal ? { signal } : {}), OK),
    remove: async ({ id, context, force, volumes }) => (await on(id, context).remove({ force, v: volumes }), OK),
    bulk: (input) => bulkAction(docker, input),
    run: (spec) => runContainer(docker, spec, { probePorts: endpointIsLocal(engine.endpoint.url) }),
    logs: (input, sink, signal) => streamContainerLogs(docker, input, sink, signal),
    logSession: ({ id }, sink, signal) => serveContainerLogSession(docker, logSessions, id, sink, signal),
    terminal: (input, sink, signal) => terminals.open(input, sink, signal),
    terminalWrite: async ({ sessionId, data }) => (terminals.write(sessionId, data), OK),
    terminalResize: async ({ sessionId, cols, rows }) => (await terminals.resize(sessionId, cols, rows), OK),
    stats: async ({ id }, sink, signal) => {
      // A rootless engine on cgroup v1 answers zeros: the user is told why instead (statsSupport.ts).
      const refused = await statsRefusal(docker, engine.current);
      if (refused) throw refused;
      await streamContainerStats(docker, id, sink, signal);
    },
    usage: ({ ids }) => usage.read(ids),
  };
}
