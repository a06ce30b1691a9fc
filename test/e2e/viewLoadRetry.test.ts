/**
 * A view whose stylesheet fetch fails once (as on a busy machine in CI: "Unable to preload CSS") still opens,
 * styled: the page drops the failed link and fetches it again, in real Chromium over the web bridge.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebApp, type WebApp } from '../helpers/browser';

let app: WebApp;
beforeAll(async () => {
  app = await startWebApp('#/dashboard');
}, 60_000);
afterAll(async () => app?.close());

describe('loading a view', () => {
  it('opens the Containers view, styled, after its stylesheet failed to load once', async () => {
    const { page } = app;
    const aborted: string[] = [];
    await page.route('**/assets/containers-*.css', async (route) => {
      if (aborted.length === 0) {
        aborted.push(route.request().url());
        await route.abort('connectionreset');
      } else await route.continue();
    });
    await page.reload();
    await page.locator('[data-testid="engine-status"][data-state="connected"]').waitFor({ timeout: 20_000 });
    await page.evaluate(() => (location.hash = '#/containers'));
    await page.getByTestId('containers-table').waitFor({ timeout: 20_000 });
    expect(aborted).toHaveLength(1);
    // Every stylesheet of the page is loaded: the failed link was replaced, not kept.
    const sheets = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')].map((l) => [l.href, l.sheet !== null]),
    );
    expect(sheets.filter(([href]) => String(href).includes('/assets/containers-'))).toEqual([
      [expect.stringContaining('/assets/containers-'), true],
    ]);
  });
});
