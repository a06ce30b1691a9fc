/**
 * The seed's whole journey in Chromium, on REAL kind nodes (the node image from test/kind-node/build.sh):
 * build the seed's `web` image in the Images view; create a control-plane + worker kind cluster from the
 * dialog; load `web` and redis into it from the Images view; deploy both and expose both; scale `web`
 * 1 → 4 → 2 and see pods land on both nodes on the map; open `web` through a port-forward and fetch its
 * page; in a `web` pod's shell reach redis by its Service name; read `web`'s logs; delete the cluster.
 * The README's Kubernetes screenshot is taken here (readmeScreenshot: assets/ only with BERTH_UPDATE_SCREENSHOTS=1).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { httpGet } from '../helpers/net';
import { readmeScreenshot, startWebApp, type WebApp } from '../helpers/browser';
import { docker, eventually, FIXTURE_REDIS, removeImages } from '../helpers/docker';
import { KIND_BIN } from '../helpers/kubeCluster';
import { kindNodeImage } from '../helpers/kindNode';

const SEED = join(import.meta.dirname, '..', 'fixtures', 'compose', 'seed');
const cluster = `berth-journey-${Math.random().toString(36).slice(2, 6)}`;
const WEB = `berth-journey-web-${cluster.slice(-4)}:latest`;
const NS = 'default';
const dir = mkdtempSync(join(tmpdir(), 'berth-journey-'));
const saved = { BERTH_KIND: process.env.BERTH_KIND, BERTH_KUBECONFIG: process.env.BERTH_KUBECONFIG };
let image: string;
let app: WebApp;

beforeAll(async () => {
  image = await kindNodeImage();
  process.env.BERTH_KIND = KIND_BIN;
  process.env.BERTH_KUBECONFIG = join(dir, 'kubeconfig');
  app = await startWebApp('#/images');
}, 60 * 60_000);

afterAll(async () => {
  await app?.close();
  const ids = await docker('ps', '-aq', '--filter', `label=io.x-k8s.kind.cluster=${cluster}`).catch(() => '');
  if (ids) await docker('rm', '-f', '-v', ...ids.split('\n')).catch(() => '');
  await removeImages(WEB);
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  rmSync(dir, { recursive: true, force: true });
}, 5 * 60_000);

const chips = (phase?: string) =>
  app.page.locator(`[data-testid="pod-chip"]${phase ? `[data-phase="${phase}"]` : ''}:not([data-leaving])`);

/** Loads a local image into the journey's cluster from the Images view's row action. */
async function loadIntoKind(ref: string) {
  const { page } = app;
  await page.goto(page.url().replace(/#.*$/, '#/images'));
  await page.getByLabel('Filter images').fill(ref.split(':')[0] ?? ref);
  await page.getByRole('button', { name: `Load ${ref} into a kind cluster` }).click();
  const dialog = page.getByTestId('kind-load-dialog');
  await dialog.getByLabel('Cluster').selectOption(cluster);
  await dialog.getByRole('button', { name: 'Load', exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
  await eventually(
    `${ref} in the worker's containerd`,
    async () => (await docker('exec', `${cluster}-worker`, 'crictl', 'images')).includes(ref.split(':')[0] ?? ref),
    180_000,
  );
}

describe("the seed's journey on a real kind cluster", () => {
  it("builds the seed's web image from its Dockerfile in the Images view", async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Build', exact: true }).click();
    const dialog = page.getByTestId('build-dialog');
    await dialog.getByLabel('Folder').fill(SEED);
    await dialog.getByLabel('Tags').fill(WEB);
    await dialog.getByRole('button', { name: 'Build', exact: true }).click();
    await dialog.locator('[data-testid="build-run"][data-state="succeeded"]').waitFor({ timeout: 120_000 });
    expect(await docker('image', 'inspect', '-f', '{{json .Config.Cmd}}', WEB)).toContain('httpd');
  });

  it('creates a control-plane + worker cluster from the dialog; its map opens with both nodes', async () => {
    const { page } = app;
    await page.goto(page.url().replace(/#.*$/, '#/kubernetes'));
    await page.getByRole('tab', { name: 'Clusters' }).click();
    await page.getByRole('button', { name: 'Create a kind cluster…' }).click();
    const dialog = page.getByTestId('kind-create-dialog');
    await dialog.getByLabel('Name').fill(cluster);
    await dialog.getByLabel('Workers').fill('1');
    await dialog.getByLabel('Node image').fill(image);
    await dialog.getByTestId('kind-config-preview').getByText('role: worker').waitFor();
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });

    // kind's steps show in the task center while it works.
    await page.getByText(`Create kind cluster ${cluster}`).first().waitFor();
    // When it is ready, its context is selected and its cluster map shows both nodes.
    await page.getByRole('tab', { name: 'Cluster map', selected: true }).waitFor({ timeout: 240_000 });
    expect(await page.getByTestId('kube-context').inputValue()).toBe(`kind-${cluster}`);
    await eventually('2 node boxes', async () => (await page.getByTestId('node-box').count()) === 2, 60_000);
    const nodes = await page.getByTestId('node-box').evaluateAll((els) => els.map((e) => e.getAttribute('data-node')));
    expect(nodes.sort()).toEqual([`${cluster}-control-plane`, `${cluster}-worker`]);
  });

  it('loads web and redis into the cluster from the Images view', async () => {
    await loadIntoKind(WEB);
    await loadIntoKind(FIXTURE_REDIS);
  });

  it('deploys web with a Service and redis, then exposes redis', async () => {
    const { page } = app;
    await page.goto(page.url().replace(/#.*$/, '#/kubernetes'));
    await page.getByRole('tab', { name: 'Cluster map' }).click();
    await page.getByTestId('kube-namespace').selectOption(NS);
    for (const [img, name, ports, service] of [
      [WEB, 'web', '8080', 'ClusterIP'],
      [FIXTURE_REDIS, 'redis', '6379', 'none'],
    ] as const) {
      await page.getByRole('button', { name: 'Deploy an image…' }).click();
      const dialog = page.getByTestId('deploy-dialog');
      await dialog.getByLabel('Image', { exact: true }).fill(img);
      await dialog.getByLabel('Name', { exact: true }).fill(name);
      await dialog.getByLabel('Namespace', { exact: true }).fill(NS);
      await dialog.getByLabel('Replicas', { exact: true }).fill('1');
      await dialog.getByLabel('Ports', { exact: true }).fill(ports);
      await dialog.getByLabel('Service', { exact: true }).selectOption(service);
      await dialog.getByRole('button', { name: 'Deploy' }).click();
      await dialog.waitFor({ state: 'hidden', timeout: 120_000 });
      await page.locator(`[data-testid="deployment"][data-name="${name}"]`).waitFor({ timeout: 30_000 });
    }
    const redis = page.locator('[data-testid="deployment"][data-name="redis"]');
    await redis.getByRole('button', { name: 'Expose redis' }).click();
    const expose = page.getByTestId('expose-dialog');
    await expose.getByLabel('Port', { exact: true }).fill('6379');
    await expose.getByRole('button', { name: 'Create Service' }).click();
    await expose.waitFor({ state: 'hidden' });
    await eventually('2 Running chips', async () => (await chips('Running').count()) === 2, 180_000);
  });

  it('scales web 1 → 4 → 2 and sees its pods land on both nodes', async () => {
    const { page } = app;
    const row = page.locator('[data-testid="deployment"][data-name="web"]');
    const replicas = row.getByLabel('Replicas for web');
    await replicas.fill('4');
    await row.getByRole('button', { name: 'Scale', exact: true }).click();
    await row.getByTestId('deployment-ready').getByText('4/4 ready').waitFor({ timeout: 180_000 });
    const boxesWithWeb = page.locator('[data-testid="node-box"]', {
      has: page.locator('[data-testid="pod-chip"][data-phase="Running"][data-pod^="default/web-"]'),
    });
    await eventually('web pods on both nodes', async () => (await boxesWithWeb.count()) === 2, 30_000);
    await readmeScreenshot(page, 'kubernetes.png');

    await replicas.fill('2');
    await replicas.press('Enter');
    await row.getByTestId('deployment-ready').getByText('2/2 ready').waitFor({ timeout: 120_000 });
    await eventually(
      '2 web chips',
      async () =>
        (await page.locator('[data-testid="pod-chip"][data-pod^="default/web-"]:not([data-leaving])').count()) === 2,
      120_000,
    );
  });

  it("opens web through a port-forward and fetches its page; reaches redis by name from web's shell", async () => {
    const { page } = app;
    const chip = page.locator('[data-testid="pod-chip"][data-phase="Running"][data-pod^="default/web-"]').first();
    await chip.click({ button: 'right' });
    await page.getByTestId('pod-menu').getByRole('menuitem', { name: 'Open' }).click();
    await page.getByRole('tab', { name: 'Port forward' }).click();
    const form = page.getByTestId('forward-form');
    await form.getByLabel('Remote port').fill('8080');
    await form.getByRole('button', { name: 'Forward' }).click();
    const link = form.getByTestId('forward-link');
    await link.waitFor({ timeout: 30_000 });
    await expect(httpGet((await link.getAttribute('href')) as string)).resolves.toEqual({
      status: 200,
      body: 'hello from berth web\n',
    });

    await page.getByRole('tab', { name: 'Shell' }).click();
    await page.getByTestId('terminal-status').getByText('Connected: /bin/sh').waitFor({ timeout: 30_000 });
    await page.getByTestId('terminal').click();
    await page.keyboard.type('echo PING | nc redis 6379\n');
    await page.getByTestId('terminal').getByText('+PONG').first().waitFor({ timeout: 30_000 });

    await page.getByRole('tab', { name: 'Logs' }).click();
    await page.getByTestId('log-line').getByText('response:200').first().waitFor({ timeout: 30_000 });
  });

  it('deletes the cluster after asking: no node container and no context left', async () => {
    const { page } = app;
    await page.getByRole('button', { name: '← Back' }).click();
    await page.getByRole('tab', { name: 'Clusters' }).click();
    await page.getByRole('button', { name: `Delete kind cluster ${cluster}` }).click();
    await page.getByTestId('confirm').getByRole('button', { name: 'Delete cluster' }).click();
    await page.locator(`[data-testid="kind-clusters"] li[data-name="${cluster}"]`).waitFor({
      state: 'detached',
      timeout: 120_000,
    });
    expect(await docker('ps', '-aq', '--filter', `label=io.x-k8s.kind.cluster=${cluster}`)).toBe('');
    await eventually(
      'the context gone from the list',
      async () =>
        !(
          await page
            .getByTestId('kube-contexts')
            .textContent({ timeout: 5_000 })
            .catch(() => '')
        )?.includes(cluster),
      30_000,
    );
  });
});
