/**
 * Two engines connected at once, in Chromium over the web bridge: the shared dockerd (in use) and a private
 * dockerd (test/helpers/secondEngine.ts) as the docker context "second", kept connected from the engine
 * picker. A container the docker CLI starts on each appears live under its own engine in the Containers
 * view (the kept one's row actions stop and remove it there), and an image tagged on each under its own
 * engine in the Images view (the engine shown is shared by the views); stopping the second engine shows it
 * unreachable in the status bar while the first keeps working.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultEndpointEnv } from '../../main/engine/endpoint';
import { startWebApp, type WebApp } from '../helpers/browser';
import { FIXTURE_BUSYBOX, removeContainers, removeImages, uniqueName } from '../helpers/docker';
import { secondEngineContext } from '../helpers/dockerContext';
import { dockerOn } from '../helpers/engines';
import type { SecondEngine } from '../helpers/secondEngine';

const FIRST = 'unix:///var/run/docker.sock';
const configDir = mkdtempSync(join(tmpdir(), 'berth-e2e-two-engines-settings-'));
const onFirst: string[] = [];
const imagesOnFirst: string[] = [];
let second: SecondEngine;
let disposeSecond: (() => Promise<void>) | undefined;
let app: WebApp;

const runOn = (host: string, name: string) =>
  dockerOn(host)('run', '-d', '--network', 'none', '--name', name, FIXTURE_BUSYBOX, 'sleep', '600');

beforeAll(async () => {
  const made = await secondEngineContext();
  second = made.second;
  disposeSecond = made.dispose;
  const env = made.env;
  app = await startWebApp('#/containers', { configDir, engineEnv: { ...defaultEndpointEnv(), env } });
}, 180_000);

afterAll(async () => {
  await app?.close();
  await removeContainers(...onFirst);
  await removeImages(...imagesOnFirst);
  await disposeSecond?.();
  rmSync(configDir, { recursive: true, force: true });
});

describe('two engines connected at once', () => {
  it('keeps the second engine connected from the picker: its state shows in the status bar', async () => {
    const page = app.page;
    await page.locator('[data-testid="engine-status"][data-state="connected"]').waitFor({ timeout: 180_000 });
    await page.getByTestId('engine-picker-open').click();
    await page.getByTestId('keep-context-second').check();
    await page.getByTestId('engine-picker').getByRole('button', { name: 'Close' }).last().click();
    await page.locator('[data-testid="engine-status-second"][data-state="connected"]').waitFor({ timeout: 120_000 });
    expect(await page.getByTestId('engine-status-second').textContent()).toContain('Docker');
  });

  it('shows a container started on each engine under its own engine, live', async () => {
    const page = app.page;
    const a = uniqueName('two-engines-first');
    const b = uniqueName('two-engines-second');
    onFirst.push(a);
    const table = page.getByTestId('containers-table');
    // The second engine's tab is open while its container starts: it appears there by itself.
    await page.getByTestId('containers-engine-second').click();
    await page.getByText('Kept connected beside the engine in use').waitFor();
    await runOn(second.url, b);
    await table.getByText(b, { exact: true }).waitFor({ timeout: 180_000 });
    // The engine in use's tab: its own container appears live, the second one's is not there.
    await page.getByTestId('containers-engine-default').click();
    await runOn(FIRST, a);
    await table.getByText(a, { exact: true }).waitFor({ timeout: 180_000 });
    expect(await table.getByText(b, { exact: true }).count()).toBe(0);
    await page.getByTestId('containers-engine-second').click();
    await table.getByText(b, { exact: true }).waitFor({ timeout: 60_000 });
    expect(await table.getByText(a, { exact: true }).count()).toBe(0);

    // Its row's actions act on the second engine: stop, then remove (asking first; cancel keeps it).
    const onSecond = dockerOn(second.url);
    const row = page.locator('[role="row"]', { has: page.getByText(b, { exact: true }) });
    await row.getByRole('button', { name: `Stop ${b}` }).click();
    await row
      .getByTestId('container-state')
      .getByText(/^Exited/)
      .waitFor({ timeout: 60_000 });
    expect(await onSecond('inspect', '-f', '{{.State.Status}}', b)).toBe('exited');
    const dialog = page.getByTestId('confirm');
    await row.getByRole('button', { name: `Remove ${b}` }).click();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await onSecond('inspect', '-f', '{{.State.Status}}', b)).toBe('exited');
    await row.getByRole('button', { name: `Remove ${b}` }).click();
    await dialog.getByRole('button', { name: 'Remove' }).click();
    await row.waitFor({ state: 'detached', timeout: 60_000 });
    await expect(onSecond('inspect', b)).rejects.toThrow(/No such/i);
  }, 600_000);

  it("shows each engine's images under its own tab in the Images view, the kept one's live", async () => {
    const page = app.page;
    const a = uniqueName('two-engines-image-first');
    const b = uniqueName('two-engines-image-second');
    imagesOnFirst.push(`${a}:one`);
    await page.evaluate(() => (location.hash = '#/images'));
    const table = page.getByTestId('images-table');
    // The shared engine has many images (a virtual table shows only what fits): filter to this test's two.
    const filter = () => page.getByLabel('Filter images').fill('two-engines-image-');
    await page.getByTestId('images-engine-second').click();
    await filter();
    await page.getByText('Kept connected beside the engine in use').waitFor();
    expect(await page.getByTestId('images-engine-second').getAttribute('aria-selected')).toBe('true');
    await dockerOn(second.url)('tag', FIXTURE_BUSYBOX, `${b}:one`);
    await dockerOn(FIRST)('tag', FIXTURE_BUSYBOX, `${a}:one`);
    await table.getByText(b, { exact: true }).waitFor({ timeout: 120_000 });
    expect(await table.getByText(a, { exact: true }).count()).toBe(0);
    // Read-only there: no pull, and no row actions.
    expect(await page.getByRole('button', { name: 'Pull' }).count()).toBe(0);
    expect(await table.getByRole('button', { name: `Remove ${b}:one` }).count()).toBe(0);
    await page.getByTestId('images-engine-default').click();
    await filter();
    await table.getByText(a, { exact: true }).waitFor({ timeout: 120_000 });
    expect(await table.getByText(b, { exact: true }).count()).toBe(0);
    // The engine shown is shared by the views: back on the second one, the Containers view shows it too.
    await page.getByTestId('images-engine-second').click();
    await filter();
    await table.getByText(b, { exact: true }).waitFor({ timeout: 60_000 });
    await page.evaluate(() => (location.hash = '#/containers'));
    await page.locator('[data-testid="containers-engine-second"][aria-selected="true"]').waitFor({ timeout: 30_000 });
  }, 600_000);

  it('shows the second engine unreachable when it stops, while the first keeps working', async () => {
    const page = app.page;
    await second.stop();
    await page.locator('[data-testid="engine-status-second"][data-state="unreachable"]').waitFor({ timeout: 120_000 });
    expect(await page.getByTestId('engine-status').getAttribute('data-state')).toBe('connected');
    await page.getByTestId('kept-engine-unreachable').waitFor({ timeout: 60_000 });
    await page.getByTestId('containers-engine-default').click();
    const c = uniqueName('two-engines-after');
    onFirst.push(c);
    await runOn(FIRST, c);
    await page.getByTestId('containers-table').getByText(c, { exact: true }).waitFor({ timeout: 180_000 });
  }, 600_000);
});
