/**
 * A slow and half-broken link to the Kubernetes API server: Berth reaches the kwok control plane through a
 * fault proxy (test/helpers/faultProxy.ts; TLS passes through it untouched) named in a kubeconfig of this
 * test's own. Every chunk delayed, answers cut in the middle, connections reset, or accepted and never
 * answered: each call and list ends with cluster_unreachable naming the context and a hint (not a hang, not a
 * crash), and a live pods list resumes by itself once the link passes again. Tests named "fault: …" are
 * counted in the run's fault summary.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KubePod } from '../../contract/kube';
import type { ApiErrorShape } from '../../contract/errors';
import { startTestBackend, type TestBackend } from '../helpers/inProcessClient';
import { eventually } from '../helpers/docker';
import { apiError } from '../helpers/errors';
import { live, type Live } from '../helpers/collection';
import { deleteNamespaces, kubectl, testNamespace, useKubeCluster, type KubeCluster } from '../helpers/kubeCluster';
import { deploymentYaml, kubectlApply } from '../helpers/kubeObjects';
import { proxiedKubeconfig, type FaultProxy } from '../helpers/faultProxy';

const dir = mkdtempSync(join(tmpdir(), 'berth-slow-cluster-'));
const kubeconfig = join(dir, 'kubeconfig');
let cluster: KubeCluster;
let proxy: FaultProxy;
let t: TestBackend;
/** A namespace watched all along, and one with many pods whose list is asked for afresh under each fault. */
const watched = testNamespace();
const listed = testNamespace();
let pods: Live<KubePod>;
const WAIT = 90_000;

const target = () => ({ context: cluster.context, kubeconfig });

/** Opens the pods list of `listed` anew (nothing cached: no one else watches it) and waits for its first word. */
async function listPods(): Promise<{ items: number; error?: ApiErrorShape }> {
  const l = live<KubePod>(
    (h) => t.api.kube.pods.subscribe({ ...target(), namespace: listed }, h),
    (p) => p.name,
  );
  try {
    await eventually('the list or its error', () => l.events.length > 0 || l.ended !== undefined, WAIT);
    return { items: l.items.size, ...(l.ended ? { error: l.ended } : {}) };
  } finally {
    l.sub.unsubscribe();
  }
}

beforeAll(async () => {
  cluster = await useKubeCluster();
  proxy = await proxiedKubeconfig(cluster.kubeconfig, kubeconfig);
  await kubectl('create', 'namespace', watched);
  await kubectl('create', 'namespace', listed);
  // 25 pods make a list far longer than what the truncating proxy lets through.
  await kubectlApply(deploymentYaml(listed, 'many', 25));
  await eventually(
    '25 pods',
    async () => (await kubectl('get', 'pods', '-n', listed, '-o', 'name')).split('\n').length === 25,
    WAIT,
  );
  t = startTestBackend();
  pods = live<KubePod>(
    (h) => t.api.kube.pods.subscribe({ ...target(), namespace: watched }, h),
    (p) => p.name,
  );
  await eventually('the watched list', () => pods.events.length > 0, WAIT);
}, 40 * 60_000);

afterAll(async () => {
  pods?.sub.unsubscribe();
  t?.close();
  await proxy?.close();
  await deleteNamespaces(watched, listed);
  await cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** A pod made straight through kubectl appears in the list Berth watches through the proxy. */
async function watchFollows(name: string) {
  await kubectl('run', name, '-n', watched, '--image=berth-fixture/busybox:1', '--restart=Never');
  await eventually(`${name} in the watched list`, () => pods.items.has(name), WAIT);
}

describe('a slow and half-broken link to the API server', () => {
  it('fault: every chunk from and to the API server delayed — calls and lists answer, the watch follows', async () => {
    proxy.set({ mode: 'delay', ms: 150 });
    try {
      expect((await t.api.kube.status(target())).version).toMatch(/^v1\./);
      expect(await listPods()).toEqual({ items: 25 });
      await watchFollows('during-delay');
    } finally {
      proxy.set({ mode: 'pass' });
    }
  }, 240_000);

  it('fault: API server answers cut in the middle — the list ends with cluster_unreachable and a hint, then lists again', async () => {
    proxy.set({ mode: 'truncate', bytes: 6000 });
    const cut = await listPods();
    proxy.set({ mode: 'pass' });
    expect(proxy.counts.truncated).toBeGreaterThan(0);
    expect(cut.error?.code).toBe('cluster_unreachable');
    expect(cut.error?.message).toContain(`"${cluster.context}"`);
    expect(cut.error?.hint).toBeTruthy();
    expect(await listPods()).toEqual({ items: 25 });
    await watchFollows('after-truncate');
  }, 240_000);

  it('fault: API server connections reset — the call fails with cluster_unreachable and a hint, then works', async () => {
    proxy.set({ mode: 'reset' });
    const err = await apiError(t.api.kube.status(target()));
    const list = await listPods();
    proxy.set({ mode: 'pass' });
    expect(proxy.counts.reset).toBeGreaterThan(0);
    for (const e of [err, list.error]) {
      expect(e?.code).toBe('cluster_unreachable');
      expect(e?.hint).toBeTruthy();
    }
    expect((await t.api.kube.status(target())).version).toMatch(/^v1\./);
    await watchFollows('after-reset');
  }, 240_000);

  it('fault: the API server accepts connections and never answers — calls end within the deadline, the watch resumes by itself', async () => {
    proxy.set({ mode: 'stall' });
    try {
      const err = await apiError(t.api.kube.status(target()));
      expect(err.code).toBe('cluster_unreachable');
      expect(err.message).toMatch(/timed out/);
      expect(err.hint).toBeTruthy();
      const list = await listPods();
      expect(list.error?.code).toBe('cluster_unreachable');
      expect(proxy.counts.stalled).toBeGreaterThan(0);
      // Made while the link stalls: the watch cannot see it yet.
      await kubectl('run', 'during-stall', '-n', watched, '--image=berth-fixture/busybox:1', '--restart=Never');
      expect(pods.ended).toBeUndefined(); // the list stays open, showing what it had
    } finally {
      proxy.set({ mode: 'pass' });
    }
    await eventually('the pod made during the stall in the watched list', () => pods.items.has('during-stall'), WAIT);
    await watchFollows('after-stall');
  }, 300_000);
});
