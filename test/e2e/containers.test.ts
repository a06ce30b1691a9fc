import { describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { useWebApp } from '../helpers/browser';
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
    mkdirSync(join(import.meta.dirname, '..', '..', 'assets'), { recursive: true });
    await web.app.page.screenshot({ path: join(import.meta.dirname, '..', '..', 'assets', 'screenshot.png') });
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
});
