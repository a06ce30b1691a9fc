/**
 * Node maintenance against the real control plane: cordon/uncordon, and drain through the eviction API on a
 * kwok node of this test's own (tainted, so no other test's pods land there): the plan (DaemonSet pod
 * skipped, a bare pod blocking), a blocked drain failing before any eviction, a PodDisruptionBudget that
 * refuses (429, retried with the reason on the pod's step), cancel, then the budget relaxed and the drain
 * done.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBackend, type TestBackend } from '../helpers/inProcessClient';
import { eventually } from '../helpers/docker';
import { latestTasks } from '../helpers/collection';
import { deleteNamespaces, kubectl, testNamespace, useKubeCluster, type KubeCluster } from '../helpers/kubeCluster';
import { drainToleration, jsonpath, kubectlApply, kwokNodeYaml } from '../helpers/kubeObjects';
import type { Task } from '../../contract/tasks';

let cluster: KubeCluster;
let t: TestBackend;
let ns: string;
const node = `k8sops-drain-${Math.random().toString(36).slice(2, 7)}`;
const WAIT = 90_000;
let tasks: Map<string, Task>;

const toleration = drainToleration;

beforeAll(async () => {
  cluster = await useKubeCluster();
  t = startTestBackend();
  tasks = latestTasks(t.api);
  ns = testNamespace();
  await kubectl('create', 'namespace', ns);
  await kubectlApply(kwokNodeYaml(node));
  await eventually(
    'own node Ready',
    async () => (await jsonpath(`node/${node}`, undefined, '.status.conditions[?(@.type=="Ready")].status')) === 'True',
    WAIT,
  );
  const pinned = `nodeSelector: {kubernetes.io/hostname: ${node}}\n      tolerations: ${toleration}`;
  await kubectlApply(`
apiVersion: apps/v1
kind: Deployment
metadata: {name: guarded, namespace: ${ns}}
spec:
  replicas: 2
  selector: {matchLabels: {app: guarded}}
  template:
    metadata: {labels: {app: guarded}}
    spec:
      ${pinned}
      containers: [{name: main, image: berth-fixture/busybox:1}]
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, namespace: ${ns}}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      ${pinned}
      containers: [{name: main, image: berth-fixture/busybox:1}]
---
apiVersion: v1
kind: Pod
metadata: {name: loner, namespace: ${ns}}
spec:
  nodeName: ${node}
  tolerations: ${toleration}
  containers: [{name: main, image: berth-fixture/busybox:1}]
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: guarded, namespace: ${ns}}
spec:
  minAvailable: 2
  selector: {matchLabels: {app: guarded}}
`);
  await eventually(
    '4 pods running on the node',
    async () => {
      const phases = await kubectl(
        'get',
        'pods',
        '-n',
        ns,
        '--field-selector',
        `spec.nodeName=${node}`,
        '-o',
        'jsonpath={.items[*].status.phase}',
      );
      return phases.split(' ').filter((p) => p === 'Running').length === 4;
    },
    WAIT,
  );
  await eventually(
    'budget sees 2 healthy',
    async () => (await jsonpath('pdb/guarded', ns, '.status.currentHealthy')) === '2',
    WAIT,
  );
}, 40 * 60_000);

afterAll(async () => {
  t?.close();
  await kubectl('delete', 'node', node, '--ignore-not-found', '--wait=false').catch(() => '');
  await deleteNamespaces(ns);
  await cluster?.stop();
});

const target = () => ({ context: cluster.context, kubeconfig: cluster.kubeconfig, node });

describe('node maintenance', () => {
  it('cordons and uncordons', async () => {
    await t.api.kube.cordon({ ...target(), unschedulable: true });
    expect(await jsonpath(`node/${node}`, undefined, '.spec.unschedulable')).toBe('true');
    await t.api.kube.cordon({ ...target(), unschedulable: false });
    expect(await jsonpath(`node/${node}`, undefined, '.spec.unschedulable')).toBe('');
  });

  it('plans like kubectl: the DaemonSet pod skipped, the bare pod blocking; a blocked drain evicts nothing', async () => {
    const plan = await t.api.kube.drainPlan(target());
    expect(plan.evict.map((p) => p.name).every((n) => n.startsWith('guarded-'))).toBe(true);
    expect(plan.evict).toHaveLength(2);
    expect(plan.skipped.map((p) => p.name)).toEqual([expect.stringMatching(/^agent-/)]);
    expect(plan.blocked).toEqual([
      expect.objectContaining({ name: 'loner', reason: expect.stringMatching(/controller/) }),
    ]);

    const { taskId } = await t.api.kube.drain(target());
    const done = await t.api.tasks.wait({ id: taskId });
    expect(done.state).toBe('failed');
    expect(done.error?.message).toMatch(new RegExp(`Cannot drain ${node}: 1 pod.*${ns}/loner`));
    expect(await jsonpath(`node/${node}`, undefined, '.spec.unschedulable')).toBe('true');
    expect(await kubectl('get', 'pod', '-n', ns, 'loner', '-o', 'name')).toBe('pod/loner');
  });

  it('retries an eviction the budget refuses, with the reason on its step; cancel stops it', async () => {
    const { taskId } = await t.api.kube.drain({ ...target(), force: true });
    const blocked = await eventually(
      'a step blocked by the budget',
      () => tasks.get(taskId)?.steps.find((s) => /Blocked, retrying: .*disruption budget/i.test(s.status)),
      WAIT,
    );
    expect(blocked.label).toMatch(new RegExp(`^${ns}/guarded-`));
    expect(blocked.status).toMatch(/The disruption budget guarded needs 2 healthy pods/);
    // The bare pod has no budget: with force it goes.
    await eventually(
      'loner evicted',
      async () => !(await kubectl('get', 'pods', '-n', ns, '-o', 'name')).includes('pod/loner'),
      WAIT,
    );
    expect(await t.api.tasks.cancel({ id: taskId })).toEqual({ cancelled: true });
    expect((await t.api.tasks.wait({ id: taskId })).state).toBe('cancelled');
    expect(await jsonpath('pdb/guarded', ns, '.status.currentHealthy')).toBe('2');
  });

  it('drains once the budget allows it: every evictable pod gone, the DaemonSet pod left', async () => {
    const { taskId } = await t.api.kube.drain({ ...target(), force: true });
    await eventually('blocked again', () => tasks.get(taskId)?.steps.some((s) => s.status.startsWith('Blocked')), WAIT);
    await kubectl('patch', 'pdb', 'guarded', '-n', ns, '--type=merge', '-p', '{"spec":{"minAvailable":0}}');
    const done = await t.api.tasks.wait({ id: taskId });
    expect(done.state, JSON.stringify(done.error)).toBe('succeeded');
    expect(done.kind === 'kube.drain' && done.result).toEqual({ node, evicted: 2, skipped: 1 });
    expect(done.steps.map((s) => s.status)).toEqual(['Evicted', 'Evicted']);
    const left = await kubectl('get', 'pods', '-n', ns, '--field-selector', `spec.nodeName=${node}`, '-o', 'name');
    expect(left.split('\n')).toEqual([expect.stringMatching(/^pod\/agent-/)]);
    await t.api.kube.cordon({ ...target(), unschedulable: false });
  });
});
