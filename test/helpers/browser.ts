/**
 * Starts the web bridge in-process and opens it in Debian's real Chromium through playwright-core; takes the
 * README's pictures (readmeScreenshot).
 */
import { afterAll, beforeAll } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createBackend, type Backend, type BackendOptions } from '../../main/backend';
import { webShell } from '../../main/services';
import { startWebBridge, type WebBridge } from '../../main/ipc/webBridge';
import { removeContainers } from './docker';

export const CHROMIUM = process.env.BERTH_CHROMIUM ?? '/usr/bin/chromium';
export const RENDERER_DIR = join(import.meta.dirname, '..', '..', 'dist', 'renderer');

/**
 * A README picture: taken every run into test-results/readme/ (so a page that cannot draw fails the test), and
 * copied over the tracked assets/NAME only when BERTH_UPDATE_SCREENSHOTS=1, so a local run leaves the tree clean.
 */
export async function readmeScreenshot(page: Page, name: string): Promise<void> {
  const root = join(import.meta.dirname, '..', '..');
  const out = join(root, 'test-results', 'readme');
  mkdirSync(out, { recursive: true });
  await page.screenshot({ path: join(out, name) });
  if (process.env.BERTH_UPDATE_SCREENSHOTS === '1') copyFileSync(join(out, name), join(root, 'assets', name));
}

export interface WebApp {
  backend: Backend;
  bridge: WebBridge;
  browser: Browser;
  page: Page;
  close(): Promise<void>;
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export async function startWebApp(hash = '', options: Partial<BackendOptions> = {}): Promise<WebApp> {
  if (!existsSync(join(RENDERER_DIR, 'index.html')))
    throw new Error('dist/renderer is missing: run `npm run build` first');
  const backend = createBackend({ shell: webShell, validateOutputs: 'fail', ...options });
  const bridge = await startWebBridge({
    router: backend.router,
    root: RENDERER_DIR,
    download: (token) => backend.services.logSessions.takeDownload(token),
  });
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${bridge.url}${hash}`);
  return {
    backend,
    bridge,
    browser,
    page,
    close: async () => {
      await browser.close();
      await bridge.close();
      backend.dispose();
      if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
    },
  };
}

export interface WebAppSession {
  /** The app, once the file's beforeAll has opened it. */
  readonly app: WebApp;
  /** Containers the tests made, removed after them. */
  created: string[];
}

/** Opens the web app at `hash` before this file's tests; after them removes `created` and closes the app. */
export function useWebApp(hash: string): WebAppSession {
  let app: WebApp | undefined;
  const session: WebAppSession = {
    get app() {
      if (!app) throw new Error('the web app is not open');
      return app;
    },
    created: [],
  };
  beforeAll(async () => {
    app = await startWebApp(hash);
  });
  afterAll(async () => {
    await removeContainers(...session.created);
    await session.app.close();
  });
  return session;
}
