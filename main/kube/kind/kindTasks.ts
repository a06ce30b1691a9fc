/**
 * The long kind operations, as tasks: create (steps from kind's progress lines; a half-made cluster is
 * removed on cancel or failure, later if the engine went away; one that a killed Berth left is named by the
 * interrupted task for the user to delete), delete (nodes, context and the `kind`
 * network once no cluster uses it), and load an image into a cluster's nodes.
 */
import type Docker from 'dockerode';
import { ApiError } from '../../../contract/errors';
import { ENGINE_HINT } from '../../common/toApiError';
import { KindCreateInput } from '../../../contract/kube';
import type { TaskHandle, TaskManager } from '../../tasks/taskManager';
import { KIND_CLUSTER_LABEL, kindClusterNames } from './kindClusters';
import { runKind } from './kindCli';
import { expectedCreateSteps, kindConfigYaml } from './kindConfig';
import { kindCreateError, kindErrorText, parseKindLine } from './kindProgress';
import { takenHostPorts } from './hostPorts';

/** kind's binary with the environment it runs in (engine, kubeconfig), and the engine Berth watches. */
export interface KindTool {
  binary: string;
  env: NodeJS.ProcessEnv;
  docker: Docker;
  /** Runs `then` once the engine is reachable again (now, if it is). */
  whenEngineBack(then: () => Promise<void>): void;
  /** Whether the engine stops answering within `ms` (it is shutting down). */
  engineGoesAwayWithin(ms: number): Promise<boolean>;
}

/** How long `kind create cluster --wait` waits for the control plane to be Ready. */
export const KIND_WAIT = '120s';
const KIND_NETWORK = 'kind';
/** How long (× 5 s) Berth watches for a half-made cluster's late node containers once the engine is back. */
const CLEANUP_ROUNDS = 48;

function followProgress(task: TaskHandle, expected: number) {
  const done = new Set<string>();
  return (line: string) => {
    task.log(line);
    const step = parseKindLine(line);
    if (step) {
      task.step({ id: step.id, label: step.label, status: step.status, fraction: null });
      if (step.status === 'done') done.add(step.id);
      task.progress({ fraction: Math.min(0.95, done.size / expected), message: step.label });
    } else if (/^Creating cluster|^Deleting cluster|^Image: /.test(line)) {
      task.progress({ message: line });
    }
  };
}

/** How long a kind failure that left its nodes behind waits to see whether the engine is going away. */
const ENGINE_SHUTDOWN_MS = 20_000;

/** Node containers of a cluster, stopped ones included; with `createdBy` (Unix seconds), only older ones. */
async function nodeContainers(docker: Docker, name: string, createdBy = Infinity): Promise<string[]> {
  const list = await docker.listContainers({ all: true, filters: { label: [`${KIND_CLUSTER_LABEL}=${name}`] } });
  return list.filter((c) => c.Created <= createdBy).map((c) => c.Id);
}

export const kindCreateArgs = (name: string): string[] => [
  'create',
  'cluster',
  '--config',
  '-',
  '--name',
  name,
  '--wait',
  KIND_WAIT,
];

export async function startKindCreate(tasks: TaskManager, kind: KindTool, raw: KindCreateInput): Promise<string> {
  const input = KindCreateInput.parse(raw);
  if ((await kindClusterNames(kind.binary, kind.env)).includes(input.name)) {
    throw new ApiError(
      'conflict',
      `A kind cluster named "${input.name}" already exists.`,
      'Delete it first or pick another name.',
    );
  }
  const taken = await takenHostPorts(input.ports);
  if (taken.length) {
    throw new ApiError(
      'conflict',
      `Host port ${taken.map((p) => `${p.listenAddress}:${p.hostPort}`).join(', ')} is already in use.`,
      'Pick another host port for the mapping, or stop what listens there.',
    );
  }
  const config = kindConfigYaml(input);
  /** Removes node containers by id (those a create still in flight left behind, which kind cannot see). */
  const removeContainers = async (task: TaskHandle, ids: string[]) => {
    for (const id of ids) {
      await kind.docker.getContainer(id).remove({ force: true, v: true });
      task.log(`Removed the node container ${id.slice(0, 12)} of the half-made cluster.`);
    }
  };
  /** `kind delete cluster`, then any node container kind's delete did not see. */
  const removeLeftovers = async (task: TaskHandle) => {
    await runKind(kind.binary, ['delete', 'cluster', '--name', input.name], {
      env: kind.env,
      onLine: (l) => task.log(l),
    });
    await removeContainers(task, await nodeContainers(kind.docker, input.name));
  };
  // kind ends with Berth (at its next progress line, its output pipe gone), never to finish or clean up.
  const interruptedHint =
    `The cluster "${input.name}" kind was creating is left half-made (its node containers stay in Docker, with ` +
    `no kubectl context): the kind clusters list shows it as it is now; delete it there (or ` +
    `\`kind delete cluster --name ${input.name}\`) and create it again.`;
  const spec = { kind: 'kind.create' as const, title: `Create kind cluster ${input.name}`, interruptedHint };
  return tasks.start(spec, async (task) => {
    task.log('# kind config', ...config.trimEnd().split('\n'), '');
    const run = await runKind(kind.binary, kindCreateArgs(input.name), {
      input: config,
      env: kind.env,
      signal: task.signal,
      onLine: followProgress(task, expectedCreateSteps(input)),
    });
    if (task.signal.aborted) {
      task.progress({ message: `Cancelled; deleting the partial cluster ${input.name}…` });
      await removeLeftovers(task);
      throw new ApiError('cancelled', `Cancelled; the partial cluster "${input.name}" was deleted.`);
    }
    if (run.code === 0) {
      task.progress({ fraction: 1, message: `Cluster ${input.name} is ready (context kind-${input.name}).` });
      return { context: `kind-${input.name}` };
    }
    const error = kindCreateError(input.name, run.lines, run.code);
    // kind removes its nodes after a failure, unless the engine itself went away: then nothing can be
    // removed now, so it is done as soon as the engine is back.
    const left = await nodeContainers(kind.docker, input.name).catch(() => undefined);
    // kind deletes its nodes after a failure of its own; nodes still there mean it could not, as when the
    // engine is shutting down (it stops the nodes first, answering meanwhile): give it a while to go.
    const engineGone =
      left === undefined ||
      error.code === 'engine_unreachable' ||
      (left.length > 0 && (await kind.engineGoesAwayWithin(ENGINE_SHUTDOWN_MS)));
    if (engineGone) {
      const failedAt = Math.ceil(Date.now() / 1000);
      kind.whenEngineBack(async () => {
        if ((await nodeContainers(kind.docker, input.name)).length) await removeLeftovers(task);
        // A create the engine had accepted before the connection broke may still be finishing (copying the
        // node image's /var into its volume can take minutes on a busy machine): for a while, remove what
        // shows up of it — only containers created before the failure, never a cluster made again since.
        for (let round = 0; round < CLEANUP_ROUNDS; round++) {
          await new Promise((resolve) => setTimeout(resolve, 5_000));
          await removeContainers(task, await nodeContainers(kind.docker, input.name, failedAt));
        }
      });
      // Whatever kind's last words were, the engine is gone now: that is the cause the user can act on.
      throw new ApiError(
        'engine_unreachable',
        error.message,
        `${ENGINE_HINT} The half-made cluster "${input.name}" is removed as soon as Docker is reachable again.`,
        error.details,
      );
    }
    if (left.length) await removeLeftovers(task);
    throw error;
  });
}

/** Removes kind's shared network when no cluster and no container uses it any more. */
async function removeIdleKindNetwork(kind: KindTool, task: TaskHandle): Promise<boolean> {
  if ((await kindClusterNames(kind.binary, kind.env)).length) return false;
  const network = kind.docker.getNetwork(KIND_NETWORK);
  const info = (await network.inspect().catch(() => undefined)) as { Containers?: object } | undefined;
  if (!info || Object.keys(info.Containers ?? {}).length) return false;
  await network.remove();
  task.log(`Removed the docker network "${KIND_NETWORK}" (no kind cluster uses it any more).`);
  return true;
}

export function startKindDelete(tasks: TaskManager, kind: KindTool, name: string): string {
  return tasks.start(
    { kind: 'kind.delete', title: `Delete kind cluster ${name}`, cancellable: false },
    async (task) => {
      const run = await runKind(kind.binary, ['delete', 'cluster', '--name', name], {
        env: kind.env,
        onLine: (l) => task.log(l),
      });
      if (run.code !== 0) {
        throw new ApiError(
          'failed',
          `kind could not delete cluster "${name}": ${kindErrorText(run.lines) ?? run.lines.join(' ')}`,
        );
      }
      const network = await removeIdleKindNetwork(kind, task).catch(() => false);
      return { deleted: name, removedNetwork: network };
    },
  );
}

export function startKindLoad(tasks: TaskManager, kind: KindTool, cluster: string, image: string): string {
  return tasks.start({ kind: 'kind.load', title: `Load ${image} into kind cluster ${cluster}` }, async (task) => {
    task.progress({ message: `kind load docker-image ${image} --name ${cluster}` });
    const nodes = await nodeContainers(kind.docker, cluster).catch(() => undefined);
    if (nodes && nodes.length === 0) {
      throw new ApiError(
        'not_found',
        `There is no kind cluster "${cluster}" any more.`,
        'Create it again, or pick another cluster.',
      );
    }
    const run = await runKind(kind.binary, ['load', 'docker-image', image, '--name', cluster], {
      env: kind.env,
      signal: task.signal,
      onLine: (l) => {
        task.log(l);
        if (/loading|Image: /i.test(l)) task.progress({ message: l });
      },
    });
    if (task.signal.aborted) throw new ApiError('cancelled', 'Cancelled.');
    if (run.code !== 0) {
      const text = kindErrorText(run.lines) ?? run.lines.join('\n');
      const missingImage = /not present locally|No such image/i.test(text);
      const missingCluster = /no nodes found for cluster/i.test(text);
      throw new ApiError(
        missingImage || missingCluster ? 'not_found' : 'failed',
        `kind could not load ${image} into "${cluster}": ${text.replace(/^ERROR:\s*/, '')}`,
        missingCluster
          ? 'The cluster is gone; create it again or pick another one.'
          : 'Build or pull the image locally first (docker images lists it).',
      );
    }
    return { image, cluster };
  });
}
