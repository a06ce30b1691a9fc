/** Settings and the first-run checklist in Chromium over the web bridge, with a settings file in a temp dir. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWebApp, type WebApp } from '../helpers/browser';
import { eventually } from '../helpers/docker';

const configDir = mkdtempSync(join(tmpdir(), 'berth-e2e-settings-'));
process.env.BERTH_CONFIG_DIR = configDir;
let app: WebApp;

/** What this machine has, asked of the shell rather than of Berth's own lookup. */
const onPath = (name: string): boolean => {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
const runs = (file: string, ...args: string[]): boolean => {
  try {
    execFileSync(file, args, { stdio: 'ignore', timeout: 10_000 });
    return true;
  } catch {
    return false;
  }
};

beforeAll(async () => {
  app = await startWebApp('#/settings');
});
afterAll(async () => {
  await app.close();
  rmSync(configDir, { recursive: true, force: true });
});

const savedFile = () => JSON.parse(readFileSync(join(configDir, 'settings.json'), 'utf8')) as Record<string, unknown>;
const theme = () => app.page.evaluate(() => document.documentElement.dataset.theme);
const background = () => app.page.evaluate(() => getComputedStyle(document.body).backgroundColor);

describe('Settings view in Chromium over the web bridge', () => {
  it('loads and says where the settings live', async () => {
    const view = app.page.getByTestId('settings-view');
    await view.getByText(join(configDir, 'settings.json')).waitFor();
    expect(await theme()).toBe('system');
  });

  it('changes the theme and a setting; both survive a reload', async () => {
    const page = app.page;
    await page.getByRole('radio', { name: 'Dark' }).check();
    await eventually('the dark theme', async () => (await theme()) === 'dark');
    expect(await background()).toBe('rgb(11, 15, 23)');
    await page.getByLabel('Default namespace').fill('team-a');
    await page.getByLabel('Bind published ports to 127.0.0.1').uncheck();
    await page.getByTestId('settings-save').click();
    await eventually('the file', () => savedFile().defaultNamespace === 'team-a');
    expect(savedFile()).toMatchObject({ theme: 'dark', defaultNamespace: 'team-a', bindLocalhost: false });

    await page.reload();
    await page.getByTestId('settings-view').waitFor();
    await eventually('the theme after reload', async () => (await theme()) === 'dark');
    expect(await page.getByLabel('Default namespace').inputValue()).toBe('team-a');
    expect(await page.getByLabel('Bind published ports to 127.0.0.1').isChecked()).toBe(false);
    expect(await page.getByRole('radio', { name: 'Dark' }).isChecked()).toBe(true);

    await page.getByRole('radio', { name: 'Light' }).check();
    await eventually('the light theme', async () => (await theme()) === 'light');
    expect(await background()).toBe('rgb(246, 247, 249)');
  });

  it('shows what is wrong with an invalid value and does not save it', async () => {
    const page = app.page;
    await page.getByLabel('Default namespace').fill('Not Valid!');
    await page.getByTestId('settings-save').click();
    await page.getByTestId('error-defaultNamespace').waitFor();
    expect(savedFile().defaultNamespace).toBe('team-a');
    await page.getByRole('button', { name: 'Discard changes' }).click();
    expect(await page.getByLabel('Default namespace').inputValue()).toBe('team-a');
  });

  it('connects to another engine socket as soon as it is saved, and back', async () => {
    const page = app.page;
    const status = page.getByTestId('engine-status');
    await page.getByLabel('Engine socket').fill('unix:///tmp/berth-e2e-elsewhere.sock');
    await page.getByTestId('settings-save').click();
    await page.locator('[data-testid="engine-status"][data-state="unreachable"]').waitFor({ timeout: 30_000 });
    expect(await status.textContent()).toContain('unix:///tmp/berth-e2e-elsewhere.sock');
    expect(await page.getByTestId('restart-required').count()).toBe(0);
    await page.getByLabel('Engine socket').fill('');
    await page.getByTestId('settings-save').click();
    await page.locator('[data-testid="engine-status"][data-state="connected"]').waitFor({ timeout: 30_000 });
  });
});

describe('first-run checklist', () => {
  it('lists docker, compose, kind and kubectl found or missing as on this machine', async () => {
    const list = app.page.getByTestId('settings-view').getByTestId('env-checklist');
    await list.getByTestId('env-kubeconfig').waitFor({ timeout: 30_000 });
    const status = (id: string) => list.getByTestId(`env-${id}`).getAttribute('data-status');
    expect(await status('engine')).toBe('ok');
    expect(await status('docker')).toBe(onPath('docker') ? 'ok' : 'missing');
    const compose = (onPath('docker') && runs('docker', 'compose', 'version')) || onPath('docker-compose');
    expect(await status('compose')).toBe(compose ? 'ok' : 'missing');
    expect(await status('kind')).toBe(onPath('kind') ? 'ok' : 'missing');
    expect(await status('kubectl')).toBe(onPath('kubectl') ? 'ok' : 'missing');
    for (const id of ['docker', 'compose', 'kind', 'kubectl']) {
      const row = list.getByTestId(`env-${id}`);
      if ((await row.getAttribute('data-status')) === 'ok')
        expect(await row.getByTestId('env-version').textContent()).toMatch(/\d+\.\d+/);
      else expect(await row.getByTestId('env-fix').textContent()).toMatch(/\S/);
    }
  });

  it('opens from Settings as a dialog, and Done marks the first run as done', async () => {
    const page = app.page;
    await page.getByTestId('open-first-run').click();
    const dialog = page.getByTestId('first-run');
    await dialog.getByRole('heading', { name: 'Welcome to Berth' }).waitFor();
    await dialog.getByTestId('env-engine').waitFor();
    await dialog.getByRole('button', { name: 'Done' }).click();
    await dialog.getByRole('heading', { name: 'Welcome to Berth' }).waitFor({ state: 'detached' });
    await eventually('firstRunDone', () => savedFile().firstRunDone === true);
  });
});
