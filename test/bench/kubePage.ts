/**
 * Getting a bench page to a namespace of a context in the Kubernetes view (cluster map, then the
 * Resources tab's Pods table or one pod's page), as a user clicks there; shared by the kube bench items.
 */
import type { Page } from 'playwright-core';

/** A page at the bridge's Kubernetes view (`url`), then pickNamespace. */
export async function openKubeNamespace(page: Page, url: string, context: string, namespace: string): Promise<void> {
  await page.addInitScript('globalThis.__name = (f) => f;');
  page.on('pageerror', (e) => process.stderr.write(`[bench] page error: ${String(e)}\n`));
  await page.goto(`${url}#/kubernetes`);
  await pickNamespace(page, context, namespace);
}

/** In the Kubernetes view: the context picked, its status ok, then the namespace picked. */
export async function pickNamespace(page: Page, context: string, namespace: string): Promise<void> {
  await page.getByTestId('kube-context').selectOption(context, { timeout: 30_000 });
  await page.locator('[data-testid="kube-status"][data-state="ok"]').waitFor({ timeout: 30_000 });
  await page
    .locator(`[data-testid="kube-namespace"] option[value="${namespace}"]`)
    .waitFor({ state: 'attached', timeout: 30_000 });
  await page.getByTestId('kube-namespace').selectOption(namespace);
}

export const openClusterMap = (page: Page): Promise<void> => page.getByRole('tab', { name: 'Cluster map' }).click();

/** Resources → Pods, until the table has rows. */
export async function openPodsTable(page: Page): Promise<void> {
  await page.getByRole('tab', { name: 'Resources' }).click();
  await page.getByTestId('kind-picker').waitFor({ timeout: 30_000 });
  await page.locator('[data-testid="kind-picker"] button', { hasText: /^Pods$/ }).click();
  await page.locator('[data-testid="resource-table"] [role="row"][data-key]').first().waitFor({ timeout: 120_000 });
}

/** From the Pods table: filters to one pod and opens its page (double click), until its labels show. */
export async function openPodPage(page: Page, name: string): Promise<void> {
  await page.getByLabel('Filter Pods', { exact: true }).fill(name);
  await page
    .locator('[data-testid="resource-table"] [role="row"][data-key]', { hasText: name })
    .first()
    .dblclick({ timeout: 60_000 });
  await page
    .locator(`[data-testid="object-detail"][data-name="${name}"] [data-testid="labels"]`)
    .waitFor({ timeout: 60_000 });
}
