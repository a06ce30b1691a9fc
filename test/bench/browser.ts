/** Chromium pages on the bridge process: the same renderer the Electron window loads. */
import type { Browser, Page } from 'playwright-core';
import type { BridgeProcess } from './bridge';

export async function openView(browser: Browser, bridge: BridgeProcess, view: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  // tsx (esbuild keepNames) wraps functions passed to page.evaluate in __name(); give the page one.
  await page.addInitScript('globalThis.__name = (f) => f;');
  page.on('pageerror', (e) => process.stderr.write(`[bench] page error: ${String(e)}\n`));
  await page.goto(`${bridge.url}#/${view}`);
  await page.locator('[data-testid="engine-status"][data-state="connected"]').waitFor({ timeout: 20_000 });
  return page;
}

/** Epoch milliseconds with sub-millisecond resolution, comparable with the page's timeOrigin + now(). */
export const epochNow = (): number => performance.timeOrigin + performance.now();
