/** The long kind operations, as tasks: create (steps from kind's progress lines), delete, load an image. */
import { ApiError } from '../../../contract/errors';
import { KindCreateInput } from '../../../contract/kube';
import type { TaskHandle, TaskManager } from '../../tasks/taskManager';
import { kindClusterNames } from './kindClusters';
import { runKind } from './kindCli';
import { expectedCreateSteps, kindConfigYaml } from './kindConfig';
import { kindCreateError, kindErrorText, parseKindLine } from './kindProgress';

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

export async function startKindCreate(tasks: TaskManager, kind: string, raw: KindCreateInput): Promise<string> {
  const input = KindCreateInput.parse(raw);
  if ((await kindClusterNames(kind)).includes(input.name)) {
    throw new ApiError(
      'conflict',
      `A kind cluster named "${input.name}" already exists.`,
      'Delete it first or pick another name.',
    );
  }
  const config = kindConfigYaml(input);
  return tasks.start({ kind: 'kind.create', title: `Create kind cluster ${input.name}` }, async (task) => {
    task.log('# kind config', ...config.trimEnd().split('\n'), '');
    const run = await runKind(kind, ['create', 'cluster', '--config', '-', '--name', input.name], {
      input: config,
      signal: task.signal,
      onLine: followProgress(task, expectedCreateSteps(input)),
    });
    if (task.signal.aborted) {
      task.progress({ message: `Cancelled; deleting the partial cluster ${input.name}…` });
      await runKind(kind, ['delete', 'cluster', '--name', input.name], { onLine: (l) => task.log(l) });
      throw new ApiError('cancelled', `Cancelled; the partial cluster "${input.name}" was deleted.`);
    }
    if (run.code !== 0) throw kindCreateError(input.name, run.lines, run.code);
    task.progress({ fraction: 1, message: `Cluster ${input.name} is ready (context kind-${input.name}).` });
    return { context: `kind-${input.name}` };
  });
}

export function startKindDelete(tasks: TaskManager, kind: string, name: string): string {
  return tasks.start(
    { kind: 'kind.delete', title: `Delete kind cluster ${name}`, cancellable: false },
    async (task) => {
      const run = await runKind(kind, ['delete', 'cluster', '--name', name], { onLine: (l) => task.log(l) });
      if (run.code !== 0) {
        throw new ApiError(
          'failed',
          `kind could not delete cluster "${name}": ${kindErrorText(run.lines) ?? run.lines.join(' ')}`,
        );
      }
      return { deleted: name };
    },
  );
}

export function startKindLoad(tasks: TaskManager, kind: string, cluster: string, image: string): string {
  return tasks.start({ kind: 'kind.load', title: `Load ${image} into kind cluster ${cluster}` }, async (task) => {
    task.progress({ message: `kind load docker-image ${image} --name ${cluster}` });
    const run = await runKind(kind, ['load', 'docker-image', image, '--name', cluster], {
      signal: task.signal,
      onLine: (l) => task.log(l),
    });
    if (task.signal.aborted) throw new ApiError('cancelled', 'Cancelled.');
    if (run.code !== 0) {
      const text = kindErrorText(run.lines) ?? run.lines.join('\n');
      throw new ApiError(
        /not present locally|No such image/i.test(text) ? 'not_found' : 'failed',
        `kind could not load ${image} into "${cluster}": ${text.replace(/^ERROR:\s*/, '')}`,
        'Build or pull the image locally first (docker images lists it).',
      );
    }
    return { image, cluster };
  });
}
