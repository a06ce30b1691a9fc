/**
 * Draining a node in Chromium against the local control plane, from the Nodes tab's actions menu: a kwok
 * node of the test's own carries two pods guarded by a PodDisruptionBudget that allows no disruption; the
 * drain dialog shows the plan, the task center shows the blocked eviction with the budget's reason, the
 * budget is relaxed and the drain finishes; then the node is uncordoned from the menu.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebApp, type WebApp } from '../helpers/browser';
import { eventually } from '../helpers/docker';
import { deleteNamespaces, kubectl, testNamespace, useKubeCluster, type KubeCluster } from '../helpers/kubeCluster';
import { guardedYaml, jsonpath, kubectlApply, kwokNodeYaml } from '../helpers/kubeObjects';

let cluster: KubeCluster;
let app: WebApp;
const ns = testNamespace();
const node = `k8sops-e2e-${Math.random().toString(36).slice(2, 7)}`;
const previousKubeconfig = process.env.BERTH_KUBECONFIG;
const WAIT = 90_000;

beforeAll(async () => {
  cluster = await useKubeCluster();
  process.env.BERTH_KUBECONFIG = cluster.kubeconfig;
  await kubectl('create', 'namespace', ns);
  await kubectlApply(kwokNodeYaml(node));
  await kubectlApply(guardedYaml(ns, node, 2, 2));
  await eventually(
    '2 pods running on the node',
    async () =>
      (await kubectl(
        'get',
        'pods',
        '-n',
        ns,
        '--field-selector',
        `spec.nodeName=${node}`,
        '-o',
        'jsonpath={.items[*].status.phase}',
      )) === 'Running Running',
    WAIT,
  );
  await eventually(
    'budget sees 2 healthy',
    async () => (await jsonpath('pdb/guarded', ns, '.status.currentHealthy')) === '2',
    WAIT,
  );
  app = await startWebApp('#/kubernetes');
}, 40 * 60_000);

afterAll(async () => {
  await app?.close();
  if (previousKubeconfig === undefined) delete process.env.BERTH_KUBECONFIG;
  else process.env.BERTH_KUBECONFIG = previousKubeconfig;
  await kubectl('delete', 'node', node, '--ignore-not-found', '--wait=false').catch(() => '');
  await deleteNamespaces(ns);
  await cluster?.stop();
});

describe('node drain in Chromium', () => {
  it('shows the plan, the blocked eviction and its reason, finishes once the budget allows, and uncordons', async () => {
    const { page } = app;
    await page.getByTestId('kube-context').selectOption('berth-test');
    await page.locator('[data-testid="kube-status"][data-state="ok"]').waitFor({ timeout: 15_000 });
    await page.getByRole('tab', { name: 'Nodes' }).click();
    await page.getByRole('button', { name: `Actions for ${node}` }).click({ timeout: 30_000 });
    await page.getByRole('menuitem', { name: 'Drain…' }).click();
    const dialog = page.getByTestId('drain-node');
    await dialog.getByTestId('drain-plan').getByText('2 pod(s) to evict').waitFor({ timeout: 15_000 });
    await dialog.getByRole('button', { name: 'Drain', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });

    // The task center opens by itself when the task starts.
    await page.getByTestId('task-center').waitFor();
    const task = page
      .getByTestId('task-center')
      .locator('[data-testid="task"][data-kind="kube.drain"]', { hasText: node });
    await task
      .getByText(/Blocked, retrying: .*The disruption budget guarded needs 2 healthy pods/)
      .first()
      .waitFor({ timeout: WAIT });
    expect(await jsonpath(`node/${node}`, undefined, '.spec.unschedulable')).toBe('true');
    expect(await task.getAttribute('data-state')).toBe('running');

    await kubectl('patch', 'pdb', 'guarded', '-n', ns, '--type=merge', '-p', '{"spec":{"minAvailable":0}}');
    await page
      .getByTestId('task-center')
      .locator('[data-testid="task"][data-kind="kube.drain"][data-state="succeeded"]', { hasText: node })
      .waitFor({ timeout: WAIT });
    expect(await kubectl('get', 'pods', '-n', ns, '--field-selector', `spec.nodeName=${node}`, '-o', 'name')).toBe('');
    await page.getByRole('button', { name: 'Close tasks' }).click();

    // The row now knows the node is cordoned: the menu offers Uncordon, not Cordon.
    await page.getByRole('button', { name: `Actions for ${node}` }).click();
    expect(await page.getByRole('menuitem', { name: 'Cordon', exact: true }).count()).toBe(0);
    await page.getByRole('menuitem', { name: 'Uncordon' }).click();
    await eventually(
      'uncordoned',
      async () => (await jsonpath(`node/${node}`, undefined, '.spec.unschedulable')) === '',
      WAIT,
    );
  });
});
