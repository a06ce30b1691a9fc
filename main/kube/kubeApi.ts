/**
 * Main's implementation of the kube contract: contexts, live lists, scale, deploy, apply and kind; pod logs,
 * exec sessions, port-forwards (stopped when Berth quits), pod delete and expose.
 */
import type { ApiImplementation } from '../../contract/api';
import type { Services } from '../services';
import { listContexts } from './contexts';
import { KubeWatches } from './watches';
import { namespaceSpec, namespacedSpec, nodeSpec, type Resource, type ResourceItems } from './resources';
import { clusterStatus, deleteDeployment, deleteNamespace, deploy, scaleDeployment } from './workloads';
import { applyManifests } from './apply';
import { streamPodLogs } from './pods/podLogs';
import { servePodLogSession } from './pods/podLogSession';
import { PodExecSessions } from './pods/exec';
import { PortForwards } from './pods/forwards';
import { startPortForward } from './pods/portForward';
import { deletePod } from './pods/deletePod';
import { exposeDeployment } from './expose';
import { nodeMetrics } from './nodeMetrics';
import { objectsApi } from './objects/objectsApi';
import { kubeActionsApi } from './actionsApi';
import { OK } from '../../contract/collection';
import { kindNodeContainers, listKindClusters } from './kind/kindClusters';
import { requireKind } from './kind/kindCli';
import { kindConfigYaml } from './kind/kindConfig';
import { startKindCreate, startKindDelete, startKindLoad, type KindTool } from './kind/kindTasks';
import { kindEnvironment } from './kind/kindEnv';
import { localKindNodeImages } from './kind/kindNodeImages';
import type { NamespacedTarget } from '../../contract/kube';
import type { StreamSink } from '../../contract/define';
import type { CollectionEvent } from '../../contract/collection';

export function kubeApi(
  services: Pick<Services, 'engine' | 'tasks' | 'settings' | 'onDispose' | 'logSessions'>,
): ApiImplementation['kube'] {
  const watches = new KubeWatches();
  const execs = new PodExecSessions();
  const forwards = new PortForwards();
  services.onDispose(() => {
    forwards.stopAll();
    execs.closeAll();
  });
  const docker = () => services.engine.docker;
  /** The kind binary, from the kind binary setting or PATH; tool_missing when there is none. */
  const kind = () => requireKind(services.settings.current.kindBinary);
  /** kind with the engine Berth uses and the kubeconfig it reads, so both sides see the same clusters. */
  const kindTool = (): KindTool => ({
    binary: kind(),
    env: kindEnvironment({ engineUrl: services.engine.endpoint.url, kubeconfig: process.env.BERTH_KUBECONFIG }),
    docker: docker(),
    whenEngineBack: (then) => services.engine.whenBack(then),
    engineGoesAwayWithin: (ms) => services.engine.goesAwayWithin(ms),
  });

  /** Node containers of the kind cluster behind a context, so nodes can name theirs. */
  const kindContainersOf = (context: string) => async () => {
    if (!context.startsWith('kind-')) return new Set<string>();
    const nodes = (await kindNodeContainers(docker())).get(context.slice(5)) ?? [];
    return new Set(nodes.map((n) => n.name));
  };

  const namespaced =
    <R extends Resource>(resource: R) =>
    (input: NamespacedTarget, sink: StreamSink<CollectionEvent<ResourceItems[R]>>, signal: AbortSignal) =>
      watches.pipe(
        input,
        `${resource}\u0000${input.namespace}`,
        (c) => namespacedSpec(c, resource, input.namespace),
        sink,
        signal,
      );

  return {
    contexts: async (input) => listContexts(docker(), input?.kubeconfig, services.settings.current.kindBinary),
    status: async (input) => clusterStatus(input),
    namespaces: (input, sink, signal) => watches.pipe(input, 'namespaces', (c) => namespaceSpec(c), sink, signal),
    nodes: (input, sink, signal) =>
      watches.pipe(input, 'nodes', (c) => nodeSpec(c, kindContainersOf(input.context)), sink, signal),
    nodeMetrics: async (input) => nodeMetrics(input),
    pods: namespaced('pods'),
    deployments: namespaced('deployments'),
    replicaSets: namespaced('replicaSets'),
    services: namespaced('services'),
    events: namespaced('events'),
    endpointSlices: namespaced('endpointSlices'),
    podLogs: (input, sink, signal) => streamPodLogs(input, sink, signal),
    podLogSession: (input, sink, signal) => servePodLogSession(services.logSessions, input, sink, signal),
    exec: (input, sink, signal) => execs.open(input, sink, signal),
    execWrite: async ({ sessionId, data }) => (execs.write(sessionId, data), OK),
    execResize: async ({ sessionId, cols, rows }) => (execs.resize(sessionId, cols, rows), OK),
    deletePod: async (input) => deletePod(input, input.namespace, input.name),
    portForward: async (input) => startPortForward(forwards, input),
    stopPortForward: async ({ id }) => (forwards.stop(id), OK),
    portForwards: (_input, sink, signal) => {
      const off = forwards.subscribe((event) => sink.next(event));
      if (signal.aborted) off();
      else signal.addEventListener('abort', off, { once: true });
    },
    expose: async (input) => exposeDeployment(input),
    scale: async (input) => scaleDeployment(input, input.namespace, input.name, input.replicas),
    deploy: async (input) => deploy(input),
    deleteDeployment: async (input) => deleteDeployment(input, input.namespace, input.name),
    deleteNamespace: async (input) => deleteNamespace(input, input.name),
    apply: async (input) => applyManifests(input, input.namespace, input.yaml),
    kindClusters: async () => {
      const tool = kindTool();
      return listKindClusters(tool.binary, tool.docker, tool.env);
    },
    kindNodeImages: async () => localKindNodeImages(docker()),
    kindConfig: async (input) => ({ yaml: kindConfigYaml(input) }),
    kindCreate: async (input) => ({ taskId: await startKindCreate(services.tasks, kindTool(), input) }),
    kindDelete: async (input) => ({ taskId: startKindDelete(services.tasks, kindTool(), input.name) }),
    kindLoad: async (input) => ({ taskId: startKindLoad(services.tasks, kindTool(), input.cluster, input.image) }),
    ...objectsApi(watches),
    ...kubeActionsApi(services),
  };
}
