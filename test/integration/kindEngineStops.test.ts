/**
 * Docker becomes unreachable while Berth creates a REAL kind cluster (node image from test/kind-node/build.sh):
 * Berth and kind reach the engine through a socket proxy the test cuts (the real engine keeps running for the
 * other tests): the task fails saying what happened, and the half-made cluster's node containers are removed
 * once the engine is reachable again, without the user doing anything.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestBackend, type TestBackend } from '../helpers/inProcessClient';
import { docker, eventually } from '../helpers/docker';
import { KIND_BIN } from '../helpers/kubeCluster';
import { kindNodeImage } from '../helpers/kindNode';
import { socketProxy, type SocketProxy } from '../helpers/socketProxy';

const name = `berth-stop-${Math.random().toString(36).slice(2, 7)}`;
const dir = mkdtempSync(join(tmpdir(), 'berth-kind-stop-'));
const saved = { BERTH_KIND: process.env.BERTH_KIND, BERTH_KUBECONFIG: process.env.BERTH_KUBECONFIG };
let proxy: SocketProxy;
let t: TestBackend;
let image: string;

const nodeContainers = () => docker('ps', '-aq', '--filter', `label=io.x-k8s.kind.cluster=${name}`);

beforeAll(async () => {
  image = await kindNodeImage();
  proxy = socketProxy();
  await proxy.start();
  process.env.BERTH_KIND = KIND_BIN;
  process.env.BERTH_KUBECONFIG = join(dir, 'kubeconfig');
  t = startTestBackend(proxy.url);
}, 60 * 60_000);

afterAll(async () => {
  t?.close();
  await proxy?.dispose();
  const ids = await nodeContainers().catch(() => '');
  if (ids) await docker('rm', '-f', '-v', ...ids.split('\n')).catch(() => '');
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('Docker becomes unreachable during kind create', () => {
  it('fails the task clearly and removes the half-made cluster when Docker is back', { timeout: 400_000 }, async () => {
    const { taskId } = await t.api.kube.kindCreate({ name, workers: 1, image });
    await eventually('node containers created', async () => (await nodeContainers()).split('\n').length === 2, 120_000);
    await proxy.stop();

    const task = await t.api.tasks.wait({ id: taskId });
    expect(task.state).toBe('failed');
    expect(task.error?.code).toBe('engine_unreachable');
    expect(task.error?.message).toContain(`kind could not create cluster "${name}"`);
    expect(task.error?.hint).toContain(
      `The half-made cluster "${name}" is removed as soon as Docker is reachable again.`,
    );
    expect((await nodeContainers()).length).toBeGreaterThan(0); // still there while the engine is unreachable

    await proxy.start();
    await eventually('the half-made cluster removed', async () => (await nodeContainers()) === '', 240_000);
    await new Promise((resolve) => setTimeout(resolve, 12_000));
    expect(await nodeContainers()).toBe(''); // and nothing shows up again
  });
});
