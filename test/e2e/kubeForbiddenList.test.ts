/**
 * A kind the user may not list, in Chromium against the local control plane: with a kubeconfig for a
 * ServiceAccount bound to a namespaced Role (token from the TokenRequest API), the Resources tab shows
 * Secrets as one plain line saying the account may not list them, asks the API server once (not every
 * 1.5 s), asks again when the user picks the kind again, and still lists the kinds the Role allows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWebApp, type WebApp } from '../helpers/browser';
import { eventually } from '../helpers/docker';
import { deleteNamespaces, kubectl, testNamespace, useKubeCluster, type KubeCluster } from '../helpers/kubeCluster';
import { deploymentYaml, kubectlApply } from '../helpers/kubeObjects';

let cluster: KubeCluster;
let app: WebApp;
const ns = testNamespace();
const dir = mkdtempSync(join(tmpdir(), 'forbidden-e2e-'));
const previousKubeconfig = process.env.BERTH_KUBECONFIG;
/** The kube.objects subscriptions the page sent for Secrets. */
let secretLists = 0;

beforeAll(async () => {
  cluster = await useKubeCluster();
  await kubectl('create', 'namespace', ns);
  await kubectlApply(`
apiVersion: v1
kind: ServiceAccount
metadata: {name: viewer, namespace: ${ns}}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: viewer, namespace: ${ns}}
rules:
  - {apiGroups: [apps], resources: [deployments], verbs: [get, list, watch]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: viewer, namespace: ${ns}}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: viewer}
subjects: [{kind: ServiceAccount, name: viewer, namespace: ${ns}}]
${deploymentYaml(ns, 'web', 1).replace(/^\n/, '---\n')}`);
  const token = await kubectl('create', 'token', 'viewer', '-n', ns, '--duration=1h');
  const view = (path: string) => kubectl('config', 'view', '--raw', '--minify', '-o', `jsonpath={${path}}`);
  const server = await view('.clusters[0].cluster.server');
  const ca = await view('.clusters[0].cluster.certificate-authority-data');
  const kubeconfig = join(dir, 'kubeconfig');
  writeFileSync(
    kubeconfig,
    `apiVersion: v1
kind: Config
clusters: [{name: test, cluster: {server: "${server}", certificate-authority-data: "${ca}"}}]
users: [{name: viewer, user: {token: "${token}"}}]
contexts: [{name: viewer, context: {cluster: test, user: viewer, namespace: ${ns}}}]
current-context: viewer
`,
    { mode: 0o600 },
  );
  process.env.BERTH_KUBECONFIG = kubeconfig;
  app = await startWebApp('#/kubernetes');
  app.page.on('websocket', (ws) =>
    ws.on('framesent', ({ payload }) => {
      const text = String(payload);
      if (text.includes('"subscribe"') && text.includes('kube.objects') && text.includes('"secrets"')) secretLists++;
    }),
  );
  // The page's socket opened before the listener: load it again so its frames are seen.
  await app.page.reload();
}, 40 * 60_000);

afterAll(async () => {
  await app?.close();
  if (previousKubeconfig === undefined) delete process.env.BERTH_KUBECONFIG;
  else process.env.BERTH_KUBECONFIG = previousKubeconfig;
  await deleteNamespaces(ns);
  rmSync(dir, { recursive: true, force: true });
  await cluster?.stop();
});

describe('a kind the user may not list, in Chromium', () => {
  it('is one line, asked once, asked again when picked again; allowed kinds still list', async () => {
    const { page } = app;
    await page.locator('[data-testid="kube-status"][data-state="ok"]').waitFor({ timeout: 30_000 });
    await page.getByRole('tab', { name: 'Resources' }).click();
    const picker = page.getByTestId('kind-picker');
    await picker.waitFor({ timeout: 30_000 });
    const pick = (kindId: string) => picker.locator(`button[data-kind="${kindId}"]`).click();

    await pick('core/v1/secrets');
    const line = page.getByTestId('list-error');
    await line.waitFor({ timeout: 30_000 });
    expect(await line.textContent()).toBe(
      `Your account may not list Secrets in namespace ${ns} — ask a cluster admin for the RBAC permission.`,
    );
    expect(await page.getByTestId('resource-table').count()).toBe(0);
    // Retrying would have asked about four more times in this wait.
    await page.waitForTimeout(6_000);
    expect(secretLists).toBe(1);

    await pick('core/v1/secrets');
    await eventually('asked again after the pick', async () => secretLists === 2, 15_000);
    await line.waitFor({ timeout: 30_000 });

    await pick('apps/v1/deployments');
    await page
      .locator(`[data-testid="resource-table"] [role="row"][data-key="${ns}/web"]`)
      .waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('list-error').count()).toBe(0);
  });
});
