/**
 * A view whose stylesheet fetch fails once (as on a busy machine in CI: "Unable to preload CSS") still opens,
 * styled: the page drops the failed link and fetches it again, in real Chromium over the web bridge. A view
 * whose code cannot be had at all shows why in its place, the rest of the page keeps working, and Retry
 * opens it once the code can be fetched again. A container's page is a chunk of its own: the list shows
 * without it, and a page that cannot be fetched gets the same "could not be loaded" and Retry.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebApp, type WebApp } from '../helpers/browser';
import { docker, FIXTURE_BUSYBOX, removeContainers, uniqueName } from '../helpers/docker';

let app: WebApp;
const created: string[] = [];
beforeAll(async () => {
  app = await startWebApp('#/dashboard');
}, 60_000);
afterAll(async () => {
  await app?.close();
  await removeContainers(...created);
});

describe('loading a view', () => {
  it('opens the Containers view, styled, after its stylesheet failed to load once', async () => {
    const { page } = app;
    const aborted: string[] = [];
    await page.route('**/assets/containers-*.css', async (route) => {
      if (aborted.length === 0) {
        aborted.push(route.request().url());
        await route.abort('connectionreset');
      } else await route.continue();
    });
    await page.reload();
    await page.locator('[data-testid="engine-status"][data-state="connected"]').waitFor({ timeout: 20_000 });
    await page.evaluate(() => (location.hash = '#/containers'));
    await page.getByTestId('containers-table').waitFor({ timeout: 20_000 });
    expect(aborted).toHaveLength(1);
    // Every stylesheet of the page is loaded: the failed link was replaced, not kept.
    const sheets = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')].map((l) => [l.href, l.sheet !== null]),
    );
    expect(sheets.filter(([href]) => String(href).includes('/assets/containers-'))).toEqual([
      [expect.stringContaining('/assets/containers-'), true],
    ]);
  });

  it('shows why the Images view could not be loaded, keeps the rest of the page working, and opens it on Retry', async () => {
    const { page } = app;
    let refusing = true;
    let refused = 0;
    await page.route('**/assets/ImagesView-*.js', async (route) => {
      if (refusing) {
        refused++;
        await route.abort('connectionreset');
      } else await route.continue();
    });
    await page.reload();
    await page.locator('[data-testid="engine-status"][data-state="connected"]').waitFor({ timeout: 20_000 });
    await page.evaluate(() => (location.hash = '#/images'));
    const failed = page.getByTestId('view-failed');
    await failed.waitFor({ timeout: 20_000 });
    expect(await failed.locator('h2').textContent()).toBe('The Images view could not be loaded');
    expect(refused).toBeGreaterThanOrEqual(3); // the loader's own tries came first

    // The sidebar, the status bar and the other views still work.
    await page.evaluate(() => (location.hash = '#/containers'));
    await page.getByTestId('containers-table').waitFor({ timeout: 20_000 });
    expect(await failed.count()).toBe(0);

    await page.evaluate(() => (location.hash = '#/images'));
    await failed.waitFor({ timeout: 20_000 });
    refusing = false;
    await failed.getByRole('button', { name: 'Retry' }).click();
    await page.getByTestId('images-table').waitFor({ timeout: 20_000 });
    expect(await failed.count()).toBe(0);
  });

  it("shows the containers without their detail page's code, and a container's page once that code can be had", async () => {
    const { page } = app;
    const name = uniqueName('detail-chunk');
    created.push(name);
    await docker('create', '--name', name, FIXTURE_BUSYBOX, 'true');
    let refusing = true;
    const refused: string[] = [];
    await page.route('**/assets/ContainerDetail-*.js', async (route) => {
      if (refusing) {
        refused.push(route.request().url());
        await route.abort('connectionreset');
      } else await route.continue();
    });
    await page.evaluate(() => (location.hash = '#/containers'));
    await page.reload();
    await page.getByTestId('container-name').filter({ hasText: name }).waitFor({ timeout: 20_000 });

    await page.getByRole('button', { name: `Open ${name}` }).click();
    const failed = page.getByTestId('view-failed');
    await failed.waitFor({ timeout: 20_000 });
    expect(await failed.locator('h2').textContent()).toBe('The Containers view could not be loaded');
    expect(refused.length).toBeGreaterThanOrEqual(3);

    refusing = false;
    await failed.getByRole('button', { name: 'Retry' }).click();
    const detail = page.getByTestId('container-detail');
    await detail.waitFor({ timeout: 20_000 });
    expect(await detail.locator('h1').textContent()).toBe(name);
    expect(await page.getByTestId('detail-state').textContent()).toBe('Created');
  });

  it("opens a link to a container's page, its code fetched with the view's", async () => {
    const { page } = app;
    await page.unrouteAll();
    const name = created[0] as string;
    const id = await docker('inspect', '-f', '{{.Id}}', name);
    const fetched: string[] = [];
    page.on('request', (r) => fetched.push(r.url()));
    await page.evaluate((h) => (location.hash = h), `#/containers/${id}`);
    await page.reload();
    await page.getByTestId('container-detail').waitFor({ timeout: 20_000 });
    expect(await page.locator('#container-title').textContent()).toBe(name);
    const at = (part: string) => fetched.findIndex((u) => u.includes(`/assets/${part}-`));
    expect(at('ContainerDetail')).toBeGreaterThan(-1);
    expect(at('ContainersView')).toBeGreaterThan(-1);
  });
});
