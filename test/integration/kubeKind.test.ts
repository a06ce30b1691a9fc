/**
 * kind through the app with the real kind binary: a missing kind, listing and deleting clusters (node
 * containers carrying kind's labels), the error a user sees when creation fails, and cancelling it.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { startTestBackend, type TestBackend } from '../helpers/inProcessClient';
import { docker, eventually, FIXTURE_BUSYBOX } from '../helpers/docker';
import { KIND_BIN } from '../helpers/kubeCluster';
import { apiError } from '../helpers/errors';

const t: TestBackend = startTestBackend();
const env = { PATH: process.env.PATH, BERTH_KIND: process.env.BERTH_KIND };
const clusters: string[] = [];
const name = (what: string) => {
  const n = `berth-${what}-${Math.random().toString(36).slice(2, 7)}`;
  clusters.push(n);
  return n;
};
const hasKind = existsSync(KIND_BIN);

/** Starts a container carrying kind's labels, as the control-plane node of `cluster`. */
async function fakeControlPlane(cluster: string): Promise<void> {
  await docker(
    'run',
    '-d',
    '--name',
    `${cluster}-control-plane`,
    '--label',
    `io.x-k8s.kind.cluster=${cluster}`,
    '--label',
    'io.x-k8s.kind.role=control-plane',
    FIXTURE_BUSYBOX,
    'sleep',
    '600',
  );
}

afterEach(() => {
  process.env.PATH = env.PATH;
  if (env.BERTH_KIND === undefined) delete process.env.BERTH_KIND;
  else process.env.BERTH_KIND = env.BERTH_KIND;
});
afterAll(async () => {
  t.close();
  for (const c of clusters) {
    const ids = await docker('ps', '-aq', '--filter', `label=io.x-k8s.kind.cluster=${c}`).catch(() => '');
    if (ids) await docker('rm', '-f', ...ids.split('\n')).catch(() => '');
  }
});

describe('kind without kind installed', () => {
  it('says tool_missing and how to install it', async () => {
    delete process.env.BERTH_KIND;
    process.env.PATH = '/usr/bin:/bin';
    for (const call of [
      t.api.kube.kindClusters(),
      t.api.kube.kindCreate({ name: 'x' }),
      t.api.kube.kindDelete({ name: 'x' }),
    ]) {
      const err = await apiError(call);
      expect(err.code).toBe('tool_missing');
      expect(err.message).toMatch(/kind is not installed/);
      expect(err.hint).toContain('go install sigs.k8s.io/kind@latest');
      expect(err.hint).toContain('brew install kind');
      expect(err.hint).toContain('choco install kind');
    }
  });
});

describe.skipIf(!hasKind)('kind with the real CLI', () => {
  it('lists a cluster made of labelled node containers and deletes it with kind', async () => {
    process.env.BERTH_KIND = KIND_BIN;
    const cluster = name('fake');
    await fakeControlPlane(cluster);
    const list = await t.api.kube.kindClusters();
    const found = list.find((c) => c.name === cluster);
    expect(found).toMatchObject({ name: cluster, context: `kind-${cluster}` });
    expect(found?.nodes).toEqual([
      expect.objectContaining({ name: `${cluster}-control-plane`, role: 'control-plane', state: 'running' }),
    ]);

    const { taskId } = await t.api.kube.kindDelete({ name: cluster });
    const task = await t.api.tasks.wait({ id: taskId });
    expect(task.state).toBe('succeeded');
    expect(await docker('ps', '-aq', '--filter', `label=io.x-k8s.kind.cluster=${cluster}`)).toBe('');
    expect((await t.api.kube.kindClusters()).map((c) => c.name)).not.toContain(cluster);
  });

  it('refuses to create a cluster whose name is taken', async () => {
    process.env.BERTH_KIND = KIND_BIN;
    const cluster = name('taken');
    await fakeControlPlane(cluster);
    const err = await apiError(t.api.kube.kindCreate({ name: cluster }));
    expect(err.code).toBe('conflict');
  });

  it("shows which step failed, kind's reason and what to do when the node image cannot be pulled", async () => {
    process.env.BERTH_KIND = KIND_BIN;
    const cluster = name('nopull');
    const { taskId } = await t.api.kube.kindCreate({
      name: cluster,
      workers: 1,
      image: '127.0.0.1:1/berth/no-such-node:v0',
    });
    const task = await t.api.tasks.wait({ id: taskId });
    expect(task.state).toBe('failed');
    expect(task.error?.code).toBe('failed');
    expect(task.error?.message).toContain(`kind could not create cluster "${cluster}" at "Ensuring node image`);
    expect(task.error?.hint).toMatch(/node image/);
    expect(task.steps).toEqual([
      expect.objectContaining({
        id: 'ensuring-node-image',
        status: 'failed',
        label: 'Ensuring node image (127.0.0.1:1/berth/no-such-node:v0)',
      }),
    ]);
    const log = (await t.api.tasks.log({ id: taskId })).lines;
    expect(log).toContain('apiVersion: kind.x-k8s.io/v1alpha4');
    expect(log.some((l) => l.startsWith('ERROR: failed to create cluster'))).toBe(true);
    expect(await docker('ps', '-aq', '--filter', `label=io.x-k8s.kind.cluster=${cluster}`)).toBe('');
  });

  it('cancels a creation: kind is stopped and the partial cluster deleted', async () => {
    process.env.BERTH_KIND = KIND_BIN;
    const cluster = name('cancel');
    const { taskId } = await t.api.kube.kindCreate({ name: cluster, image: '127.0.0.1:1/berth/no-such-node:v0' });
    await eventually(
      'kind started',
      async () => (await t.api.tasks.log({ id: taskId })).lines.some((l) => l.includes('Creating cluster')),
      15_000,
    );
    await t.api.tasks.cancel({ id: taskId });
    const task = await t.api.tasks.wait({ id: taskId });
    expect(task.state).toBe('cancelled');
    const log = (await t.api.tasks.log({ id: taskId })).lines;
    expect(log).toContain(`Deleting cluster "${cluster}" ...`);
    expect(await docker('ps', '-aq', '--filter', `label=io.x-k8s.kind.cluster=${cluster}`)).toBe('');
  });

  it('says not_found when loading an image that is not local', async () => {
    process.env.BERTH_KIND = KIND_BIN;
    const cluster = name('load');
    await fakeControlPlane(cluster);
    const { taskId } = await t.api.kube.kindLoad({ cluster, image: 'berth-test/not-here:v0' });
    const task = await t.api.tasks.wait({ id: taskId });
    expect(task.state).toBe('failed');
    expect(task.error?.code).toBe('not_found');
    expect(task.error?.message).toContain('berth-test/not-here:v0');
  });
});
