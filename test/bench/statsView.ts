/**
 * 9. Stats: N (default 50) running busybox containers. The bridge's CPU (/proc/<pid>/stat) over a window
 * with the Containers view open (live CPU/memory cells stream `containers.stats` for the rows on screen)
 * vs the same window length with the Images view open (no stats) in the same page. The stats streams the
 * page has open are counted from its WebSocket frames (subscribe − unsubscribe − end for containers.stats).
 */
import type { Page } from 'playwright-core';
import type { BenchContext } from './context';
import { benchContainers, createContainers } from './load';
import { cpuSeconds } from './procStat';
import { row, type ResultRow } from './result';
import { sleep } from './stats';

const SECTION = '9 stats';

/** Counts the page's open containers.stats subscriptions from its WebSocket frames. */
function countStatsStreams(page: Page): { open(): number; opened(): number } {
  const open = new Set<number>();
  let opened = 0;
  const parse = (payload: string | Buffer): { type?: string; id?: number; method?: string } => {
    try {
      return JSON.parse(String(payload)) as { type?: string; id?: number; method?: string };
    } catch {
      return {};
    }
  };
  page.on('websocket', (ws) => {
    ws.on('framesent', ({ payload }) => {
      const m = parse(payload);
      if (m.type === 'subscribe' && m.method === 'containers.stats' && m.id !== undefined) {
        open.add(m.id);
        opened++;
      } else if (m.type === 'unsubscribe' && m.id !== undefined) open.delete(m.id);
    });
    ws.on('framereceived', ({ payload }) => {
      const m = parse(payload);
      if (m.type === 'end' && m.id !== undefined) open.delete(m.id);
    });
  });
  return { open: () => open.size, opened: () => opened };
}

export async function measureStatsView(ctx: BenchContext): Promise<ResultRow[]> {
  const want = ctx.config.statsRunning;
  const seconds = ctx.config.statsSeconds;
  const have = (await benchContainers('stats')).filter((c) => c.State === 'running').length;
  if (want > have) await createContainers('stats', want - have, ctx.config.parallel, { start: true, from: have });
  const running = (await benchContainers()).filter((c) => c.State === 'running').length;

  const page = await ctx.browser.newPage({ viewport: { width: 1400, height: 900 } });
  const streams = countStatsStreams(page);
  try {
    await page.addInitScript('globalThis.__name = (f) => f;');
    await page.goto(`${ctx.bridge.url}#/containers`);
    await page.locator('[data-testid="engine-status"][data-state="connected"]').waitFor({ timeout: 20_000 });
    await page.locator('[role="row"][data-key]').first().waitFor({ timeout: 20_000 });
    const pid = ctx.bridge.pid;
    const cpuWindow = async (): Promise<number> => {
      await sleep(5000); // settle: streams open / linger out (3 s)
      const c0 = cpuSeconds(pid);
      await sleep(seconds * 1000);
      return ((cpuSeconds(pid) - c0) / seconds) * 100;
    };
    ctx.log(`stats: ${seconds} s with the Containers view open, ${running} running containers`);
    const withStats = await cpuWindow();
    const rowsOnScreen = await page.locator('[role="row"][data-key]').count();
    const openWithStats = streams.open();
    ctx.log(`stats: ${seconds} s with the Images view open`);
    await page.evaluate(() => (location.hash = '#/images'));
    const without = await cpuWindow();
    const openWithout = streams.open();
    return [
      row({
        section: SECTION,
        measurement: `bridge CPU, ${running} running containers, Containers view open (${seconds} s)`,
        unit: '% core',
        berth: withStats,
        baseline: without,
        baselineLabel: 'Images view open (no stats), same length',
        samples: 1,
        note: `${openWithStats} containers.stats streams open for ${rowsOnScreen} rows in the DOM (of ${running} running); ${openWithout} open with the Images view; ${streams.opened()} opened in all; ≈ ${openWithStats ? ((withStats - without) / openWithStats).toFixed(3) : '–'} % core per stream`,
      }),
      row({
        section: SECTION,
        measurement: 'stats streams open: Containers view vs Images view',
        unit: 'streams',
        berth: openWithStats,
        baseline: openWithout,
        baselineLabel: 'Images view',
        goal: 'only rows on screen (< running containers)',
        check: (b) => b <= rowsOnScreen && b < running && openWithout === 0,
      }),
    ];
  } finally {
    await page.close().catch(() => {});
  }
}
