/**
 * The resource browser in Chromium against the local control plane: pick kinds from the grouped picker and
 * see their live rows, follow a relation from a Deployment to one of its pods, see a CRD created while the
 * view is open appear as a kind with its printer columns and open one of its custom resources, and reveal
 * one Secret value — hidden before, and forgotten once the page is left.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWebApp, type WebApp } from '../helpers/browser';
import { eventually } from '../helpers/docker';
import { deleteNamespaces, kubectl, testNamespace, useKubeCluster, type KubeCluster } from '../helpers/kubeCluster';

let cluster: KubeCluster;
let app: WebApp;
const ns = testNamespace();
const sfx = ns.replace('berth-test-', '');
const GROUP = `k8smodel-e2e-${sfx}.berth.dev`;
const PASSWORD = `hunter2-${sfx}`;
const dir = mkdtempSync(join(tmpdir(), 'k8smodel-e2e-'));
const previousKubeconfig = process.env.BERTH_KUBECONFIG;

function applyYaml(yaml: string): Promise<string> {
  const file = join(dir, `${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, yaml);
  return kubectl('apply', '-f', file);
}

const objects = `
apiVersion: v1
kind: ConfigMap
metadata: { name: settings, namespace: ${ns} }
data: { mode: fast }
---
apiVersion: v1
kind: Secret
metadata: { name: creds, namespace: ${ns} }
stringData: { password: ${PASSWORD}, user: admin }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: ${ns} }
spec:
  replicas: 2
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers: [{ name: web, image: berth-fixture/busybox:latest, envFrom: [{ configMapRef: { name: settings } }] }]
`;

const crd = `
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: { name: gadgets.${GROUP} }
spec:
  group: ${GROUP}
  scope: Namespaced
  names: { plural: gadgets, singular: gadget, kind: Gadget }
  versions:
    - name: v1
      served: true
      storage: true
      schema: { openAPIV3Schema: { type: object, x-kubernetes-preserve-unknown-fields: true } }
      additionalPrinterColumns:
        - { name: Colour, type: string, jsonPath: .spec.colour }
        - { name: Wheels, type: integer, jsonPath: .spec.wheels }
`;

beforeAll(async () => {
  cluster = await useKubeCluster();
  process.env.BERTH_KUBECONFIG = cluster.kubeconfig;
  await kubectl('create', 'namespace', ns);
  await applyYaml(objects);
  app = await startWebApp('#/kubernetes');
}, 40 * 60_000);

afterAll(async () => {
  await app?.close();
  if (previousKubeconfig === undefined) delete process.env.BERTH_KUBECONFIG;
  else process.env.BERTH_KUBECONFIG = previousKubeconfig;
  await kubectl('delete', `crd/gadgets.${GROUP}`, '--ignore-not-found', '--wait=false').catch(() => '');
  await deleteNamespaces(ns);
  rmSync(dir, { recursive: true, force: true });
  await cluster?.stop();
});

const picker = () => app.page.getByTestId('kind-picker');
const table = () => app.page.getByTestId('resource-table');
const row = (id: string) => table().locator(`[role="row"][data-key="${id}"]`);
const pick = async (kindId: string) => {
  await picker().locator(`button[data-kind="${kindId}"]`).click();
  await app.page.locator(`.resource-table[data-kind="${kindId}"]`).waitFor({ timeout: 15_000 });
};

describe('resource browser in Chromium', () => {
  it('lists kinds grouped like Lens and shows live rows of the ones picked', async () => {
    const { page } = app;
    await page.getByTestId('kube-context').selectOption('berth-test');
    await page.locator('[data-testid="kube-status"][data-state="ok"]').waitFor({ timeout: 15_000 });
    await page
      .locator(`[data-testid="kube-namespace"] option[value="${ns}"]`)
      .waitFor({ state: 'attached', timeout: 15_000 });
    await page.getByTestId('kube-namespace').selectOption(ns);
    await page.getByRole('tab', { name: 'Resources' }).click();
    await picker().waitFor({ timeout: 15_000 });
    const groups = await picker().locator('h3').allTextContents();
    expect(groups).toEqual([
      'Cluster',
      'Workloads',
      'Network',
      'Config',
      'Storage',
      'Access control',
      'Custom resources',
    ]);
    expect(await picker().locator('button').count()).toBeGreaterThanOrEqual(25);

    await pick('core/v1/configmaps');
    await row(`${ns}/settings`).waitFor({ timeout: 15_000 });
    expect(await row(`${ns}/settings`).textContent()).toContain('mode');

    await pick('core/v1/nodes');
    await row('kwok-node-0').waitFor({ timeout: 15_000 });
    expect(await row('kwok-node-0').locator('[data-health]').getAttribute('data-health')).toBe('healthy');

    await pick('apps/v1/deployments');
    await eventually('web 2/2', async () => ((await row(`${ns}/web`).textContent()) ?? '').includes('2/2'), 60_000);
  });

  it('opens a Deployment and follows its relation to a pod it selects', async () => {
    const { page } = app;
    await row(`${ns}/web`).getByTestId('object-link').click();
    const detail = page.getByTestId('object-detail');
    await detail.waitFor();
    expect(await detail.getAttribute('data-kind')).toBe('apps/v1/deployments');
    const selects = detail.locator('[data-testid="relation"][data-type="selects"]');
    await eventually('2 selected pods', async () => (await selects.count()) === 2, 30_000);
    expect(await detail.locator('[data-testid="relation"][data-type="mounts"]').textContent()).toContain(
      'ConfigMap/settings',
    );
    await selects.first().getByRole('button').click();
    await page.locator('[data-testid="object-detail"][data-kind="core/v1/pods"]').waitFor({ timeout: 15_000 });
    const pod = page.getByTestId('object-detail');
    await pod.locator('[data-testid="relation"][data-type="owner"]').waitFor({ timeout: 15_000 });
    expect(await pod.locator('[data-testid="relation"][data-type="owner"]').textContent()).toMatch(/ReplicaSet\/web-/);
    // The Pod kind's own detail component: the pod page with containers, logs, shell and port-forward.
    await pod.getByRole('button', { name: 'Containers, logs, shell and port-forward…' }).click();
    await pod.locator('[data-testid="pod-container"][data-container="web"]').waitFor({ timeout: 15_000 });
    await pod.getByRole('button', { name: '← Back' }).click();
    await pod.getByRole('button', { name: '← Pods' }).click();
    await page.locator('.resource-table[data-kind="core/v1/pods"]').waitFor();
  });

  it('shows a CRD created meanwhile as a kind with its printer columns, and opens a custom resource', async () => {
    const { page } = app;
    await applyYaml(crd);
    await kubectl('wait', '--for=condition=Established', `crd/gadgets.${GROUP}`, '--timeout=60s');
    await applyYaml(`
apiVersion: ${GROUP}/v1
kind: Gadget
metadata: { name: whizz, namespace: ${ns} }
spec: { colour: teal, wheels: 3 }
`);
    const kindId = `${GROUP}/v1/gadgets`;
    await picker().locator(`button[data-kind="${kindId}"]`).waitFor({ timeout: 30_000 });
    await pick(kindId);
    const headers = await table().getByRole('columnheader').allTextContents();
    // The printer columns, then the model's Status and Age, then the actions menu.
    expect(headers.map((h) => h.replace(/ [▴▾]$/, ''))).toEqual([
      'Name',
      'Colour',
      'Wheels',
      'Status',
      'Age',
      'Actions',
    ]);
    await row(`${ns}/whizz`).waitFor({ timeout: 15_000 });
    expect(await row(`${ns}/whizz`).textContent()).toMatch(/whizz.*teal.*3/);
    await row(`${ns}/whizz`).getByTestId('object-link').click();
    const detail = page.getByTestId('object-detail');
    await detail.getByTestId('object-summary').waitFor();
    expect(await detail.getByTestId('object-summary').textContent()).toMatch(/Colour\s*teal.*Wheels\s*3/);
    await detail.getByRole('button', { name: '← Gadgets' }).click();
  });

  it('hides Secret values until one is revealed, and forgets it when the page is left', async () => {
    const { page } = app;
    await pick('core/v1/secrets');
    await row(`${ns}/creds`).getByTestId('object-link').click();
    const detail = page.getByTestId('object-detail');
    const values = detail.getByTestId('secret-values');
    await values.waitFor({ timeout: 15_000 });
    expect(await values.textContent()).toContain('password');
    expect(await page.content()).not.toContain(PASSWORD);

    await values.getByRole('button', { name: 'Reveal password' }).click();
    await expect(values.getByTestId('secret-revealed').textContent()).resolves.toBe(PASSWORD);
    expect(await values.getByTestId('secret-revealed').count()).toBe(1);

    await detail.getByRole('button', { name: '← Secrets' }).click();
    expect(await page.content()).not.toContain(PASSWORD);
    await row(`${ns}/creds`).getByTestId('object-link').click();
    await page.getByTestId('secret-values').waitFor();
    expect(await page.getByTestId('secret-revealed').count()).toBe(0);
    expect(await page.content()).not.toContain(PASSWORD);
  });
});
