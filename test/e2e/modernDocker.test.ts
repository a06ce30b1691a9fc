/**
 * The new pages in Chromium over the web bridge, against Debian's engine with the buildx plugin present:
 * Settings › Registries (a wrong password, a right one, log out — and the password nowhere in the page or
 * its storage once submitted), the Disk usage view (prune asks twice for volumes; cancelling keeps them),
 * and a BuildKit build in the build dialog (steps with their state, the failing step's output).
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebApp, type WebApp } from '../helpers/browser';
import { docker, eventually, removeFolders, removeVolumes, tempFolder, uniqueName } from '../helpers/docker';
import { useTempDockerConfig } from '../helpers/engines';
import { startTlsRegistry, type TlsRegistry } from '../helpers/tlsRegistry';

const configDir = mkdtempSync(join(tmpdir(), 'berth-e2e-modern-'));
process.env.BERTH_CONFIG_DIR = configDir;
const PASSWORD = `e2e-${Math.random().toString(36).slice(2)}-Secret`;
let app: WebApp;
let registry: TlsRegistry;
let dockerConfig: ReturnType<typeof useTempDockerConfig>;
const volumes: string[] = [];
const dirs: string[] = [];

beforeAll(async () => {
  dockerConfig = useTempDockerConfig();
  registry = await startTlsRegistry('e2e-user', PASSWORD);
  app = await startWebApp('#/settings');
});
afterAll(async () => {
  await app?.close();
  await registry?.stop();
  dockerConfig?.dispose();
  await removeVolumes(...volumes);
  removeFolders(dirs);
  rmSync(configDir, { recursive: true, force: true });
});

/** Everything the page holds: its markup, every input's value, and its storage. */
const pageText = () =>
  app.page.evaluate(
    () =>
      document.documentElement.outerHTML +
      [...document.querySelectorAll('input')].map((i) => i.value).join('\n') +
      JSON.stringify({ ...localStorage }) +
      JSON.stringify({ ...sessionStorage }),
  );

describe('Settings › Registries', () => {
  it('refuses a wrong password, logs in with the right one, logs out; the password never stays in the page', async () => {
    const page = app.page;
    const section = page.getByTestId('registries');
    await section.getByText('Not logged in to any registry.').waitFor();
    await section.getByLabel('Registry').fill(registry.host);
    await section.getByLabel('User name').fill('e2e-user');
    await section.getByLabel('Password or token').fill('wrong-one');
    await section.getByRole('button', { name: 'Log in' }).click();
    await section.getByRole('alert').getByText(`${registry.host} refused the user name or password.`).waitFor();
    expect(await section.getByLabel('Password or token').inputValue()).toBe('');

    await section.getByLabel('Password or token').fill(PASSWORD);
    await section.getByRole('button', { name: 'Log in' }).click();
    const row = section.getByTestId('registry-list').getByRole('listitem');
    await row.getByText(registry.host).waitFor();
    expect(await row.textContent()).toContain('e2e-user');
    expect(await pageText()).not.toContain(PASSWORD);

    await row.getByRole('button', { name: `Log out of ${registry.host}` }).click();
    await page.getByTestId('confirm').getByRole('button', { name: 'Log out' }).click();
    await section.getByText('Not logged in to any registry.').waitFor();
    expect(await pageText()).not.toContain(PASSWORD);
  });
});

describe('Disk usage view', () => {
  it('shows each type with what is reclaimable; a volume prune asks twice, and Cancel keeps the volume', async () => {
    const page = app.page;
    const name = uniqueName('e2e-unused');
    volumes.push(name);
    await docker('volume', 'create', name);
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('button', { name: /Disk usage/ })
      .click();
    const view = page.getByTestId('disk-view');
    for (const kind of ['images', 'containers', 'volumes', 'buildCache'])
      await view.getByTestId(`disk-${kind}`).waitFor();
    await view.getByRole('button', { name: 'Prune Volumes' }).click();
    const dialog = page.getByTestId('disk-prune-dialog');
    await dialog.getByRole('radio', { name: /All volumes no container uses/ }).check();
    await dialog.getByTestId('disk-prune-list').getByText(name).waitFor();
    await dialog.getByRole('button', { name: /^Delete \d+ volumes?…$/ }).click();
    const second = page.getByTestId('confirm');
    await second.getByText(/cannot be undone/).waitFor();
    await second.getByRole('button', { name: 'Cancel' }).click();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await docker('volume', 'inspect', '-f', '{{.Name}}', name)).toBe(name);
  });
});

describe('Build dialog with BuildKit', () => {
  it('shows each step with its state, and marks the failing one with its output; prune images', async () => {
    const page = app.page;
    const dir = tempFolder('berth-e2e-bk-', {}, dirs);
    cpSync(join(import.meta.dirname, '..', 'fixtures', 'build', 'three-stage'), dir, { recursive: true });
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('button', { name: /Images/ })
      .click();
    await page.getByRole('button', { name: 'Build', exact: true }).click();
    const dialog = page.getByTestId('build-dialog');
    await dialog.getByLabel('Folder').fill(dir);
    await dialog.getByLabel('Dockerfile').fill('Dockerfile.fail');
    await dialog.getByRole('button', { name: 'Build', exact: true }).click();
    const failure = dialog.getByTestId('build-failure');
    await failure.waitFor({ timeout: 90_000 });
    const steps = dialog.getByTestId('build-steps');
    expect(await steps.locator('[data-status="failed"]').textContent()).toMatch(/\[build 1\/1\] RUN cat/);
    expect(await steps.locator('[data-status="done"]').count()).toBeGreaterThan(0);
    expect(await failure.getByTestId('failing-output').textContent()).toContain('failing now');
    expect(await failure.locator('[data-failing]').textContent()).toMatch(/^7RUN cat \/greeting.txt/);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await eventually('the dialog closed', async () => !(await dialog.isVisible()));
    // The Images view's Prune… is the same preview-first dialog, for images.
    await page.getByRole('button', { name: 'Prune…' }).click();
    const prune = page.getByTestId('disk-prune-dialog');
    await prune.getByRole('heading', { name: 'Prune images' }).waitFor();
    await prune.getByTestId('disk-prune-summary').waitFor();
    await prune.getByRole('button', { name: 'Cancel' }).click();
  });
});
