/**
 * 9. Stats: N (default 50) running busybox containers. The bridge's CPU (/proc/<pid>/stat) over a window
 * with the Containers view open (the live CPU/memory cells are fed by one poller that calls
 * `containers.usage` every few seconds for the running rows in the viewport) vs the same window length with
 * the Images view open (no live cells) in the same page. What the page really asks for is counted from its
 * WebSocket frames: the `containers.usage` calls in each window and how many containers each named, beside
 * the rows in the viewport; and any `containers.stats` streams left open (subscribe − unsubscribe − end),
 * which the table no longer uses (the detail page's Stats tab does).
 */
import type { Page } from 'playwright-core';
import type { BenchContext } from './context';
import { benchContainers, createContainers } from './load';
import { cpuSeconds } from './procStat';
import { row, type ResultRow } from './result';
import { sleep } from './stats';

const SECTION = '9 stats';

interface Frame {
  type?: string;
  id?: number;
  method?: string;
  input?: { ids?: unknown };
}

/** What the page asked main for, from its WebSocket frames: usage calls since `reset()`, and open stats streams. */
function watchFrames(page: Page): {
  reset(): void;
  usage(): { calls: number; maxIds: number };
  openStreams(): number;
} {
  const open = new Set<number>();
  let calls = 0;
  let maxIds = 0;
  const parse = (payload: string | Buffer): Frame => {
    try {
      return JSON.parse(String(payload)) as Frame;
    } catch {
      return {};
    }
  };
  page.on('websocket', (ws) => {
    ws.on('framesent', ({ payload }) => {
      const m = parse(payload);
      if (m.type === 'call' && m.method === 'containers.usage') {
        calls++;
        maxIds = Math.max(maxIds, Array.isArray(m.input?.ids) ? m.input.ids.length : 0);
      } else if (m.type === 'subscribe' && m.method === 'containers.stats' && m.id !== undefined) open.add(m.id);
      else if (m.type === 'unsubscribe' && m.id !== undefined) open.delete(m.id);
    });
    ws.on('framereceived', ({ payload }) => {
      const m = parse(payload);
      if (m.type === 'end' && m.id !== undefined) open.delete(m.id);
    });
  });
  return {
    reset() {
      calls = 0;
      maxIds = 0;
    },
    usage: () => ({ calls, maxIds }),
    openStreams: () => open.size,
  };
}

/** The containers table's rows at least partly inside its scrolled viewport (not overscan rows). */
const rowsInViewport = (page: Page): Promise<number> =>
  page.evaluate(() => {
    const body = document.querySelector('[data-testid="containers-table"] .table-body');
    if (!body) return 0;
    const box = body.getBoundingClientRect();
    return [...body.querySelectorAll('[role="row"][data-key]')].filter((r) => {
      const b = r.getBoundingClientRect();
      return b.bottom > box.top && b.top < box.bottom;
    }).length;
  });

export async function measureStatsView(ctx: BenchContext): Promise<ResultRow[]> {
  const want = ctx.config.statsRunning;
  const seconds = ctx.config.statsSeconds;
  const have = (await benchContainers('stats')).filter((c) => c.State === 'running').length;
  if (want > have) await createContainers('stats', want - have, ctx.config.parallel, { start: true, from: have });
  const running = (await benchContainers()).filter((c) => c.State === 'running').length;

  const page = await ctx.browser.newPage({ viewport: { width: 1400, height: 900 } });
  const frames = watchFrames(page);
  try {
    await page.addInitScript('globalThis.__name = (f) => f;');
    await page.goto(`${ctx.bridge.url}#/containers`);
    await page.locator('[data-testid="engine-status"][data-state="connected"]').waitFor({ timeout: 20_000 });
    await page.locator('[role="row"][data-key]').first().waitFor({ timeout: 20_000 });
    const pid = ctx.bridge.pid;
    const cpuWindow = async (): Promise<number> => {
      await sleep(5000); // settle: first readings in / cells gone and their readings lingered out (3 s)
      frames.reset();
      const c0 = cpuSeconds(pid);
      await sleep(seconds * 1000);
      return ((cpuSeconds(pid) - c0) / seconds) * 100;
    };
    ctx.log(`stats: ${seconds} s with the Containers view open, ${running} running containers`);
    const withStats = await cpuWindow();
    const usage = frames.usage();
    const rowsInDom = await page.locator('[role="row"][data-key]').count();
    const inView = await rowsInViewport(page);
    const streamsWith = frames.openStreams();
    ctx.log(`stats: ${seconds} s with the Images view open`);
    await page.evaluate(() => (location.hash = '#/images'));
    const without = await cpuWindow();
    const usageWithout = frames.usage();
    const streamsWithout = frames.openStreams();
    return [
      row({
        section: SECTION,
        measurement: `bridge CPU, ${running} running containers, Containers view open (${seconds} s)`,
        unit: '% core',
        berth: withStats,
        baseline: without,
        baselineLabel: 'Images view open (no live cells), same length',
        samples: 1,
        note:
          `${usage.calls} containers.usage calls in the window, each for at most ${usage.maxIds} containers ` +
          `(${inView} rows in the viewport, ${rowsInDom} in the DOM, of ${running} running); ` +
          `${usageWithout.calls} calls with the Images view; containers.stats streams open: ${streamsWith} / ${streamsWithout}`,
      }),
      row({
        section: SECTION,
        measurement: 'containers named per containers.usage call: Containers view (max) vs Images view (calls)',
        unit: 'containers',
        berth: usage.maxIds,
        baseline: usageWithout.calls,
        baselineLabel: 'usage calls with the Images view',
        goal: 'only running rows in the viewport (< running containers); none off the view',
        check: (b) =>
          usage.calls > 0 && b > 0 && b <= inView && b < running && usageWithout.calls === 0 && streamsWith === 0,
      }),
    ];
  } finally {
    await page.close().catch(() => {});
  }
}
