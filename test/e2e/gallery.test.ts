/**
 * The gallery: a screenshot of every view in the light and the dark theme, at 1400×900, into
 * test-results/gallery/ (test output, not committed; the README picks its images from it). Real things are
 * on screen: a few containers, the seed compose stack running, the test cluster's map while a deployment
 * scales up. Each picture is taken once what it shows is there, so a missing one fails the test.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWebApp, type WebApp } from '../helpers/browser';
import { docker, eventually, FIXTURE_BUSYBOX, FIXTURE_REDIS, removeContainers, uniqueName } from '../helpers/docker';
import { dockerCompose, fixture, project, purge, tagRedis } from '../helpers/compose';
import { deleteNamespaces, kubectl, testNamespace, useKubeCluster, type KubeCluster } from '../helpers/kubeCluster';

const OUT = join(import.meta.dirname, '..', '..', 'test-results', 'gallery');
const configDir = mkdtempSync(join(tmpdir(), 'berth-gallery-'));
const previous = { config: process.env.BERTH_CONFIG_DIR, kube: process.env.BERTH_KUBECONFIG };
const names = [uniqueName('gallery-web'), uniqueName('gallery-cache'), uniqueName('gallery-job')];
const stack = project('gallery');
const ns = testNamespace();
let cluster: KubeCluster;
let app: WebApp;
let taggedRedis = false;

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  writeFileSync(join(configDir, 'settings.json'), JSON.stringify({ firstRunDone: true }));
  process.env.BERTH_CONFIG_DIR = configDir;
  cluster = await useKubeCluster();
  process.env.BERTH_KUBECONFIG = cluster.kubeconfig;
  await kubectl('create', 'namespace', ns);
  const [web, cache, job] = names as [string, string, string];
  await docker('run', '-d', '--name', web, '-p', '127.0.0.1::80', FIXTURE_BUSYBOX, 'httpd', '-f', '-p', '80');
  await docker('run', '-d', '--name', cache, FIXTURE_REDIS);
  await docker('run', '--name', job, FIXTURE_BUSYBOX, 'sh', '-c', 'echo done');
  taggedRedis = await tagRedis();
  await dockerCompose('-f', fixture('seed'), '-p', stack, 'up', '-d', '--build');
  app = await startWebApp('#/dashboard');
}, 40 * 60_000);

afterAll(async () => {
  await app?.close();
  await removeContainers(...names);
  await purge(stack);
  if (taggedRedis) await docker('rmi', 'redis:latest').catch(() => '');
  await deleteNamespaces(ns);
  await cluster?.stop();
  for (const [key, value] of [
    ['BERTH_CONFIG_DIR', previous.config],
    ['BERTH_KUBECONFIG', previous.kube],
  ] as const) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  rmSync(configDir, { recursive: true, force: true });
});

/** The page in both themes, as `name`-light.png and `name`-dark.png. */
async function shoot(name: string): Promise<void> {
  const { page } = app;
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    // One frame for the theme to apply (charts redraw on the change).
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await page.screenshot({ path: join(OUT, `${name}-${theme}.png`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

const go = (hash: string) => app.page.evaluate((h) => (location.hash = h), hash);

describe('gallery', () => {
  it('dashboard, containers and a container’s logs and stats', async () => {
    const { page } = app;
    await page.locator('[data-testid="engine-status"][data-state="connected"]').waitFor({ timeout: 20_000 });
    await page.locator('.cards .big', { hasText: /Docker \d/ }).waitFor();
    await shoot('dashboard');
    await go('#/containers');
    await page.getByTestId('container-name').filter({ hasText: names[0] }).waitFor({ timeout: 15_000 });
    await shoot('containers');
    await page.getByRole('button', { name: `Open ${names[1]}` }).click();
    await page.getByTestId('log-line').first().waitFor({ timeout: 15_000 });
    await shoot('container-logs');
    await page.getByRole('tab', { name: 'Stats' }).click();
    await eventually(
      'a few stats samples',
      async () => ((await page.locator('.stats-chart-plot').first().getAttribute('data-x-labels')) ?? '').includes('|'),
      30_000,
    );
    await shoot('container-stats');
  });

  it('images, volumes, networks', async () => {
    const { page } = app;
    for (const [view, table] of [
      ['images', 'images-table'],
      ['volumes', 'volumes-table'],
      ['networks', 'networks-table'],
    ] as const) {
      await go(`#/${view}`);
      await page.locator(`[data-testid="${table}"] [role="row"][data-key]`).first().waitFor({ timeout: 15_000 });
      await shoot(view);
    }
  });

  it('compose with the seed stack running, and its file opened', async () => {
    const { page } = app;
    await go('#/compose');
    await page.getByLabel('Filter stacks', { exact: true }).fill(stack);
    await page
      .locator(`[data-testid="stack"][data-name="${stack}"][data-state="running"]`)
      .waitFor({ timeout: 30_000 });
    await page.getByTestId('compose-tool').waitFor({ timeout: 15_000 });
    await shoot('compose');
    await page.getByTestId('compose-path').fill(fixture('seed'));
    await page.getByTestId('compose-open').click();
    await page.locator('[data-testid="compose-validation"][data-state="ok"]').waitFor({ timeout: 30_000 });
    await shoot('compose-file');
  });

  it('the cluster map while a deployment scales, workloads and nodes', async () => {
    const { page } = app;
    await go('#/kubernetes');
    await page.getByTestId('kube-context').selectOption('berth-test');
    await page.locator('[data-testid="kube-status"][data-state="ok"]').waitFor({ timeout: 30_000 });
    await page.locator(`[data-testid="kube-namespace"] option[value="${ns}"]`).waitFor({ state: 'attached' });
    await page.getByTestId('kube-namespace').selectOption(ns);
    await kubectl('-n', ns, 'create', 'deployment', 'web', `--image=${FIXTURE_BUSYBOX}`, '--replicas=3');
    await page.locator('[data-testid="deployment"][data-name="web"]').waitFor({ timeout: 15_000 });
    await eventually('3 running', async () => (await page.locator('[data-phase="Running"]').count()) >= 3, 60_000);
    // Scale up and take the picture while the new pods are still coming.
    await kubectl('-n', ns, 'scale', 'deployment', 'web', '--replicas=24');
    await eventually('pods on their way', async () => (await page.getByTestId('pod-chip').count()) >= 12, 30_000);
    // Past the chips' entry animation (0.35 s), so they are drawn whole.
    await page.waitForTimeout(400);
    await shoot('kubernetes-map');
    await eventually(
      'all 24 running',
      async () => (await page.locator('[data-testid="pod-chip"][data-phase="Running"]').count()) === 24,
      120_000,
    );
    await page.getByRole('tab', { name: 'Workloads' }).click();
    await page.locator('[data-testid="kube-pods"] [role="row"][data-key]').first().waitFor({ timeout: 15_000 });
    await shoot('kubernetes-workloads');
    await page.getByRole('tab', { name: 'Nodes' }).click();
    await page.locator('[data-testid="nodes-table"] [role="row"][data-key]').first().waitFor({ timeout: 15_000 });
    await shoot('kubernetes-nodes');
    await page.getByRole('tab', { name: 'Clusters' }).click();
    await page.getByTestId('kind-missing').or(page.getByTestId('kind-clusters')).first().waitFor({ timeout: 15_000 });
    await shoot('kubernetes-clusters');
  });

  it('settings and the first-run checklist', async () => {
    const { page } = app;
    await go('#/settings');
    await page.locator('[data-testid="env-checklist"] [data-testid="env-kubeconfig"]').waitFor({ timeout: 20_000 });
    await shoot('settings');
    await page.getByTestId('open-first-run').click();
    await page.getByTestId('first-run').getByTestId('env-engine').waitFor();
    await shoot('first-run');
    await page.getByTestId('first-run').getByRole('button', { name: 'Done' }).click();
  });
});
