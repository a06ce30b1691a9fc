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

/**
 * Epoch milliseconds with sub-millisecond resolution, comparable with the page's timeOrigin + now() once
 * corrected by pageClockOffset.
 */
export const epochNow = (): number => performance.timeOrigin + performance.now();

/**
 * How far the page's timeOrigin + now() is ahead of epochNow(), by the quickest of five round trips. Two
 * processes' epochs agree only while the wall clock was not stepped between their starts: on a new machine
 * whose clock was set after the bench began, a page's stamps were 33 s off.
 */
export async function pageClockOffset(page: Page): Promise<number> {
  let best = { rtt: Infinity, offset: 0 };
  for (let i = 0; i < 5; i++) {
    const t0 = epochNow();
    const inPage = await page.evaluate(() => performance.timeOrigin + performance.now());
    const t1 = epochNow();
    if (t1 - t0 < best.rtt) best = { rtt: t1 - t0, offset: inPage - (t0 + t1) / 2 };
  }
  return best.offset;
}
