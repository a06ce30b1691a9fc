/**
 * The real desktop app: Electron launched by Playwright, the preload bridge, the sandboxed window, the engine
 * status and a container in the list. It needs Electron's binary (node_modules/electron/dist), which `npm
 * install` downloads on a laptop; where it cannot be downloaded the suite is skipped and says so.
 * Note: `require('electron')` would try to download the binary, so its presence is checked by hand.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { docker, FIXTURE_BUSYBOX, removeContainers, uniqueName } from '../helpers/docker';

const root = join(import.meta.dirname, '..', '..');
const electronDir = join(root, 'node_modules', 'electron');

function electronBinary(): string | undefined {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const p = join(process.env.ELECTRON_OVERRIDE_DIST_PATH, 'electron');
    return existsSync(p) ? p : undefined;
  }
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const p = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(p) ? p : undefined;
}

const executablePath = electronBinary();
const hasElectronBinary = executablePath !== undefined;

describe.skipIf(!hasElectronBinary)(
  'Electron desktop app (needs the Electron binary; not run where it cannot be downloaded)',
  () => {
    let app: ElectronApplication;
    let page: Page;
    const configDir = mkdtempSync(join(tmpdir(), 'berth-electron-'));
    const name = uniqueName('electron');

    beforeAll(async () => {
      await docker('run', '-d', '--name', name, FIXTURE_BUSYBOX, 'sleep', '300');
      app = await _electron.launch({
        executablePath,
        args: [root], // headless Linux: run the tests under xvfb-run
        cwd: root,
        env: { ...process.env, BERTH_CONFIG_DIR: configDir, ELECTRON_ENABLE_LOGGING: '1' },
        timeout: 60_000,
      });
      page = await app.firstWindow();
    });
    afterAll(async () => {
      await app?.close();
      await removeContainers(name);
      rmSync(configDir, { recursive: true, force: true });
    });

    it('opens a hardened window: isolated, sandboxed, no Node in the page', async () => {
      expect(await page.title()).toBe('Berth');
      // No Node in the page (nodeIntegration off, sandboxed, isolated): only the preload's message port.
      expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
      expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
      expect(await page.evaluate(() => typeof (window as { berthBridge?: unknown }).berthBridge)).toBe('object');
    });

    it('shows the first-run checklist on first launch, and closes it for good', async () => {
      const dialog = page.getByTestId('first-run');
      await dialog.getByTestId('env-engine').and(page.locator('[data-status="ok"]')).waitFor({ timeout: 30_000 });
      await dialog.getByRole('button', { name: 'Done' }).click();
      await dialog.getByRole('heading', { name: 'Welcome to Berth' }).waitFor({ state: 'detached' });
      const saved = JSON.parse(readFileSync(join(configDir, 'settings.json'), 'utf8')) as { firstRunDone: boolean };
      expect(saved.firstRunDone).toBe(true);
    });

    it('sees the engine status and lists a container', async () => {
      const status = page.getByTestId('engine-status');
      await status.and(page.locator('[data-state="connected"]')).waitFor({ timeout: 30_000 });
      expect(await status.textContent()).toContain('running');
      await page.getByRole('button', { name: 'Containers' }).click();
      await page.locator('[role="row"]', { has: page.getByText(name, { exact: true }) }).waitFor({ timeout: 15_000 });
    });

    it('remembers the window size for the next launch', async () => {
      await app.evaluate(({ BrowserWindow }) =>
        BrowserWindow.getAllWindows()[0]?.setBounds({ width: 1111, height: 777 }),
      );
      await expect
        .poll(
          () =>
            existsSync(join(configDir, 'window-state.json')) &&
            readFileSync(join(configDir, 'window-state.json'), 'utf8'),
          {
            timeout: 5000,
          },
        )
        .toMatch(/"width":1111/);
    });
  },
);
