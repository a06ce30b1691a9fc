/**
 * The UI while its peers are half-broken, in Chromium over the web bridge: a private engine (its own dockerd)
 * and the Kubernetes API server each behind a fault proxy (test/helpers/faultProxy.ts) that stalls (accepts, never answers) or cuts
 * answers mid-body. While they do, the page keeps responding (moving between views and tabs takes effect),
 * the status bar says the engine is unreachable, and once the links pass again the views catch up by
 * themselves. The longest main-thread task seen meanwhile (PerformanceObserver 'longtask') is printed as
 * "longest main-thread task under faults: N ms"; it is a figure for the report, not an assertion.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWebApp, type WebApp } from '../helpers/browser';
import { docker, eventually, FIXTURE_BUSYBOX, uniqueName } from '../helpers/docker';
import { secondEngine, type SecondEngine } from '../helpers/secondEngine';
import { deleteNamespaces, kubectl, testNamespace, useKubeCluster, type KubeCluster } from '../helpers/kubeCluster';
import { proxiedKubeconfig, startFaultProxy, type FaultProxy } from '../helpers/faultProxy';

const dir = mkdtempSync(join(tmpdir(), 'berth-slow-peers-'));
const previousKubeconfig = process.env.BERTH_KUBECONFIG;
const ns = testNamespace();
const WAIT = 90_000;
let cluster: KubeCluster;
let dockerd: SecondEngine;
let engine: FaultProxy;
let apiserver: FaultProxy;
let app: WebApp;

beforeAll(async () => {
  cluster = await useKubeCluster();
  const kubeconfig = join(dir, 'kubeconfig');
  apiserver = await proxiedKubeconfig(cluster.kubeconfig, kubeconfig);
  process.env.BERTH_KUBECONFIG = kubeconfig;
  await kubectl('create', 'namespace', ns);
  dockerd = secondEngine();
  await dockerd.start();
  await dockerd.loadImage(FIXTURE_BUSYBOX);
  engine = await startFaultProxy({ socketPath: dockerd.socket }, join(dir, 'engine.sock'));
  app = await startWebApp('#/containers', { engineOverride: engine.address });
  await app.page.locator('[data-testid="engine-status"][data-state="connected"]').waitFor({ timeout: WAIT });
  // From here on, every main-thread task over 50 ms is noted.
  await app.page.evaluate(() => {
    const w = window as unknown as { longestTask: number };
    w.longestTask = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.longestTask = Math.max(w.longestTask, e.duration);
    }).observe({ type: 'longtask' });
  });
}, 40 * 60_000);

afterAll(async () => {
  if (app) {
    const longest = await app.page
      .evaluate(() => (window as unknown as { longestTask?: number }).longestTask)
      .catch(() => undefined);
    console.log(
      `longest main-thread task under faults: ${longest === undefined ? 'not measured' : `${Math.round(longest)} ms`}`,
    );
    await app.close();
  }
  await engine?.close();
  await apiserver?.close();
  if (previousKubeconfig === undefined) delete process.env.BERTH_KUBECONFIG;
  else process.env.BERTH_KUBECONFIG = previousKubeconfig;
  await dockerd?.dispose();
  await deleteNamespaces(ns);
  await cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Goes to a view from the sidebar and waits until the page shows it: the page responds. */
async function go(view: string) {
  await app.page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: view }).click();
  await app.page.locator('.nav-item[aria-current="page"]', { hasText: view }).waitFor({ timeout: 15_000 });
}

/**
 * Moves between views (each opens lists the stalled peer never answers) until `moves` moves were made and
 * `ms` have passed; every move must take effect.
 */
async function browse(views: string[], moves: number, ms: number) {
  const end = Date.now() + ms;
  for (let i = 0; i < moves || Date.now() < end; i++) {
    await go(views[i % views.length]!);
    await app.page.waitForTimeout(500);
  }
}

const containerRow = (name: string) =>
  app.page.locator('[role="row"]', { has: app.page.getByText(name, { exact: true }) });

describe('the UI while the engine and the API server are half-broken', () => {
  it('fault: the engine stalls, then cuts its answers — the page keeps responding, the status bar says unreachable, and the views catch up once it answers', async () => {
    engine.set({ mode: 'stall' });
    const name = uniqueName('faults-ui');
    try {
      await docker('-H', dockerd.url, 'create', '--network', 'none', '--name', name, FIXTURE_BUSYBOX); // unseen while stalled
      const statusbar = app.page.locator('[data-testid="engine-status"][data-state="unreachable"]');
      const seen = (async () => {
        await statusbar.waitFor({ timeout: WAIT });
        return true;
      })();
      await browse(['Images', 'Volumes', 'Networks', 'Containers', 'Dashboard'], 10, 30_000);
      expect(await seen).toBe(true);
      expect(engine.counts.stalled).toBeGreaterThan(0);

      engine.set({ mode: 'truncate', bytes: 600 });
      await browse(['Containers', 'Images', 'Disk usage', 'Volumes'], 8, 15_000);
    } finally {
      engine.set({ mode: 'pass' });
    }
    await eventually(
      'the status bar to say connected again',
      async () => (await app.page.getByTestId('engine-status').getAttribute('data-state')) === 'connected',
      WAIT,
    ).catch(async (e: unknown) => {
      throw new Error(
        `${String(e)}; the status bar says: ${await app.page.getByTestId('engine-status').textContent()}; Berth's engine state: ${JSON.stringify(app.backend.services.engine.current)}`,
      );
    });
    await go('Containers');
    await containerRow(name).waitFor({ timeout: WAIT });
  }, 600_000);

  it('fault: the API server stalls — the Kubernetes view keeps responding, and its map catches up once it answers', async () => {
    const { page } = app;
    await go('Kubernetes');
    await page.getByTestId('kube-context').selectOption('berth-test');
    await page.locator('[data-testid="kube-status"][data-state="ok"]').waitFor({ timeout: WAIT });
    await page
      .locator(`[data-testid="kube-namespace"] option[value="${ns}"]`)
      .waitFor({ state: 'attached', timeout: WAIT });
    await page.getByTestId('kube-namespace').selectOption(ns);
    await page.getByRole('tab', { name: 'Cluster map' }).click();
    await page.getByTestId('node-box').first().waitFor({ timeout: WAIT });

    const chip = `[data-testid="pod-chip"][data-pod="${ns}/during-stall"]`;
    apiserver.set({ mode: 'stall' });
    try {
      await kubectl('run', 'during-stall', '-n', ns, '--image=berth-fixture/busybox:1', '--restart=Never');
      const end = Date.now() + 30_000;
      for (let i = 0; i < 8 || Date.now() < end; i++) {
        const tab = ['Workloads', 'Nodes', 'Resources', 'Cluster map'][i % 4]!;
        await page.getByRole('tab', { name: tab }).click();
        await page.locator('[role="tab"][aria-selected="true"]', { hasText: tab }).waitFor({ timeout: 15_000 });
        await page.waitForTimeout(500);
      }
      expect(apiserver.counts.stalled).toBeGreaterThan(0);
      expect(await page.locator(chip).count()).toBe(0); // the stalled watch has not told of it
    } finally {
      apiserver.set({ mode: 'pass' });
    }
    await page.getByRole('tab', { name: 'Cluster map' }).click();
    await eventually(
      'the pod made during the stall on the map',
      async () => (await page.locator(chip).count()) === 1,
      WAIT,
    );
  }, 600_000);
});
