/**
 * 4 (whole log). A container prints N lines (default 1,000,000); Berth keeps its whole log as a log session
 * (main's spool on disk) and serves it in windows. Measured in one run beside same-run baselines:
 * - the session has every line (open → N lines kept) vs `docker logs` reading the same log;
 * - a search across every line (the view's default: plain text, any case; and with case) vs
 *   `docker logs | grep -c` (grep -i for the first);
 * - in Chromium, the Logs tab over that log: "Go to line" 500,000 → the line painted (the page's own
 *   clock, from the submit to the animation frame after the row is in the DOM), alternating with other
 *   far lines; the longest gap between animation frames while jumping and searching;
 * - the bridge's (main's) resident memory and the renderer's JS heap after all that vs before opening.
 * Following the end of a growing log vs `docker logs -f` is logsView.ts (`logsview`), which uses the same view.
 */
import { spawn } from 'node:child_process';
import type { Page } from 'playwright-core';
import { BENCH_PREFIX } from './config';
import type { BenchContext } from './context';
import { engineJson } from './engine';
import { containerSpec } from './load';
import { rssMiB } from './procStat';
import { notMeasured, row, type ResultRow } from './result';
import { median, now } from './stats';
import type { LogSessionEvent } from '../../contract/logs';

const SECTION = '4 logs';
const MiB = 1024 * 1024;

function sh(command: string): Promise<{ ms: number; out: string }> {
  return new Promise((resolve, reject) => {
    const t0 = now();
    const child = spawn('sh', ['-c', command], { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      if (out.length < 4096) out += String(c);
    });
    child.on('error', reject);
    child.on('close', () => resolve({ ms: now() - t0, out: out.trim() }));
  });
}

/** Opens a session over the bridge's WebSocket; resolves when every line is kept. */
function openSession(
  ctx: BenchContext,
  id: string,
): Promise<{ ms: number; session: string; lines: number; close(): void }> {
  return new Promise((resolve, reject) => {
    const t0 = now();
    let session = '';
    const sub = ctx.ws.api.containers.logSession.subscribe(
      { id },
      {
        onEvent: (e: LogSessionEvent) => {
          if (e.type === 'opened') session = e.session;
          else if (!e.following) resolve({ ms: now() - t0, session, lines: e.lines, close: () => sub.unsubscribe() });
        },
        onEnd: (error) => reject(new Error(error?.message ?? 'the session ended')),
      },
    );
  });
}

function searchOnce(
  ctx: BenchContext,
  session: string,
  text: string,
  caseSensitive: boolean,
): Promise<{ ms: number; count: number }> {
  return new Promise((resolve, reject) => {
    const t0 = now();
    const sub = ctx.ws.api.logs.search.subscribe(
      { session, text, caseSensitive },
      {
        onEvent: (e) => {
          if (!e.done) return;
          sub.unsubscribe();
          resolve({ ms: now() - t0, count: e.count });
        },
        onEnd: (error) => error && reject(new Error(error.message)),
      },
    );
  });
}

interface Probe {
  __gaps?: number[];
  __gapRun?: boolean;
}

/** In the page: go to a line through the "Go to line" box; ms from submit to the frame after it shows. */
async function jumpInPage(page: Page, line: number): Promise<number> {
  return page.evaluate(async (n) => {
    const input = document.querySelector<HTMLInputElement>('input[aria-label="Go to line"]');
    if (!input?.form) throw new Error('no Go to line box');
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
    setter?.call(input, String(n));
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise((r) => setTimeout(r, 50));
    const t0 = performance.now();
    input.form.requestSubmit();
    const want = String(n);
    for (;;) {
      await new Promise((r) => requestAnimationFrame(r));
      const el = document.querySelector(`[data-line="${n - 1}"] .log-text`);
      if (el?.textContent === want) {
        await new Promise((r) => requestAnimationFrame(r));
        return performance.now() - t0;
      }
      if (performance.now() - t0 > 10_000) throw new Error(`line ${n} not painted in 10 s`);
    }
  }, line);
}

export async function measureLogSession(ctx: BenchContext): Promise<ResultRow[]> {
  const n = ctx.config.logLines;
  const spec = { ...containerSpec('logsession'), Cmd: ['seq', '1', String(n)] };
  const name = `${BENCH_PREFIX}-logsession-${Date.now().toString(36)}`;
  const { Id } = await engineJson<{ Id: string }>('POST', `/containers/create?name=${name}`, spec);
  try {
    return await measure(ctx, Id, n);
  } finally {
    await engineJson('DELETE', `/containers/${Id}?force=1`).catch(() => {});
  }
}

async function measure(ctx: BenchContext, Id: string, n: number): Promise<ResultRow[]> {
  const rows: ResultRow[] = [];
  await engineJson('POST', `/containers/${Id}/start`);
  await engineJson('POST', `/containers/${Id}/wait`);
  const rss0 = rssMiB(ctx.bridge.pid);

  // 1. Every line kept, vs docker logs reading it.
  const cliRead = await sh(`docker logs ${Id} > /dev/null`);
  ctx.log(`log session: docker logs ${cliRead.ms.toFixed(0)} ms`);
  const opened = await openSession(ctx, Id);
  ctx.log(`log session: ${opened.lines} lines kept in ${opened.ms.toFixed(0)} ms`);
  rows.push(
    row({
      section: SECTION,
      measurement: `whole log, ${n.toLocaleString('en')} lines: session open → every line kept on disk`,
      berth: opened.ms,
      baseline: cliRead.ms,
      baselineLabel: 'docker logs > /dev/null',
      goal: 'every line kept',
      check: () => opened.lines === n,
      samples: 1,
      note: `${opened.lines.toLocaleString('en')} lines kept`,
    }),
  );

  // 2. Search every line vs docker logs | grep -c, alternating, 3 each.
  for (const [label, caseSensitive, grep] of [
    ['any case (the view’s default)', false, 'grep -ci'],
    ['match case', true, 'grep -c'],
  ] as const) {
    const term = '4242';
    const berth: number[] = [];
    const cli: number[] = [];
    let counts = '';
    for (let i = 0; i < 3; i++) {
      const c = await sh(`docker logs ${Id} | ${grep} ${term}`);
      cli.push(c.ms);
      const b = await searchOnce(ctx, opened.session, term, caseSensitive);
      berth.push(b.ms);
      counts = `Berth ${b.count}, grep ${c.out}`;
    }
    const same = counts.split(', ').map((s) => s.split(' ')[1]);
    rows.push(
      row({
        section: SECTION,
        measurement: `search "${term}" across all ${n.toLocaleString('en')} lines, ${label}`,
        berth: median(berth),
        baseline: median(cli),
        baselineLabel: `docker logs | ${grep}`,
        goal: '≤ 1.5× and the same count',
        check: (_b, _c, ratio) => ratio !== null && ratio <= 1.5 && same[0] === same[1],
        samples: berth.length,
        note: `matching lines: ${counts}`,
      }),
    );
  }

  // 3. The Logs tab: jump to line 500,000 → painted.
  const page = await ctx.browser.newPage({ viewport: { width: 1400, height: 900 } });
  const cdp = await page.context().newCDPSession(page);
  try {
    await page.addInitScript('globalThis.__name = (f) => f;');
    await cdp.send('Performance.enable');
    await page.goto(`${ctx.bridge.url}#/containers/${Id}`);
    await page
      .getByTestId('log-status')
      .getByText(`${n.toLocaleString('en-US')} lines`)
      .waitFor({ timeout: 600_000 });
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = async () => {
      const { metrics } = (await cdp.send('Performance.getMetrics')) as {
        metrics: Array<{ name: string; value: number }>;
      };
      return (metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0) / MiB;
    };
    const heapOpen = await heap();
    await page.evaluate(() => {
      const w = window as unknown as Probe;
      w.__gaps = [];
      w.__gapRun = true;
      let prev = 0;
      const tick = (t: number) => {
        if (prev) w.__gaps?.push(t - prev);
        prev = t;
        if (w.__gapRun) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    const jumps: number[] = [];
    const half = Math.floor(n / 2);
    const targets = [half, 10, Math.floor(n * 0.75), half, n - 1000, Math.floor(n / 4), half];
    for (const line of targets) jumps.push(await jumpInPage(page, line));
    const mid = jumps.filter((_, i) => targets[i] === half);
    // Search in the page too (the count on screen), while the frames are watched.
    const t0 = now();
    await page.getByLabel('Search logs').fill('4242');
    await page
      .getByTestId('log-match-position')
      .getByText(/^1 of /)
      .waitFor({ timeout: 60_000 });
    const searchPaint = now() - t0;
    const gaps = await page.evaluate(() => {
      const w = window as unknown as Probe;
      w.__gapRun = false;
      return w.__gaps ?? [];
    });
    await cdp.send('HeapProfiler.collectGarbage');
    const heapEnd = await heap();
    const rss1 = rssMiB(ctx.bridge.pid);
    const longest = gaps.length ? Math.max(...gaps) : 0;
    rows.push(
      row({
        section: SECTION,
        measurement: `logs view, ${n.toLocaleString('en')} lines: go to line ${half.toLocaleString('en')} → painted`,
        berth: median(mid),
        baseline: null,
        baselineLabel: '',
        goal: '< 100 ms',
        check: (b) => b < 100 && Math.max(...mid) < 100,
        samples: mid.length,
        note: `each jump: ${jumps.map((j, i) => `${targets[i]?.toLocaleString('en')} ${j.toFixed(0)} ms`).join(', ')}; search "4242" typed → first match on screen ${searchPaint.toFixed(0)} ms (250 ms of it the typing pause)`,
      }),
      row({
        section: SECTION,
        measurement: 'logs view: longest main-thread stall (gap between animation frames) while jumping and searching',
        berth: longest,
        baseline: null,
        baselineLabel: '',
        goal: '< 100 ms',
        check: (b) => b < 100,
        samples: gaps.length,
        note: `${gaps.filter((g) => g > 50).length} gaps > 50 ms of ${gaps.length} frames`,
      }),
      row({
        section: SECTION,
        measurement: 'whole log: memory growth — main (bridge RSS) and renderer (JS heap after GC)',
        unit: 'MiB',
        berth: rss1 - rss0,
        baseline: heapEnd - heapOpen,
        baselineLabel: 'renderer heap growth (MiB)',
        goal: 'bounded whatever the size (< 64 MiB main, < 10 MiB renderer)',
        check: () => rss1 - rss0 < 64 && heapEnd - heapOpen < 10,
        note: `main RSS ${rss0.toFixed(0)} → ${rss1.toFixed(0)} MiB (${n.toLocaleString('en')} lines kept on disk, 6 searches); renderer heap ${heapOpen.toFixed(1)} → ${heapEnd.toFixed(1)} MiB`,
      }),
    );
  } catch (e) {
    ctx.log(`log session: the page part failed: ${(e as Error).message.split('\n')[0] ?? ''}`);
    rows.push(
      notMeasured(
        SECTION,
        'logs view over the whole log (jump, stall, memory)',
        `failed: ${(e as Error).message.split('\n')[0] ?? ''}`,
      ),
    );
  } finally {
    opened.close();
    await cdp.detach().catch(() => {});
    await page.close().catch(() => {});
  }
  return rows;
}
