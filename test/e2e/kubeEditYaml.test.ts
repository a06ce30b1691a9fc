/**
 * Editing a Deployment's YAML in Chromium against the local control plane, from the Workloads tab's actions
 * menu: a validation error marked at its line, then a conflict (someone labels the Deployment while the
 * user edits replicas), rebase, review of the dry-run diff, save — both changes end up on the server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebApp, type WebApp } from '../helpers/browser';
import { deleteNamespaces, kubectl, testNamespace, useKubeCluster, type KubeCluster } from '../helpers/kubeCluster';
import { deploymentYaml, jsonpath, kubectlApply } from '../helpers/kubeObjects';

let cluster: KubeCluster;
let app: WebApp;
const ns = testNamespace();
const previousKubeconfig = process.env.BERTH_KUBECONFIG;

beforeAll(async () => {
  cluster = await useKubeCluster();
  process.env.BERTH_KUBECONFIG = cluster.kubeconfig;
  await kubectl('create', 'namespace', ns);
  await kubectlApply(deploymentYaml(ns, 'edited', 1));
  app = await startWebApp('#/kubernetes');
}, 40 * 60_000);

afterAll(async () => {
  await app?.close();
  if (previousKubeconfig === undefined) delete process.env.BERTH_KUBECONFIG;
  else process.env.BERTH_KUBECONFIG = previousKubeconfig;
  await deleteNamespaces(ns);
  await cluster?.stop();
});

describe('YAML edit with a conflict, in Chromium', () => {
  it('marks a validation error, then rebases an edit over a concurrent change and saves both', async () => {
    const { page } = app;
    await page.getByTestId('kube-context').selectOption('berth-test');
    await page.locator('[data-testid="kube-status"][data-state="ok"]').waitFor({ timeout: 15_000 });
    await page
      .locator(`[data-testid="kube-namespace"] option[value="${ns}"]`)
      .waitFor({ state: 'attached', timeout: 15_000 });
    await page.getByTestId('kube-namespace').selectOption(ns);
    await page.getByRole('tab', { name: 'Workloads' }).click();
    await page.getByRole('tab', { name: 'Deployments' }).click();
    await page.getByRole('button', { name: 'Actions for edited' }).click({ timeout: 30_000 });
    await page.getByRole('menuitem', { name: 'Edit YAML…' }).click();

    const dialog = page.getByTestId('yaml-edit');
    const editor = dialog.getByLabel('YAML of edited');
    await expect.poll(() => editor.inputValue(), { timeout: 15_000 }).toContain('kind: Deployment');
    const original = await editor.inputValue();
    expect(original).not.toContain('managedFields');

    // An empty image: the API server refuses it, at the image's line.
    await editor.fill(original.replace('image: berth-fixture/busybox:1', 'image: ""'));
    await dialog.getByRole('button', { name: 'Review changes' }).click();
    const invalid = dialog.getByTestId('yaml-invalid');
    await invalid.waitFor({ timeout: 15_000 });
    expect(await invalid.textContent()).toContain('spec.template.spec.containers[0].image');
    const imageLine = original.split('\n').findIndex((l) => l.includes('image: berth-fixture/busybox:1')) + 1;
    await dialog.locator(`[data-line-bad="${imageLine}"]`).waitFor();

    // The edit: 3 replicas. Meanwhile someone labels the deployment.
    await editor.fill(original.replace(/^ {2}replicas: 1$/m, '  replicas: 3'));
    await kubectl('label', '-n', ns, 'deployment/edited', 'team=blue');
    await dialog.getByRole('button', { name: 'Review changes' }).click();
    const conflict = dialog.getByTestId('yaml-conflict');
    await conflict.waitFor({ timeout: 15_000 });
    expect(await dialog.getByTestId('their-changes').textContent()).toMatch(/\+\s+team: blue/);
    await dialog.getByRole('button', { name: 'Rebase my edit' }).click();
    await conflict.waitFor({ state: 'detached' });
    const rebased = await editor.inputValue();
    expect(rebased).toContain('team: blue');
    expect(rebased).toMatch(/^ {2}replicas: 3$/m);

    await dialog.getByRole('button', { name: 'Review changes' }).click();
    const diff = dialog.getByTestId('yaml-diff');
    await diff.waitFor({ timeout: 15_000 });
    expect(await diff.textContent()).toMatch(/\+\s+replicas: 3/);
    expect(await jsonpath('deployment/edited', ns, '.spec.replicas')).toBe('1');
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await dialog.waitFor({ state: 'hidden', timeout: 15_000 });
    expect(await jsonpath('deployment/edited', ns, '.spec.replicas')).toBe('3');
    expect(await jsonpath('deployment/edited', ns, '.metadata.labels.team')).toBe('blue');
  });
});
