/**
 * Docker stopped in the middle of `kind create cluster`, for real: a private second dockerd (so no other test
 * is disturbed) holds the offline kind node image; Berth creates a control-plane + worker cluster on it, and
 * the engine is stopped while kubeadm runs inside the control-plane node. The task must fail saying what
 * happened and that the half-made cluster goes once Docker is back; when the engine is started again, Berth
 * removes every node container of that cluster by itself, and nothing else on that engine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startTestBackend, type TestBackend } from '../helpers/inProcessClient';
import { eventually, FIXTURE_BUSYBOX } from '../helpers/docker';
import { KIND_BIN } from '../helpers/kubeCluster';
import { kindNodeImage } from '../helpers/kindNode';
import { secondEngine, type SecondEngine } from '../helpers/secondEngine';
import type { Task } from '../../contract/tasks';

const exec = promisify(execFile);
const name = `berth-stop-${process.pid % 10000}-${Math.random().toString(36).slice(2, 6)}`;
const dir = mkdtempSync(join(tmpdir(), 'berth-kind-stop-'));
const kubeconfig = join(dir, 'kubeconfig');
const saved = { BERTH_KIND: process.env.BERTH_KIND, BERTH_KUBECONFIG: process.env.BERTH_KUBECONFIG };
let engine: SecondEngine;
let image: string;
let t: TestBackend;

/** The docker CLI against the private engine: the independent check. */
const onEngine = async (...args: string[]) =>
  (await exec('docker', ['-H', engine.url, ...args], { timeout: 120_000 })).stdout.trim();
const nodeContainers = async () =>
  (await onEngine('ps', '-aq', '--filter', `label=io.x-k8s.kind.cluster=${name}`)).split('\n').filter(Boolean);

beforeAll(async () => {
  image = await kindNodeImage();
  engine = secondEngine();
  await engine.start();
  await engine.loadImage(image);
  await engine.loadImage(FIXTURE_BUSYBOX);
  process.env.BERTH_KIND = KIND_BIN;
  process.env.BERTH_KUBECONFIG = kubeconfig;
  t = startTestBackend(engine.url);
}, 30 * 60_000);

afterAll(async () => {
  t?.close();
  await engine?.dispose();
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  rmSync(dir, { recursive: true, force: true });
}, 120_000);

describe('Docker stopped during kind create (real nodes, private engine)', () => {
  it(
    'fault: Docker stops during kind create — fails clearly, then the half-made cluster is removed once Docker is back, and only that',
    async () => {
      // Something of the user's on the same engine, which the clean-up must leave alone.
      await onEngine('run', '-d', '--network', 'none', '--name', `${name}-bystander`, FIXTURE_BUSYBOX, 'sleep', '3600');

      const updates = new Map<string, Task>();
      t.api.tasks.watch.subscribe(undefined, {
        onEvent: (e) => {
          if (e.type === 'update') updates.set(e.task.id, e.task);
        },
      });
      const { taskId } = await t.api.kube.kindCreate({ name, workers: 1, image });
      await eventually(
        'kubeadm to be running in the control-plane node',
        () => {
          const task = updates.get(taskId);
          if (task?.state === 'failed') throw new Error(`create failed before the fault: ${task.error?.message}`);
          return task?.steps.some((s) => s.id === 'starting-control-plane' && s.status === 'running') ?? false;
        },
        10 * 60_000,
      );
      expect((await nodeContainers()).length).toBe(2);

      await engine.stop();
      const failed = await t.api.tasks.wait({ id: taskId });
      expect(failed.state).toBe('failed');
      expect(failed.error?.code).toBe('engine_unreachable');
      expect(failed.error?.message).toMatch(new RegExp(`kind could not create cluster "${name}"`));
      expect(failed.error?.hint).toMatch(
        new RegExp(`The half-made cluster "${name}" is removed as soon as Docker is reachable again`),
      );
      expect(failed.steps.find((s) => s.id === 'starting-control-plane')?.status).toBe('failed');

      await engine.start();
      await eventually(
        'the half-made cluster to be removed',
        async () => (await nodeContainers()).length === 0,
        5 * 60_000,
      );
      // Depending on where the shutdown caught it, a node removal kind asked for may finish as the engine
      // stops (then the nodes are already gone when it is back); otherwise Berth's log says what it removed.
      const { lines } = await t.api.tasks.log({ id: taskId });
      if (lines.some((l) => /Removed the node container|Deleted nodes/.test(l))) {
        expect(lines.join('\n')).toMatch(new RegExp(`Removed the node container|Deleted nodes: .*${name}`));
      }
      expect(await onEngine('ps', '-aq', '--filter', `name=${name}-bystander`)).not.toBe('');
      await onEngine('rm', '-f', `${name}-bystander`);
      // kind never got to write the context; nothing of this cluster is in the kubeconfig either way.
      if (existsSync(kubeconfig)) expect(readFileSync(kubeconfig, 'utf8')).not.toContain(`kind-${name}`);
    },
    30 * 60_000,
  );
});
