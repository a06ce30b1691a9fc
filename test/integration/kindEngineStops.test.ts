/**
 * Docker stops while Berth creates a REAL kind cluster (node image from test/kind-node/build.sh), on a
 * private second engine so no other test loses its engine: the task fails saying what happened, and the
 * half-made cluster's node containers are removed once the engine is back, without the user doing anything.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startTestBackend, type TestBackend } from '../helpers/inProcessClient';
import { eventually } from '../helpers/docker';
import { KIND_BIN } from '../helpers/kubeCluster';
import { kindNodeImage } from '../helpers/kindNode';
import { secondEngine, type SecondEngine } from '../helpers/secondEngine';

const sh = promisify(execFile);
const name = `berth-stop-${Math.random().toString(36).slice(2, 7)}`;
const dir = mkdtempSync(join(tmpdir(), 'berth-kind-stop-'));
const saved = { BERTH_KIND: process.env.BERTH_KIND, BERTH_KUBECONFIG: process.env.BERTH_KUBECONFIG };
let engine: SecondEngine;
let t: TestBackend;
let image: string;

/** The docker CLI against the second engine. */
const docker2 = async (...args: string[]) =>
  (await sh('docker', ['--host', engine.url, ...args], { maxBuffer: 16 * 1024 * 1024 })).stdout.trim();
const nodeContainers = () => docker2('ps', '-aq', '--filter', `label=io.x-k8s.kind.cluster=${name}`);

beforeAll(async () => {
  image = await kindNodeImage();
  engine = secondEngine();
  await engine.start();
  // The node image, copied from the main engine (nothing can be pulled here).
  await sh('bash', ['-c', `docker save ${image} | docker --host ${engine.url} load -q`], { maxBuffer: 1 << 20 });
  process.env.BERTH_KIND = KIND_BIN;
  process.env.BERTH_KUBECONFIG = join(dir, 'kubeconfig');
  t = startTestBackend(engine.url);
}, 60 * 60_000);

afterAll(async () => {
  t?.close();
  await engine?.dispose();
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('Docker stops during kind create', () => {
  it('fails the task clearly and removes the half-made cluster when Docker is back', async () => {
    const { taskId } = await t.api.kube.kindCreate({ name, workers: 1, image });
    await eventually(
      'node containers created',
      async () => (await t.api.tasks.log({ id: taskId })).lines.some((l) => /Preparing nodes/.test(l)),
      120_000,
    );
    await eventually('node containers exist', async () => (await nodeContainers()).split('\n').length === 2, 60_000);
    await engine.stop();

    const task = await t.api.tasks.wait({ id: taskId });
    expect(task.state).toBe('failed');
    expect(task.error?.message).toContain(`kind could not create cluster "${name}"`);
    expect(task.error?.hint).toContain(
      `The half-made cluster "${name}" is removed as soon as Docker is reachable again.`,
    );

    await engine.start();
    expect((await nodeContainers()).length).toBeGreaterThan(0); // still there right after the restart
    await eventually('the half-made cluster removed', async () => (await nodeContainers()) === '', 120_000);
  });
});
