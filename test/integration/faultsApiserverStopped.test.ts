/**
 * The API server stopped in the middle of a drain and of a scale (kwok control plane; kube-apiserver stopped
 * for real and started again by test/kube-cluster/restart-apiserver.sh). The drain task fails with
 * cluster_unreachable saying which pods were evicted and which not and that the node stays cordoned; the
 * scale says whether the new count was saved. Nothing half-done is left unsaid, the live lists stay open,
 * and once the API server is back a retry completes. Tests named "fault: …" are counted in the run's fault
 * summary.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { KubeNode, KubePod } from '../../contract/kube';
import type { Task } from '../../contract/tasks';
import { startTestBackend, type TestBackend } from '../helpers/inProcessClient';
import { eventually } from '../helpers/docker';
import { apiError } from '../helpers/errors';
import { latestTasks, live, type Live } from '../helpers/collection';
import {
  deleteNamespaces,
  kubectl,
  restartApiserver,
  testNamespace,
  useKubeCluster,
  type KubeCluster,
} from '../helpers/kubeCluster';
import {
  deploymentYaml,
  guardedYaml,
  jsonpath,
  kubectlApply,
  kwokNodeYaml,
  drainToleration,
} from '../helpers/kubeObjects';

const exec = promisify(execFile);
let cluster: KubeCluster;
let t: TestBackend;
const drained = testNamespace();
const scaled = testNamespace();
const node = `faults-drain-${Math.random().toString(36).slice(2, 7)}`;
const WAIT = 180_000;
let tasks: Map<string, Task>;
const target = () => ({ context: cluster.context, kubeconfig: cluster.kubeconfig });

/** Whether kube-apiserver answers at all (kubectl straight to it, not through Berth). */
const apiserverUp = () =>
  exec('kubectl', ['--kubeconfig', cluster.kubeconfig, '--request-timeout=3s', 'get', '--raw', '/readyz']).then(
    () => true,
    () => false,
  );

/** The API server's return after the last stop: each test ends by waiting for it, failed or not. */
let returning: Promise<unknown> = Promise.resolve();

/** Stops kube-apiserver for `seconds` in the background; resolves once it is down, with the wait for its return. */
async function stopApiserver(seconds: number): Promise<{ back: Promise<void> }> {
  const back = restartApiserver(seconds);
  returning = back.catch(() => undefined);
  await eventually('the API server down', async () => !(await apiserverUp()), 60_000);
  return { back };
}

beforeAll(async () => {
  cluster = await useKubeCluster();
  t = startTestBackend();
  tasks = latestTasks(t.api);
  await kubectl('create', 'namespace', drained);
  await kubectl('create', 'namespace', scaled);
}, 40 * 60_000);

// A test that failed with the API server down must not leave the next one without it.
afterEach(() => returning, 5 * 60_000);

afterAll(async () => {
  t?.close();
  await kubectl('delete', 'node', node, '--ignore-not-found', '--wait=false').catch(() => '');
  await deleteNamespaces(drained, scaled);
  await cluster?.stop();
});

describe('the API server stopped mid-operation', () => {
  it('fault: the API server stopped during a drain — the task fails naming the pods evicted and not, the node stays cordoned, and a drain after its return completes', async () => {
    await kubectlApply(kwokNodeYaml(node));
    // 3 guarded pods, of which the budget lets one go at a time, and 2 free ones: the drain evicts 3, then waits.
    await kubectlApply(guardedYaml(drained, node, 3, 2));
    await kubectlApply(
      deploymentYaml(
        drained,
        'free',
        2,
        `      nodeSelector: {kubernetes.io/hostname: ${node}}\n      tolerations: ${drainToleration}\n`,
      ),
    );
    await eventually(
      '5 pods running on the node, the budget seeing 3 healthy',
      async () =>
        (
          await kubectl(
            'get',
            'pods',
            '-n',
            drained,
            '--field-selector',
            `spec.nodeName=${node}`,
            '-o',
            'jsonpath={.items[*].status.phase}',
          )
        )
          .split(' ')
          .filter((p) => p === 'Running').length === 5 &&
        (await jsonpath('pdb/guarded', drained, '.status.currentHealthy')) === '3',
      WAIT,
    );
    const nodes = live<KubeNode>(
      (h) => t.api.kube.nodes.subscribe(target(), h),
      (n) => n.name,
    );

    const { taskId } = await t.api.kube.drain({ ...target(), node });
    await eventually(
      'three pods evicted and the others blocked by the budget',
      () => {
        const steps = tasks.get(taskId)?.steps ?? [];
        return (
          steps.filter((s) => s.status === 'Evicted').length === 3 &&
          steps.some((s) => s.status.startsWith('Blocked, retrying'))
        );
      },
      WAIT,
    );
    const { back } = await stopApiserver(40);
    const failed = await eventually(
      'the drain to fail',
      () => {
        const task = tasks.get(taskId);
        return task && task.state !== 'running' ? task : undefined;
      },
      WAIT,
    );
    expect(failed.state).toBe('failed');
    expect(failed.error?.code, failed.error?.message).toBe('cluster_unreachable');
    const evicted = failed.steps.filter((s) => s.status === 'Evicted').map((s) => s.label);
    const left = failed.steps.filter((s) => s.status === 'Not evicted').map((s) => s.label);
    expect(evicted).toHaveLength(3);
    expect(left).toHaveLength(2);
    expect(left.every((id) => id.startsWith(`${drained}/guarded-`))).toBe(true);
    expect(failed.error?.message).toContain(`Drain of ${node} stopped`);
    for (const id of [...evicted, ...left]) expect(failed.error?.message).toContain(id);
    expect(failed.error?.message).toMatch(new RegExp(`Not evicted: .*${left[0]}.*${node} stays cordoned`));
    expect(failed.error?.hint).toMatch(new RegExp(`drain ${node} again`));
    expect(nodes.ended).toBeUndefined();

    await back;
    expect(await jsonpath(`node/${node}`, undefined, '.spec.unschedulable')).toBe('true');
    await eventually('Berth showing the node cordoned', () => nodes.items.get(node)?.unschedulable === true, WAIT);

    await kubectl('patch', 'pdb', 'guarded', '-n', drained, '--type=merge', '-p', '{"spec":{"minAvailable":0}}');
    const again = await t.api.kube.drain({ ...target(), node });
    const done = await t.api.tasks.wait({ id: again.taskId });
    expect(done.state, JSON.stringify(done.error)).toBe('succeeded');
    expect(done.kind === 'kube.drain' && done.result).toEqual({ node, evicted: 2, skipped: 0 });
    expect(await kubectl('get', 'pods', '-n', drained, '--field-selector', `spec.nodeName=${node}`, '-o', 'name')).toBe(
      '',
    );
    nodes.sub.unsubscribe();
  }, 600_000);

  it('fault: the API server stopped during a scale — a scale meanwhile says nothing was changed, the pods list stays open and resumes, and a retry completes', async () => {
    await kubectlApply(deploymentYaml(scaled, 'web', 1));
    const ref = { ...target(), namespace: scaled, name: 'web' };
    const pods: Live<KubePod> = live(
      (h) => t.api.kube.pods.subscribe({ ...target(), namespace: scaled }, h),
      (p) => p.name,
    );
    await eventually('the first pod', () => pods.items.size === 1, WAIT);

    expect(await t.api.kube.scale({ ...ref, replicas: 20 })).toEqual({ replicas: 20 });
    const { back } = await stopApiserver(30); // while the controller makes the 19 new pods
    const err = await apiError(t.api.kube.scale({ ...ref, replicas: 30 }));
    expect(err.code).toBe('cluster_unreachable');
    expect(err.message).toContain(`"${cluster.context}"`);
    expect(err.message).toMatch(/web was not scaled: it keeps its replica count/);
    expect(err.hint).toMatch(/scale again/);
    const status = await apiError(t.api.kube.status(target()));
    expect(status.code).toBe('cluster_unreachable');
    expect(pods.ended).toBeUndefined();

    await back;
    await eventually('the pods list to show the 20 pods of the first scale', () => pods.items.size === 20, WAIT);
    expect(await t.api.kube.scale({ ...ref, replicas: 30 })).toEqual({ replicas: 30 });
    await eventually('the pods list to show 30 pods', () => pods.items.size === 30, WAIT);
    expect(await jsonpath('deployment/web', scaled, '.spec.replicas')).toBe('30');
    pods.sub.unsubscribe();
  }, 600_000);
});
