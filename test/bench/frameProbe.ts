/**
 * Frame times in a page: requestAnimationFrame deltas recorded between startFrames and stopFrames (the
 * cluster map of 8 and the scale item 17), and their one-line summary. rAF deltas cannot go below the
 * display's vsync interval (16.7 ms at 60 Hz in headless Chromium).
 */
import type { Page } from 'playwright-core';
import { quantile } from './stats';

interface FrameWindow {
  __benchFrames?: { on: boolean; last: number; deltas: number[] };
}

/** A frame time under this is one vsync at 60 Hz (16.7 ms, with the timer's jitter). */
export const ONE_VSYNC_MS = 17.5;

export async function startFrames(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as FrameWindow;
    const f = { on: true, last: performance.now(), deltas: [] as number[] };
    if (w.__benchFrames) w.__benchFrames.on = false;
    w.__benchFrames = f;
    const tick = (t: number) => {
      if (!f.on) return;
      f.deltas.push(t - f.last);
      f.last = t;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame((t) => {
      f.last = t;
      requestAnimationFrame(tick);
    });
  });
}

export async function stopFrames(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    const f = (window as unknown as FrameWindow).__benchFrames;
    if (!f) return [];
    f.on = false;
    return f.deltas;
  });
}

/**
 * "p50 / p95 / max over N frames, P % over one vsync, K > 50 ms": p95 is one vsync while under 5 % of the
 * frames took longer, so that share says how near the edge a run was.
 */
export const formatFrames = (xs: number[]): string =>
  `p50 ${quantile(xs, 0.5).toFixed(1)} / p95 ${quantile(xs, 0.95).toFixed(1)} / max ${Math.max(...xs).toFixed(0)} ms over ${xs.length} frames, ` +
  `${((xs.filter((d) => d > ONE_VSYNC_MS).length / Math.max(1, xs.length)) * 100).toFixed(1)} % over one vsync, ${xs.filter((d) => d > 50).length} > 50 ms`;
