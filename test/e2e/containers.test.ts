import { describe, expect, it } from 'vitest';
import { readmeScreenshot, useWebApp } from '../helpers/browser';
import { docker, FIXTURE_BUSYBOX, uniqueName } from '../helpers/docker';

const web = useWebApp('#/containers');
const { created } = web;

describe('Containers view in Chromium over the web bridge', () => {
  it('shows the engine status', async () => {
    const status = web.app.page.getByTestId('engine-status');
    await status.and(web.app.page.locator('[data-state="connected"]')).waitFor();
    expect(await status.textContent()).toContain('running');
  });

  it('shows a container started with `docker run` without a reload, and drops it when removed', async () => {
    const name = uniqueName('e2e');
    created.push(name);
    const navigations: string[] = [];
    web.app.page.on('framenavigated', (f) => navigations.push(f.url()));
    await docker('run', '-d', '--name', name, '-p', '127.0.0.1::6379', FIXTURE_BUSYBOX, 'sleep', '300');
    const row = web.app.page.locator('[role="row"]', { has: web.app.page.getByText(name, { exact: true }) });
    await row.waitFor({ timeout: 5000 });
    await row.getByTestId('container-state').getByText(/^Up/).waitFor({ timeout: 5000 });
    await expect(row.locator('a.port').textContent()).resolves.toMatch(/127\.0\.0\.1:\d+→6379\/tcp/);
    await readmeScreenshot(web.app.page, 'screenshot.png');
    await docker('rm', '-f', name);
    await row.waitFor({ state: 'detached', timeout: 5000 });
    expect(navigations).toEqual([]);
  });

  it('stops and removes a container from the UI, asking first', async () => {
    const name = uniqueName('e2e-ui');
    created.push(name);
    // `sleep` as PID 1 ignores SIGTERM (stop would wait its 10 s grace period): trap it so stop is prompt.
    await docker('run', '-d', '--name', name, FIXTURE_BUSYBOX, 'sh', '-c', 'trap exit TERM; sleep 300 & wait');
    const row = web.app.page.locator('[role="row"]', { has: web.app.page.getByText(name, { exact: true }) });
    await row.getByTestId('container-state').getByText(/^Up/).waitFor({ timeout: 5000 });
    await row.getByRole('button', { name: `Stop ${name}` }).click();
    await row
      .getByTestId('container-state')
      .getByText(/^Exited/)
      .waitFor({ timeout: 15_000 });
    expect(await docker('inspect', '-f', '{{.State.Status}}', name)).toBe('exited');
    await row.getByRole('button', { name: `Remove ${name}` }).click();
    const dialog = web.app.page.getByTestId('confirm');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await docker('inspect', '-f', '{{.State.Status}}', name)).toBe('exited'); // nothing lost on cancel
    await row.getByRole('button', { name: `Remove ${name}` }).click();
    await dialog.getByRole('button', { name: 'Remove' }).click();
    await row.waitFor({ state: 'detached' });
    await expect(docker('inspect', name)).rejects.toThrow();
  });

  it('filters as you type: a keystroke that keeps the rows changes nothing, one that replaces them reuses their elements', async () => {
    const page = web.app.page;
    const prefix = uniqueName('e2e-filter');
    const names = [`${prefix}-alpha-1`, `${prefix}-alpha-2`, `${prefix}-beta-1`];
    created.push(...names);
    for (const n of names) await docker('create', '--name', n, FIXTURE_BUSYBOX, 'true');
    const table = page.getByTestId('containers-table');
    const rows = table.locator('[role="row"][data-key]');
    const box = page.getByLabel('Filter containers');
    await box.fill(prefix);
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(3);
    await box.fill(`${prefix}-beta`);
    await expect.poll(() => rows.count()).toBe(1);
    // Mark the row element, and count every change to the table from here on.
    await table.evaluate((el) => {
      const w = window as unknown as { __marked: Set<Element>; __changes: number };
      w.__marked = new Set(el.querySelectorAll('[role="row"][data-key]'));
      w.__changes = 0;
      new MutationObserver((records) => (w.__changes += records.length)).observe(el, {
        subtree: true,
        childList: true,
        attributes: true,
        characterData: true,
      });
    });
    const changes = () => page.evaluate(() => (window as unknown as { __changes: number }).__changes);
    await box.fill(`${prefix}-alpha-1`);
    await expect.poll(() => rows.allTextContents()).toEqual([expect.stringContaining(`${prefix}-alpha-1`)]);
    // The row that replaced beta-1 is drawn in beta-1's element: its text changed, no element was made.
    expect(
      await table.evaluate((el) =>
        [...el.querySelectorAll('[role="row"][data-key]')].every((r) =>
          (window as unknown as { __marked: Set<Element> }).__marked.has(r),
        ),
      ),
    ).toBe(true);
    // "-alpha", "-alpha-": the same two rows, so the second keystroke does not touch the table at all.
    await box.fill(`${prefix}-alpha`);
    await expect.poll(() => rows.count()).toBe(2);
    const before = await changes();
    await box.press('-');
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50))));
    expect(await rows.count()).toBe(2);
    expect(await changes()).toBe(before);
    await box.fill('');
  });
});
