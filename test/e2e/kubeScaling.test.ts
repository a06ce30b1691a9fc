/**
 * The Kubernetes view in Chromium against the local control plane: pick the context, see the 3 kwok
 * nodes on the cluster map, deploy an image, scale it to 5 and to 2 from the UI and watch the chips; a
 * node of its own with 160 pods, drawn on a canvas, whose drawn pods open like chips.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeNodeYaml } from '../helpers/kwokObjects';
import { kubectlApply, pinnedDeploymentYaml } from '../helpers/kubeObjects';
import { startWebApp, type WebApp } from '../helpers/browser';
import { eventually } from '../helpers/docker';
import { deleteNamespaces, kubectl, testNamespace, useKubeCluster, type KubeCluster } from '../helpers/kubeCluster';

let cluster: KubeCluster;
let app: WebApp;
const ns = testNamespace();
const bigNode = `${ns}-big`;
const previousKubeconfig = process.env.BERTH_KUBECONFIG;

beforeAll(async () => {
  cluster = await useKubeCluster();
  process.env.BERTH_KUBECONFIG = cluster.kubeconfig;
  await kubectl('create', 'namespace', ns);
  app = await startWebApp('#/kubernetes');
}, 40 * 60_000);

afterAll(async () => {
  await app?.close();
  if (previousKubeconfig === undefined) delete process.env.BERTH_KUBECONFIG;
  else process.env.BERTH_KUBECONFIG = previousKubeconfig;
  await deleteNamespaces(ns);
  await kubectl('delete', 'node', bigNode, '--ignore-not-found').catch(() => '');
  await cluster?.stop();
});

const liveChips = (phase?: string) =>
  app.page.locator(`[data-testid="pod-chip"]${phase ? `[data-phase="${phase}"]` : ''}:not([data-leaving])`);

describe('Kubernetes view in Chromium', () => {
  it('shows the berth-test context and its 3 nodes on the cluster map', async () => {
    const { page } = app;
    await page.getByTestId('kube-context').selectOption('berth-test');
    await page.locator('[data-testid="kube-status"][data-state="ok"]').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('kube-status').textContent()).toMatch(/Kubernetes v1\.\d+/);
    await page
      .locator(`[data-testid="kube-namespace"] option[value="${ns}"]`)
      .waitFor({ state: 'attached', timeout: 15_000 });
    await page.getByTestId('kube-namespace').selectOption(ns);
    await eventually('3 node boxes', async () => (await page.getByTestId('node-box').count()) === 3);
    const names = await page.getByTestId('node-box').evaluateAll((els) => els.map((e) => e.getAttribute('data-node')));
    expect(names).toEqual(['kwok-node-0', 'kwok-node-1', 'kwok-node-2']);
  });

  it('deploys an image and scales it to 5 and to 2 with the UI', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Deploy an image…' }).click();
    const dialog = page.getByTestId('deploy-dialog');
    await dialog.getByLabel('Image', { exact: true }).fill('berth-fixture/busybox:latest');
    await dialog.getByLabel('Name', { exact: true }).fill('web');
    await dialog.getByLabel('Namespace', { exact: true }).fill(ns);
    await dialog.getByLabel('Replicas', { exact: true }).fill('1');
    await dialog.getByRole('button', { name: 'Deploy' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const row = page.locator('[data-testid="deployment"][data-name="web"]');
    await row.waitFor({ timeout: 15_000 });
    await eventually('1 Running chip', async () => (await liveChips('Running').count()) === 1, 60_000);

    const input = row.getByLabel('Replicas for web');
    await input.fill('5');
    await row.getByRole('button', { name: 'Scale', exact: true }).click();
    await eventually('5 Running chips', async () => (await liveChips('Running').count()) === 5, 60_000);
    const nodesWithPods = await page
      .locator('[data-testid="node-box"]', { has: page.locator('[data-testid="pod-chip"][data-phase="Running"]') })
      .count();
    expect(nodesWithPods).toBeGreaterThan(1);
    expect(await kubectl('-n', ns, 'get', 'deployment', 'web', '-o', 'jsonpath={.spec.replicas}')).toBe('5');

    await input.fill('2');
    await input.press('Enter');
    await eventually(
      '2 chips',
      async () => (await liveChips().count()) === 2 && (await liveChips('Running').count()) === 2,
      60_000,
    );
    await eventually('faded chips gone', async () => (await page.getByTestId('pod-chip').count()) === 2);
    await row.getByTestId('deployment-ready').getByText('2/2 ready').waitFor({ timeout: 30_000 });
  });

  it('refuses invalid replica counts in the UI and leaves the deployment alone', async () => {
    const { page } = app;
    const row = page.locator('[data-testid="deployment"][data-name="web"]');
    const input = row.getByLabel('Replicas for web');
    for (const [value, message] of [
      ['abc', 'Replicas must be a number.'],
      ['-1', 'Replicas cannot be negative.'],
      ['2.5', 'Replicas must be a whole number.'],
    ] as const) {
      await input.fill(value);
      await input.press('Enter');
      await expect(row.getByTestId('scale-error').textContent()).resolves.toBe(message);
    }
    expect(await kubectl('-n', ns, 'get', 'deployment', 'web', '-o', 'jsonpath={.spec.replicas}')).toBe('2');
  });

  it('draws a node of 160 pods on a canvas; hovering names a drawn pod, a click opens it', async () => {
    const { page } = app;
    // kwok runs the pods of a fake node of this test's own, which takes 500.
    const pods = 160;
    await kubectlApply(
      `${fakeNodeYaml(bigNode, `berth-test=${ns}`)}---${pinnedDeploymentYaml(ns, 'many', bigNode, pods)}`,
    );
    const box = page.locator(`[data-testid="node-box"][data-node="${bigNode}"]`);
    const canvas = box.getByTestId('pod-canvas');
    await eventually(
      '160 Running pods drawn',
      async () => (await canvas.getAttribute('data-running')) === '160',
      120_000,
    );
    expect(await box.getByTestId('pod-chip').count()).toBe(0);
    await expect(canvas.getAttribute('aria-label')).resolves.toMatch(/^160 pods: 160 Running/);
    const legend = page.locator('[data-testid="legend-item"][data-phase="Running"]');
    expect(Number(await legend.getAttribute('data-count'))).toBeGreaterThanOrEqual(160);

    // The first pod by name is the first chip: hover names it, a click opens it.
    const first = (await kubectl('-n', ns, 'get', 'pods', '-l', 'app=many', '-o', 'name'))
      .split('\n')
      .map((p) => p.replace('pod/', ''))
      .sort()[0] as string;
    await canvas.scrollIntoViewIfNeeded();
    // A canvas is drawn once it is in view (PodCanvas): the first chip's middle is painted.
    await eventually(
      'the first chip drawn',
      async () =>
        (await canvas.evaluate((c: HTMLCanvasElement) => {
          const at = Math.round(9 * devicePixelRatio);
          return c.getContext('2d')?.getImageData(at, at, 1, 1).data[3] ?? 0;
        })) > 0,
      10_000,
    );
    await canvas.hover({ position: { x: 9, y: 9 } });
    await expect(canvas.getAttribute('title')).resolves.toBe(`${first}: Running on ${bigNode}`);
    await canvas.hover({ position: { x: 19, y: 9 } }); // the gap after it
    await expect(canvas.getAttribute('title')).resolves.toBe('');
    await canvas.click({ position: { x: 9, y: 9 } });
    await page.locator(`[data-testid="pod-detail"][data-pod="${ns}/${first}"]`).waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: '← Back' }).click();
    await kubectl('-n', ns, 'delete', 'deployment', 'many', '--wait=false');
    await eventually('the big node empty', async () => (await box.getByTestId('pod-canvas').count()) === 0, 120_000);
  });

  it('deletes the deployment after asking', async () => {
    const { page } = app;
    const row = page.locator('[data-testid="deployment"][data-name="web"]');
    await row.getByRole('button', { name: 'Delete web' }).click();
    await page.getByTestId('confirm').getByRole('button', { name: 'Delete' }).click();
    await row.waitFor({ state: 'detached', timeout: 15_000 });
    await eventually('no chips', async () => (await page.getByTestId('pod-chip').count()) === 0, 60_000);
  });
});
