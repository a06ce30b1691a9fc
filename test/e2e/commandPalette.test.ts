/**
 * The command palette in Chromium against the local control plane: from another view, Control+K opens it,
 * part of a Deployment's name finds it (among objects of other kinds and namespaces), Enter lands on its
 * detail page in the Resources tab; Escape closes it, and a view is an entry too.
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
const NAME = `lighthouse-${sfx}`;
const dir = mkdtempSync(join(tmpdir(), 'palette-e2e-'));
const previousKubeconfig = process.env.BERTH_KUBECONFIG;

const objects = `
apiVersion: v1
kind: ConfigMap
metadata: { name: ${NAME}-settings, namespace: ${ns} }
data: { mode: fast }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: ${NAME}, namespace: ${ns} }
spec:
  replicas: 1
  selector: { matchLabels: { app: ${NAME} } }
  template:
    metadata: { labels: { app: ${NAME} } }
    spec:
      containers: [{ name: web, image: berth-fixture/busybox:latest }]
`;

beforeAll(async () => {
  cluster = await useKubeCluster();
  process.env.BERTH_KUBECONFIG = cluster.kubeconfig;
  await kubectl('create', 'namespace', ns);
  const file = join(dir, 'objects.yaml');
  writeFileSync(file, objects);
  await kubectl('apply', '-f', file);
  app = await startWebApp('#/volumes');
}, 40 * 60_000);

afterAll(async () => {
  await app?.close();
  if (previousKubeconfig === undefined) delete process.env.BERTH_KUBECONFIG;
  else process.env.BERTH_KUBECONFIG = previousKubeconfig;
  await deleteNamespaces(ns);
  rmSync(dir, { recursive: true, force: true });
  await cluster?.stop();
});

const palette = () => app.page.getByTestId('command-palette');
const entries = () => palette().getByTestId('palette-entry');

describe('command palette in Chromium', () => {
  it('opens with Control+K from another view and jumps to a Deployment by part of its name', async () => {
    const { page } = app;
    await page.locator('body').click();
    await page.keyboard.press('Control+K');
    const box = palette().getByRole('combobox');
    await box.waitFor({ timeout: 15_000 });
    // The user's namespace is not the Deployment's: the palette searches all namespaces.
    await box.fill(`house-${sfx}`);
    const deployment = `apps/v1/deployments:${ns}/${NAME}`;
    await eventually(
      'the Deployment ranked first',
      async () => (await entries().first().getAttribute('data-key')) === deployment,
      60_000,
    );
    expect(await entries().first().textContent()).toContain(`Deployment · ${ns}`);
    // The ConfigMap matches too, below the shorter name; the pods of other kinds as well.
    await palette().locator(`[data-key="core/v1/configmaps:${ns}/${NAME}-settings"]`).waitFor({ timeout: 30_000 });

    await box.press('Enter');
    await expect(palette().getByRole('combobox').count()).resolves.toBe(0);
    const detail = page.getByTestId('object-detail');
    await detail.waitFor({ timeout: 30_000 });
    expect(await detail.getAttribute('data-kind')).toBe('apps/v1/deployments');
    expect(page.url()).toContain('#/kubernetes');
    expect(await page.getByRole('tab', { name: 'Resources' }).getAttribute('aria-selected')).toBe('true');
    await eventually(
      'the detail names the Deployment',
      async () => ((await detail.textContent()) ?? '').includes(NAME),
      30_000,
    );
  });

  it('moves with the arrow keys, closes on Escape, and opens views', async () => {
    const { page } = app;
    await page.mouse.move(1, 1); // keys choose here; the pointer stays off the results
    await page.keyboard.press('Control+K');
    const box = palette().getByRole('combobox');
    await box.waitFor();
    expect(await box.inputValue()).toBe('');
    await box.fill(`${NAME}-sett`);
    await palette().locator(`[data-key="core/v1/configmaps:${ns}/${NAME}-settings"]`).waitFor({ timeout: 30_000 });
    await box.press('Escape');
    await expect(palette().getByRole('combobox').count()).resolves.toBe(0);

    await page.keyboard.press('Control+K');
    await box.waitFor();
    await box.fill('e');
    await eventually('several matches', async () => (await entries().count()) >= 2, 15_000);
    expect(await entries().first().getAttribute('aria-selected')).toBe('true');
    await box.press('ArrowDown');
    expect(await entries().nth(1).getAttribute('aria-selected')).toBe('true');
    expect(await entries().first().getAttribute('aria-selected')).toBe('false');
    await box.press('ArrowUp');
    expect(await entries().first().getAttribute('aria-selected')).toBe('true');
    await box.fill('imag');
    expect(await entries().first().getAttribute('data-key')).toBe('view:images');
    await box.press('Enter');
    await eventually('the Images view', async () => page.url().endsWith('#/images'), 15_000);
  });
});
