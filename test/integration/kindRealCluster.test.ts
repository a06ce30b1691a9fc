/**
 * kind through Berth on REAL kind nodes (the node image built offline by test/kind-node/build.sh): create a
 * control-plane + worker cluster with kind's steps as progress, its context in the kubeconfig Berth reads
 * and both nodes Ready in the live node list; load a local image; a stopped node container goes NotReady
 * and comes back; delete leaves no node container, no context and (when it was the last) no kind network.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestBackend, type TestBackend } from '../helpers/inProcessClient';
import { docker, eventually, FIXTURE_BUSYBOX } from '../helpers/docker';
import { KIND_BIN } from '../helpers/kubeCluster';
import { kindNodeImage } from '../helpers/kindNode';
import { live } from '../helpers/collection';
import { apiError } from '../helpers/errors';
import type { KubeNode } from '../../contract/kube';

const name = `berth-real-${process.pid % 10000}-${Math.random().toString(36).slice(2, 6)}`;
const dir = mkdtempSync(join(tmpdir(), 'berth-kind-'));
const kubeconfig = join(dir, 'kubeconfig');
const saved = { BERTH_KIND: process.env.BERTH_KIND, BERTH_KUBECONFIG: process.env.BERTH_KUBECONFIG };
let image: string;
let t: TestBackend;

beforeAll(async () => {
  image = await kindNodeImage();
  process.env.BERTH_KIND = KIND_BIN;
  process.env.BERTH_KUBECONFIG = kubeconfig;
  t = startTestBackend();
}, 60 * 60_000);

afterAll(async () => {
  t?.close();
  await docker('ps', '-aq', '--filter', `label=io.x-k8s.kind.cluster=${name}`).then((ids) =>
    ids ? docker('rm', '-f', '-v', ...ids.split('\n')) : '',
  );
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  rmSync(dir, { recursive: true, force: true });
});

const target = () => ({ context: `kind-${name}`, kubeconfig });

describe('a real kind cluster through Berth', () => {
  it("creates control-plane + worker with kind's steps, writes the context, and both nodes come up Ready", async () => {
    expect(await t.api.kube.kindNodeImages()).toContain(image);
    const { taskId } = await t.api.kube.kindCreate({ name, workers: 1, image });
    const task = await t.api.tasks.wait({ id: taskId });
    expect(task.error).toBeUndefined();
    expect(task.state).toBe('succeeded');
    expect(task.steps.map((s) => s.id)).toEqual([
      'ensuring-node-image',
      'preparing-nodes',
      'writing-configuration',
      'starting-control-plane',
      'installing-cni',
      'installing-storageclass',
      'joining-worker-nodes',
      'waiting-for-control-plane-ready',
    ]);
    expect(task.steps.every((s) => s.status === 'done')).toBe(true);
    expect(task.fraction).toBe(1);

    expect(readFileSync(kubeconfig, 'utf8')).toContain(`name: kind-${name}`);
    const contexts = await t.api.kube.contexts({ kubeconfig });
    expect(contexts.find((c) => c.name === `kind-${name}`)).toMatchObject({ kind: true, kindCluster: name });
    expect((await t.api.kube.status(target())).version).toBe('v1.34.12');

    const nodes = live<KubeNode>(
      (h) => t.api.kube.nodes.subscribe(target(), h),
      (n) => n.name,
    );
    await eventually(
      'two Ready nodes',
      () => nodes.items.size === 2 && [...nodes.items.values()].every((n) => n.status === 'Ready'),
      120_000,
    );
    expect([...nodes.items.values()].map((n) => [n.name, n.roles, n.container]).sort()).toEqual([
      [`${name}-control-plane`, ['control-plane'], `${name}-control-plane`],
      [`${name}-worker`, [], `${name}-worker`],
    ]);
    nodes.sub.unsubscribe();
  });

  it('loads a local image into the nodes, and says not_found for a cluster that is gone', async () => {
    const { taskId } = await t.api.kube.kindLoad({ cluster: name, image: FIXTURE_BUSYBOX });
    const task = await t.api.tasks.wait({ id: taskId });
    expect(task.state).toBe('succeeded');
    const images = await docker('exec', `${name}-worker`, 'crictl', 'images', '-o', 'json');
    expect(images).toContain('docker.io/berth-fixture/busybox:latest');

    const gone = await t.api.kube.kindLoad({ cluster: `${name}-gone`, image: FIXTURE_BUSYBOX });
    const failed = await t.api.tasks.wait({ id: gone.taskId });
    expect(failed.state).toBe('failed');
    expect(failed.error?.code).toBe('not_found');
    expect(failed.error?.message).toContain(`no kind cluster "${name}-gone"`);
  });

  it('fault: a kind node container stopped under the cluster shows NotReady, and Ready again once started', async () => {
    const nodes = live<KubeNode>(
      (h) => t.api.kube.nodes.subscribe(target(), h),
      (n) => n.name,
    );
    await eventually('nodes listed', () => nodes.items.size === 2);
    await docker('stop', '-t', '2', `${name}-worker`);
    await eventually(
      'the worker NotReady or Unknown',
      () => nodes.items.get(`${name}-worker`)?.status !== 'Ready',
      150_000,
    );
    expect(nodes.items.get(`${name}-control-plane`)?.status).toBe('Ready');
    await docker('start', `${name}-worker`);
    await eventually('the worker Ready again', () => nodes.items.get(`${name}-worker`)?.status === 'Ready', 150_000);
    expect(nodes.ended).toBeUndefined();
    nodes.sub.unsubscribe();
  });

  it('refuses a second cluster with the same name', async () => {
    const err = await apiError(t.api.kube.kindCreate({ name, image }));
    expect(err.code).toBe('conflict');
    expect(err.message).toContain(`"${name}" already exists`);
  });

  it('deletes it: no node container, no context; the kind network goes with the last cluster', async () => {
    const { taskId } = await t.api.kube.kindDelete({ name });
    const task = await t.api.tasks.wait({ id: taskId });
    expect(task.state).toBe('succeeded');
    expect(await docker('ps', '-aq', '--filter', `label=io.x-k8s.kind.cluster=${name}`)).toBe('');
    expect(readFileSync(kubeconfig, 'utf8')).not.toContain(`kind-${name}`);
    expect((await t.api.kube.kindClusters()).map((c) => c.name)).not.toContain(name);
    const others = await t.api.kube.kindClusters();
    const network = await docker('network', 'ls', '-q', '--filter', 'name=^kind$');
    if (others.length === 0) expect(network).toBe('');
    else expect(network).not.toBe('');
  });
});
