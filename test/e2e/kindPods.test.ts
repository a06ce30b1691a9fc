/**
 * A running pod in Chromium, on a real kind cluster (control plane + worker from the offline node image):
 * open it from the cluster map, read its log and search it, open a shell and run `echo hi`, start a
 * port-forward and fetch the page through its link; then the Service's one-click Open and the forwards tab,
 * expose the deployment as a NodePort Service from its row, and restart a pod from the pod list.
 * Needs real kind nodes (the node image from test/kind-node/build.sh); the cluster is deleted afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { httpGet } from '../helpers/net';
import { startWebApp, type WebApp } from '../helpers/browser';
import { eventually, FIXTURE_BUSYBOX } from '../helpers/docker';
import { createKindCluster, type KindCluster } from '../helpers/kindNode';

const NS = `shop-${Math.random().toString(36).slice(2, 7)}`;
let cluster: KindCluster;
let app: WebApp;
const previousKubeconfig = process.env.BERTH_KUBECONFIG;

const MANIFESTS = `
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: ${NS} }
spec:
  replicas: 1
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers:
        - name: web
          image: ${FIXTURE_BUSYBOX}
          imagePullPolicy: IfNotPresent
          command: [sh, -c, 'mkdir -p /www && echo "hello from $(hostname)" > /www/index.html && echo "web is serving on 8080" && exec httpd -f -p 8080 -h /www']
          ports: [{ name: http, containerPort: 8080 }]
          readinessProbe: { tcpSocket: { port: 8080 }, periodSeconds: 1 }
---
apiVersion: v1
kind: Service
metadata: { name: web, namespace: ${NS} }
spec:
  selector: { app: web }
  ports: [{ name: http, port: 80, targetPort: http }]
`;

describe('a running pod in Chromium', () => {
  beforeAll(async () => {
    cluster = await createKindCluster({ workers: 1, prefix: 'berth-pods-e2e' });
    await cluster.loadImages(FIXTURE_BUSYBOX);
    await cluster.kubectl('create', 'namespace', NS);
    await eventually('default service account', () => cluster.kubectl('-n', NS, 'get', 'sa', 'default'), 60_000);
    const dir = mkdtempSync(join(tmpdir(), 'berth-pods-e2e-'));
    writeFileSync(join(dir, 'all.yaml'), MANIFESTS);
    await cluster.kubectl('apply', '-f', join(dir, 'all.yaml'));
    rmSync(dir, { recursive: true, force: true });
    await cluster.kubectl('-n', NS, 'rollout', 'status', 'deployment/web', '--timeout=180s');
    process.env.BERTH_KUBECONFIG = cluster.kubeconfig;
    app = await startWebApp('#/kubernetes');
  }, 15 * 60_000);

  afterAll(async () => {
    await app?.close();
    if (previousKubeconfig === undefined) delete process.env.BERTH_KUBECONFIG;
    else process.env.BERTH_KUBECONFIG = previousKubeconfig;
    await cluster?.kubectl('delete', 'namespace', NS, '--wait=false').catch(() => '');
    await cluster?.delete();
  }, 5 * 60_000);

  it('opens the pod from the map, reads and searches its log', async () => {
    const { page } = app;
    await page.getByTestId('kube-context').selectOption(cluster.context);
    await page.locator('[data-testid="kube-status"][data-state="ok"]').waitFor({ timeout: 30_000 });
    await page.locator(`[data-testid="kube-namespace"] option[value="${NS}"]`).waitFor({ state: 'attached' });
    await page.getByTestId('kube-namespace').selectOption(NS);
    await eventually('2 node boxes', async () => (await page.getByTestId('node-box').count()) === 2, 30_000);
    const chip = page.locator('[data-testid="pod-chip"][data-phase="Running"]').first();
    await chip.waitFor({ timeout: 60_000 });

    // The chip's menu leads to the logs.
    await chip.click({ button: 'right' });
    await page.getByTestId('pod-menu').getByRole('menuitem', { name: 'Logs' }).click();
    await page.getByTestId('pod-detail').waitFor();
    await page.getByTestId('log-line').getByText('web is serving on 8080').waitFor({ timeout: 30_000 });
    await page.getByLabel('Search logs').fill('SERVING');
    await page.getByTestId('log-view').locator('mark').getByText('serving').waitFor();
    expect(await page.getByTestId('log-matches').textContent()).toBe('1 matching');
  });

  it('shows the container Running with its restarts', async () => {
    const { page } = app;
    await page.getByRole('tab', { name: 'Overview' }).click();
    const row = page.locator('[data-testid="pod-container"][data-container="web"]');
    await row.getByTestId('container-state').getByText('Running').waitFor({ timeout: 30_000 });
    expect(await row.getByTestId('container-restarts').textContent()).toBe('0');
  });

  it('opens a shell and runs echo hi', async () => {
    const { page } = app;
    await page.getByRole('tab', { name: 'Shell' }).click();
    await page.getByTestId('terminal-status').getByText('Connected: /bin/sh').waitFor({ timeout: 30_000 });
    await page.getByTestId('terminal').click();
    await page.keyboard.type('echo hi-from-$((40+2))\n');
    await page.getByTestId('terminal').getByText('hi-from-42').first().waitFor({ timeout: 15_000 });
  });

  it('starts a port-forward and fetches the page through its link', async () => {
    const { page } = app;
    await page.getByRole('tab', { name: 'Port forward', exact: true }).click();
    const form = page.getByTestId('forward-form');
    expect(await form.getByLabel('Remote port').inputValue()).toBe('8080');
    await form.getByRole('button', { name: 'Forward' }).click();
    const link = form.getByTestId('forward-link');
    await link.waitFor({ timeout: 15_000 });
    const url = (await link.getAttribute('href')) as string;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const pod = (await page.getByTestId('pod-detail').getAttribute('data-pod'))?.split('/')[1];
    await expect(httpGet(url)).resolves.toEqual({ status: 200, body: `hello from ${pod}\n` });

    // The same local port again: the form says it is taken and suggests another.
    await form.getByLabel('Local port').fill(new URL(url).port);
    await form.getByRole('button', { name: 'Forward' }).click();
    await form
      .getByTestId('forward-form-error')
      .getByText(`Local port ${new URL(url).port} is already in use on 127.0.0.1.`)
      .waitFor();
  });

  it('opens the Service in one click, and lists and stops forwards in the Forwards tab', async () => {
    const { page } = app;
    await page.getByRole('button', { name: '← Back' }).click();
    await page.getByRole('tab', { name: 'Workloads' }).click();
    await page.getByRole('tab', { name: 'Services' }).click();
    const row = page.locator('[role="row"]', { has: page.getByText('web', { exact: true }) });
    await row.getByTestId('service-endpoints').getByText('1/1').waitFor({ timeout: 30_000 });
    expect(await row.textContent()).toContain('80:http/TCP');
    const popup = page.waitForEvent('popup');
    await row.getByRole('button', { name: 'Open :80' }).click();
    const opened = await popup;
    expect(opened.url()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    await opened.getByText(/^hello from web-/).waitFor({ timeout: 15_000 });
    await opened.close();

    await page.getByRole('tab', { name: 'Forwards', exact: true }).click();
    const forwards = page.getByTestId('forward');
    await eventually('2 forwards listed', async () => (await forwards.count()) === 2);
    expect(await page.getByTestId('kube-forwards').textContent()).toContain('service/web:80');
    await forwards.first().getByRole('button', { name: 'Stop' }).click();
    await forwards.first().getByRole('button', { name: 'Stop' }).click();
    await eventually('no forwards', async () => (await forwards.count()) === 0);
  });

  it('exposes the deployment as a NodePort Service from its row', async () => {
    const { page } = app;
    await page.getByRole('tab', { name: 'Workloads' }).click();
    await page.getByRole('tab', { name: 'Deployments' }).click();
    await page.getByRole('button', { name: 'Expose web' }).click();
    const dialog = page.getByTestId('expose-dialog');
    await dialog.getByLabel('Service name').fill('web-node');
    await dialog.getByLabel('Type').selectOption('NodePort');
    await dialog.getByLabel('Port', { exact: true }).fill('8080');
    await dialog.getByRole('button', { name: 'Create Service' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('tab', { name: 'Services' }).click();
    const row = page.locator('[role="row"]', { has: page.getByText('web-node', { exact: true }) });
    await row.getByTestId('service-endpoints').getByText('1/1').waitFor({ timeout: 30_000 });
    expect(await row.textContent()).toMatch(/NodePort.*8080:8080\/TCP \(node port \d+\)/);
  });

  it('restarts a pod of the deployment from the pod list, after asking', async () => {
    const { page } = app;
    await page.getByRole('tab', { name: 'Pods' }).click();
    const before = (
      await cluster.kubectl('-n', NS, 'get', 'pods', '-l', 'app=web', '-o', 'jsonpath={.items[0].metadata.name}')
    ).trim();
    await page.getByRole('button', { name: `Restart ${before}` }).click();
    const confirm = page.getByTestId('confirm');
    expect(await confirm.textContent()).toContain('starts a new one in its place');
    await confirm.getByRole('button', { name: 'Restart' }).click();
    await eventually(
      'a new web pod Running',
      async () => {
        const names = await cluster.kubectl(
          '-n',
          NS,
          'get',
          'pods',
          '-l',
          'app=web',
          '--field-selector=status.phase=Running',
          '-o',
          'jsonpath={.items[*].metadata.name}',
        );
        return names.split(' ').some((n) => n && n !== before);
      },
      90_000,
    );
  });
});
