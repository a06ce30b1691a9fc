/**
 * Rollouts, scale, CronJobs and delete against the real control plane (controller-manager makes the
 * ReplicaSets, ControllerRevisions and Jobs): restart, history, undo and pause of a Deployment; restart,
 * history and undo of a StatefulSet; scale of a StatefulSet and a ReplicaSet through the scale subresource
 * (and of a kind without one); CronJob run-now and suspend; delete with each propagation policy.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBackend, type TestBackend } from '../helpers/inProcessClient';
import { eventually } from '../helpers/docker';
import { apiError } from '../helpers/errors';
import { deleteNamespaces, kubectl, testNamespace, useKubeCluster, type KubeCluster } from '../helpers/kubeCluster';
import { deploymentYaml, jsonpath, kubectlApply, refOf } from '../helpers/kubeObjects';

let cluster: KubeCluster;
let t: TestBackend;
let ns: string;
const WAIT = 90_000;

beforeAll(async () => {
  cluster = await useKubeCluster();
  t = startTestBackend();
  ns = testNamespace();
  await kubectl('create', 'namespace', ns);
}, 40 * 60_000);

afterAll(async () => {
  t?.close();
  await deleteNamespaces(ns);
  await cluster?.stop();
});

describe('rollouts, scale, CronJobs and delete', () => {
  it('restarts a Deployment, lists its history, undoes to revision 1, and pauses/resumes it', async () => {
    await kubectlApply(deploymentYaml(ns, 'roll', 1));
    const ref = refOf(cluster, 'deployments', ns, 'roll');
    await eventually('revision 1', async () => (await t.api.kube.rolloutHistory(ref)).length === 1, WAIT);

    await t.api.kube.rolloutRestart(ref);
    const restartedAt = await jsonpath(
      'deployment/roll',
      ns,
      '.spec.template.metadata.annotations.kubectl\\.kubernetes\\.io/restartedAt',
    );
    expect(Date.parse(restartedAt)).toBeGreaterThan(Date.now() - 120_000);
    const history = await eventually(
      'revision 2',
      async () => {
        const h = await t.api.kube.rolloutHistory(ref);
        return h.length === 2 && h[0]?.current ? h : undefined;
      },
      WAIT,
    );
    expect(history.map((r) => [r.revision, r.current])).toEqual([
      [2, true],
      [1, false],
    ]);
    expect(history[0]?.images).toEqual(['berth-fixture/busybox:1']);

    expect(await t.api.kube.rolloutUndo({ ...ref, toRevision: 1 })).toEqual({ revision: 1 });
    expect(await jsonpath('deployment/roll', ns, '.spec.template.metadata.annotations')).toBe('');
    expect(await jsonpath('deployment/roll', ns, '.spec.template.metadata.labels')).not.toContain('pod-template-hash');
    // Going back to revision 1 makes its ReplicaSet current again, as revision 3.
    await eventually(
      'revision 3 current',
      async () => (await t.api.kube.rolloutHistory(ref)).find((r) => r.current)?.revision === 3,
      WAIT,
    );

    await t.api.kube.rolloutPause({ ...ref, paused: true });
    expect(await jsonpath('deployment/roll', ns, '.spec.paused')).toBe('true');
    const paused = await apiError(t.api.kube.rolloutUndo({ ...ref, toRevision: 0 }));
    expect(paused.message).toMatch(/paused/);
    await t.api.kube.rolloutPause({ ...ref, paused: false });
    expect(await jsonpath('deployment/roll', ns, '.spec.paused')).toBe('');

    const wrong = await apiError(t.api.kube.rolloutRestart(refOf(cluster, 'configmaps', ns, 'x')));
    expect(wrong.code).toBe('invalid_input');
  });

  it('scales, restarts and undoes a StatefulSet; scales a ReplicaSet; refuses a kind without scale', async () => {
    await kubectlApply(`
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: ${ns}}
spec:
  replicas: 1
  serviceName: db
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec: {containers: [{name: main, image: berth-fixture/redis:1}]}
---
apiVersion: apps/v1
kind: ReplicaSet
metadata: {name: bare-rs, namespace: ${ns}}
spec:
  replicas: 1
  selector: {matchLabels: {app: bare-rs}}
  template:
    metadata: {labels: {app: bare-rs}}
    spec: {containers: [{name: main, image: berth-fixture/busybox:1}]}
`);
    const sts = refOf(cluster, 'statefulsets', ns, 'db');
    expect(await t.api.kube.scaleObject({ ...sts, replicas: 3 })).toEqual({ replicas: 3 });
    expect(await jsonpath('statefulset/db', ns, '.spec.replicas')).toBe('3');
    const rs = refOf(cluster, 'replicasets', ns, 'bare-rs');
    expect(await t.api.kube.scaleObject({ ...rs, replicas: 2 })).toEqual({ replicas: 2 });
    expect(await jsonpath('replicaset/bare-rs', ns, '.spec.replicas')).toBe('2');
    await eventually(
      '2 ReplicaSet pods',
      async () =>
        (await kubectl('get', 'pods', '-n', ns, '-l', 'app=bare-rs', '-o', 'name')).split('\n').filter(Boolean)
          .length === 2,
      WAIT,
    );

    await kubectl('create', 'configmap', 'plain', '-n', ns, '--from-literal=a=b');
    const noScale = await apiError(
      t.api.kube.scaleObject({ ...refOf(cluster, 'configmaps', ns, 'plain'), replicas: 2 }),
    );
    expect(noScale.code).toBe('invalid_input');
    expect(noScale.message).toMatch(/no scale subresource/);
    expect((await apiError(t.api.kube.scaleObject({ ...sts, name: 'missing', replicas: 1 }))).code).toBe('not_found');

    await eventually('StatefulSet revision 1', async () => (await t.api.kube.rolloutHistory(sts)).length === 1, WAIT);
    await kubectl('set', 'image', '-n', ns, 'statefulset/db', 'main=berth-fixture/redis:2');
    const two = await eventually(
      'StatefulSet revision 2',
      async () => {
        const h = await t.api.kube.rolloutHistory(sts);
        return h.length === 2 && h[0]?.current ? h : undefined;
      },
      WAIT,
    );
    expect(two.map((r) => r.images[0])).toEqual(['berth-fixture/redis:2', 'berth-fixture/redis:1']);
    expect(await t.api.kube.rolloutUndo({ ...sts, toRevision: 0 })).toEqual({ revision: 1 });
    expect(await jsonpath('statefulset/db', ns, '.spec.template.spec.containers[0].image')).toBe(
      'berth-fixture/redis:1',
    );
    await t.api.kube.rolloutRestart(sts);
    expect(await jsonpath('statefulset/db', ns, '.spec.template.metadata.annotations')).toContain('restartedAt');
  });

  it('runs a CronJob now (a Job owned by it) and suspends and resumes it', async () => {
    await kubectlApply(`
apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly, namespace: ${ns}}
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    metadata: {labels: {job: nightly}}
    spec:
      template:
        spec:
          restartPolicy: Never
          containers: [{name: main, image: berth-fixture/busybox:1, command: [echo, hi]}]
`);
    const ref = refOf(cluster, 'cronjobs', ns, 'nightly');
    const { job } = await t.api.kube.cronJobRun(ref);
    expect(job).toMatch(/^nightly-manual-/);
    expect(await jsonpath(`job/${job}`, ns, '.metadata.ownerReferences[0].kind')).toBe('CronJob');
    expect(await jsonpath(`job/${job}`, ns, '.metadata.annotations.cronjob\\.kubernetes\\.io/instantiate')).toBe(
      'manual',
    );
    expect(await jsonpath(`job/${job}`, ns, '.metadata.labels.job')).toBe('nightly');
    expect(await jsonpath(`job/${job}`, ns, '.spec.template.spec.containers[0].command')).toBe('["echo","hi"]');
    expect((await t.api.kube.cronJobRun({ ...ref, jobName: 'by-hand' })).job).toBe('by-hand');

    await t.api.kube.cronJobSuspend({ ...ref, suspend: true });
    expect(await jsonpath('cronjob/nightly', ns, '.spec.suspend')).toBe('true');
    await t.api.kube.cronJobSuspend({ ...ref, suspend: false });
    expect(await jsonpath('cronjob/nightly', ns, '.spec.suspend')).toBe('false');
  });

  it('lists what goes with a Deployment and deletes with Orphan, Foreground and Background propagation', async () => {
    await kubectlApply(
      deploymentYaml(ns, 'orphaned', 2) + '---\n' + deploymentYaml(ns, 'fg', 1) + '---\n' + deploymentYaml(ns, 'bg', 1),
    );
    const orphaned = refOf(cluster, 'deployments', ns, 'orphaned');
    const deps = await eventually(
      'ReplicaSet and 2 pods',
      async () => {
        const d = await t.api.kube.dependents(orphaned);
        return d.filter((x) => x.kind === 'Pod').length === 2 ? d : undefined;
      },
      WAIT,
    );
    expect(deps.filter((d) => d.depth === 1).map((d) => d.kind)).toEqual(['ReplicaSet']);
    expect(deps.filter((d) => d.depth === 2).every((d) => d.kind === 'Pod' && d.name.startsWith('orphaned-'))).toBe(
      true,
    );
    const rsName = deps[0]?.name ?? '';

    await t.api.kube.deleteObject({ ...orphaned, propagationPolicy: 'Orphan' });
    await eventually(
      'deployment gone',
      async () => !(await kubectl('get', 'deployments', '-n', ns, '-o', 'name')).includes('/orphaned'),
      WAIT,
    );
    // The ReplicaSet stays, without its owner.
    await eventually(
      'orphaned ReplicaSet',
      async () => (await jsonpath(`replicaset/${rsName}`, ns, '.metadata.ownerReferences')) === '',
      WAIT,
    );

    const fg = refOf(cluster, 'deployments', ns, 'fg');
    await eventually('fg ReplicaSet', async () => (await t.api.kube.dependents(fg)).length > 0, WAIT);
    await t.api.kube.deleteObject({ ...fg, propagationPolicy: 'Foreground' });
    await eventually(
      'fg and its ReplicaSets gone',
      async () => !(await kubectl('get', 'deployments,replicasets', '-n', ns, '-o', 'name')).includes('/fg'),
      WAIT,
    );
    const bg = refOf(cluster, 'deployments', ns, 'bg');
    await t.api.kube.deleteObject({ ...bg, propagationPolicy: 'Background' });
    await eventually(
      'bg and its ReplicaSets gone',
      async () => !(await kubectl('get', 'deployments,replicasets', '-n', ns, '-o', 'name')).includes('/bg'),
      WAIT,
    );
    expect(await kubectl('get', 'replicaset', '-n', ns, rsName, '-o', 'name')).toBe(`replicaset.apps/${rsName}`);
  });
});
