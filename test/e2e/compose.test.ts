import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebApp, type WebApp } from '../helpers/browser';
import { docker } from '../helpers/docker';
import { containersOf, fixture, project, purge, tagRedis, volumesOf } from '../helpers/compose';

let app: WebApp;
let taggedRedis = false;
const p = project('e2e');

beforeAll(async () => {
  taggedRedis = await tagRedis();
  app = await startWebApp('#/compose');
});
afterAll(async () => {
  await purge(p);
  if (taggedRedis) await docker('rmi', 'redis:latest').catch(() => '');
  await app.close();
});

describe('Compose view in Chromium over the web bridge', () => {
  it('opens the seed file by path, brings it up, shows it live, and takes it down after asking', async () => {
    const page = app.page;
    await page.getByTestId('compose-tool').waitFor({ timeout: 15_000 });
    await page.getByTestId('compose-path').fill(fixture('seed'));
    await page.getByTestId('compose-open').click();

    const file = page.getByTestId('compose-file');
    await file.locator('[data-service="web"]').waitFor();
    await expect(file.locator('[data-service="web"]').textContent()).resolves.toContain('127.0.0.1::8080');
    await expect(file.locator('[data-service="redis"]').textContent()).resolves.toContain('redis');
    await file.locator('[data-testid="compose-validation"][data-state="ok"]').waitFor({ timeout: 20_000 });
    expect(await containersOf(p)).toEqual([]); // opening runs nothing

    await page.getByTestId('compose-project').fill(p);
    await page.getByTestId('compose-up').click();
    const task = page.locator('[data-testid="task"][data-kind="compose.up"]');
    await task.and(page.locator('[data-state="succeeded"]')).waitFor({ timeout: 90_000 });

    // Only the stacks on screen are in the DOM, and the shared engine may have others: the filter finds this one.
    await page.getByLabel('Filter stacks', { exact: true }).fill(p);
    const stack = page.locator(`[data-testid="stack"][data-name="${p}"]`);
    await stack.and(page.locator('[data-state="running"]')).waitFor({ timeout: 15_000 });
    await stack.locator('[data-testid="stack-service"][data-service="web"][data-state="running"]').waitFor();
    await stack.locator('[data-testid="stack-service"][data-service="redis"][data-state="running"]').waitFor();
    await expect(stack.locator('a.port').first().textContent()).resolves.toMatch(/127\.0\.0\.1:\d+→8080\/tcp/);

    await stack.getByTestId('stack-down').click();
    const dialog = page.getByTestId('confirm');
    await dialog.getByRole('button', { name: 'Down' }).click();
    await stack.waitFor({ state: 'detached', timeout: 60_000 });
    expect(await containersOf(p)).toEqual([]);
    expect(await volumesOf(p)).toEqual([`${p}_data`]); // volumes stay unless the user asked twice
  });
});
