/**
 * 4 (UI part). The Logs tab in Chromium while a container prints N lines (default 1,000,000) quickly
 * *after* the tab is open (`sh -c 'sleep 2; seq 1 N'`), following: time from the first line on screen
 * to the last line ("N") on screen, the renderer's JS heap at the end vs right after the tab opened,
 * and long tasks (a PerformanceObserver installed before the page loads, reset once the tab is open).
 * Baseline: `docker logs -f` attached to an identical container, first line → last line, run just before;
 * beside it in the note `docker logs -f -t`, which asks the engine for what Berth asks (every line with its
 * time: the view shows it and jumps to a time by it), and the CPU the bridge and that CLI used for it.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { BENCH_PREFIX } from './config';
import type { BenchContext } from './context';
import { engineJson } from './engine';
import { containerSpec } from './load';
import { hasContainerLogs, hasLogsView } from './features';
import { cpuSeconds } from './procStat';
import { startPageProfile } from './profile';
import { notMeasured, row, type ResultRow } from './result';
import { now, sleep } from './stats';

const SECTION = '4 logs';
const MiB = 1024 * 1024;

interface ProbeWindow {
  __benchLong?: number[];
  /** requestAnimationFrame gaps over 50 ms: the fallback when Chromium reports no longtask entries. */
  __benchGaps?: number[];
  __benchLines?: { first?: number; last?: number };
}

async function createPrinter(group: string, n: number): Promise<string> {
  const spec = { ...containerSpec(group), Cmd: ['sh', '-c', `sleep 2; seq 1 ${n}`] };
  const name = `${BENCH_PREFIX}-${group}-${Date.now().toString(36)}`;
  const { Id } = await engineJson<{ Id: string }>('POST', `/containers/create?name=${name}`, spec);
  return Id;
}

/**
 * `docker logs -f` (with `-t`: each line after its RFC 3339 time) on a container started just before: ms from
 * its first output to the line "n", and the CPU seconds the CLI used.
 */
function cliFollow(id: string, n: number, timestamps: boolean): Promise<{ ms: number; cpu: number }> {
  return new Promise((resolve, reject) => {
    const args = ['logs', '-f', ...(timestamps ? ['-t'] : []), id];
    const child = spawn('docker', args, { stdio: ['ignore', 'pipe', 'ignore'] });
    let first: number | undefined;
    let tail = '';
    let done = false;
    const want = timestamps ? `Z ${n}\n` : `\n${n}\n`;
    child.stdout.on('data', (c: Buffer) => {
      first ??= now();
      tail = (tail + String(c)).slice(-32);
      if (!done && ('\n' + tail).includes(want)) {
        done = true;
        const ms = now() - first;
        let cpu = NaN;
        try {
          cpu = cpuSeconds(child.pid ?? 0);
        } catch {
          // gone already
        }
        resolve({ ms, cpu });
        child.kill();
      }
    });
    child.on('error', reject);
    child.on('close', () => {
      if (!done) reject(new Error('docker logs -f ended before the last line'));
    });
  });
}

/** A printer container of its own, followed by `docker logs -f` (`-t`: with times) from before it starts. */
async function cliBaseline(group: string, n: number, timestamps: boolean): Promise<{ ms: number; cpu: number }> {
  const id = await createPrinter(group, n);
  const done = cliFollow(id, n, timestamps);
  await engineJson('POST', `/containers/${id}/start`);
  return done;
}

const metric = async (cdp: CDPSession, name: string): Promise<number> => {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as {
    metrics: Array<{ name: string; value: number }>;
  };
  return metrics.find((m) => m.name === name)?.value ?? 0;
};
const heapUsed = (cdp: CDPSession) => metric(cdp, 'JSHeapUsedSize');

export async function measureLogsView(ctx: BenchContext): Promise<ResultRow[]> {
  const n = ctx.config.logLines;
  const what = `logs view, ${n.toLocaleString('en')} lines followed: first → last line on screen`;
  if (!hasContainerLogs() || !hasLogsView()) return [notMeasured(SECTION, what, 'no logs stream or logs view yet')];

  // Baselines: docker logs -f, then docker logs -f -t, each on an identical container.
  const cli = (await cliBaseline('logsview-cli', n, false)).ms;
  const stamped = await cliBaseline('logsview-cli-t', n, true);
  const cliStamped = stamped.ms;
  ctx.log(`logs view: docker logs -f ${cli.toFixed(0)} ms, docker logs -f -t ${cliStamped.toFixed(0)} ms`);

  const id = await createPrinter('logsview', n);
  const page: Page = await ctx.browser.newPage({ viewport: { width: 1400, height: 900 } });
  const cdp = await page.context().newCDPSession(page);
  try {
    await page.addInitScript('globalThis.__name = (f) => f;');
    await page.addInitScript(
      ({ last }) => {
        const w = window as unknown as ProbeWindow;
        w.__benchLong = [];
        w.__benchGaps = [];
        w.__benchLines = {};
        let prevFrame = 0;
        const tick = (t: number) => {
          if (prevFrame && t - prevFrame > 50) w.__benchGaps?.push(t - prevFrame);
          prevFrame = t;
          if (w.__benchLines?.last === undefined) requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
        try {
          new PerformanceObserver((list) => {
            for (const e of list.getEntries()) w.__benchLong?.push(e.duration);
          }).observe({ type: 'longtask', buffered: true });
        } catch {
          // no longtask support: the row says so
        }
        const check = () => {
          const lines = w.__benchLines;
          if (!lines || lines.last !== undefined) return;
          const texts = document.querySelectorAll('[data-testid="log-line"] .log-text');
          if (texts.length && lines.first === undefined) lines.first = Date.now();
          for (let i = texts.length - 1; i >= 0; i--) {
            if (texts[i]?.textContent === last) {
              lines.last = Date.now();
              observer.disconnect();
              return;
            }
          }
        };
        const observer = new MutationObserver(check);
        document.addEventListener('DOMContentLoaded', () =>
          observer.observe(document.body, { childList: true, subtree: true, characterData: true }),
        );
      },
      { last: String(n) },
    );
    page.on('pageerror', (e) => process.stderr.write(`[bench] page error: ${String(e)}\n`));
    await cdp.send('Performance.enable');
    // Open the page first (the list must know the container), then start it: lines come 2 s later.
    await page.goto(`${ctx.bridge.url}#/containers/${id}`);
    await page.locator('[data-testid="engine-status"][data-state="connected"]').waitFor({ timeout: 20_000 });
    await page.getByTestId('log-view').waitFor({ timeout: 20_000 });
    const bridgeCpu0 = cpuSeconds(ctx.bridge.pid);
    await engineJson('POST', `/containers/${id}/start`);
    await cdp.send('HeapProfiler.collectGarbage');
    const heapOpen = await heapUsed(cdp);
    const task0 = await metric(cdp, 'TaskDuration');
    const stopProfile =
      process.env.BERTH_BENCH_PAGE_PROF === '1'
        ? await startPageProfile(cdp, mkdtempSync(join(tmpdir(), 'berth-page-prof-')), 'page')
        : undefined;
    await page.evaluate(() => {
      const w = window as unknown as ProbeWindow;
      w.__benchLong = [];
      w.__benchGaps = [];
    });
    const handle = await page.waitForFunction(
      () => {
        const l = (window as unknown as ProbeWindow).__benchLines;
        return l?.last !== undefined ? l : undefined;
      },
      undefined,
      { timeout: 180_000, polling: 200 },
    );
    const lines = (await handle.jsonValue()) as { first: number; last: number };
    const bridgeCpu = cpuSeconds(ctx.bridge.pid) - bridgeCpu0;
    if (stopProfile)
      process.stderr.write(`[bench] the page while following (BERTH_BENCH_PAGE_PROF):\n${await stopProfile()}\n`);
    await sleep(500); // the longtask entries of the last frames
    const taskSeconds = (await metric(cdp, 'TaskDuration')) - task0;
    const heapEndRaw = await heapUsed(cdp);
    await cdp.send('HeapProfiler.collectGarbage');
    const heapEnd = await heapUsed(cdp);
    const long = await page.evaluate(() => (window as unknown as ProbeWindow).__benchLong ?? []);
    const gaps = await page.evaluate(() => (window as unknown as ProbeWindow).__benchGaps ?? []);
    // Proof the observer reports: a 120 ms busy loop must show up as a long task.
    const observed = await page.evaluate(async () => {
      const w = window as unknown as ProbeWindow;
      const before = w.__benchLong?.length ?? 0;
      const t = performance.now();
      while (performance.now() - t < 120);
      await new Promise((r) => setTimeout(r, 300));
      return (w.__benchLong?.length ?? 0) > before;
    });
    const status = (await page.locator('.log-status').textContent())?.trim() ?? '';
    const domLines = await page.getByTestId('log-line').count();
    const ms = lines.last - lines.first;
    const longOrGaps = observed ? long : gaps;
    const maxLong = longOrGaps.length ? Math.max(...longOrGaps) : 0;
    const over200 = longOrGaps.filter((d) => d > 200).length;
    const growth = (heapEnd - heapOpen) / MiB;
    return [
      row({
        section: SECTION,
        measurement: what,
        berth: ms,
        baseline: cli,
        baselineLabel: 'docker logs -f, first → last line',
        samples: 1,
        note: `${Math.round(n / (ms / 1000)).toLocaleString('en')} lines/s through the UI; \`docker logs -f -t\` (the lines with their times, as Berth asks the engine) ${cliStamped.toFixed(0)} ms: ${(ms / cliStamped).toFixed(2)}× that; status "${status}"; ${domLines} line elements in the DOM; CPU: the bridge ${bridgeCpu.toFixed(1)} s from the container's start to the last line on screen, \`docker logs -f -t\` ${stamped.cpu.toFixed(1)} s`,
      }),
      row({
        section: SECTION,
        measurement: 'logs view: renderer JS heap at the end (after GC) vs right after opening the tab',
        unit: 'MiB',
        berth: heapEnd / MiB,
        baseline: heapOpen / MiB,
        baselineLabel: 'heap after opening the tab',
        goal: 'bounded (growth < 10 MiB)',
        check: () => growth < 10,
        note: `growth ${growth.toFixed(1)} MiB after GC, ${((heapEndRaw - heapOpen) / MiB).toFixed(1)} MiB before GC`,
      }),
      row({
        section: SECTION,
        measurement: observed
          ? 'logs view: longest task while the lines streamed'
          : 'logs view: longest main-thread stall while the lines streamed (rAF gap)',
        berth: maxLong,
        baseline: null,
        baselineLabel: '',
        goal: 'no long task > 200 ms',
        check: () => over200 === 0,
        samples: longOrGaps.length,
        note:
          (observed
            ? `${long.length} long tasks (> 50 ms), ${over200} over 200 ms, ${long.reduce((a, b) => a + b, 0).toFixed(0)} ms in long tasks`
            : `this Chromium reports no longtask entries (a 120 ms probe task was not observed), so the figure is the longest gap between animation frames: ${gaps.length} gaps > 50 ms, ${over200} > 200 ms`) +
          `; renderer main thread busy ${taskSeconds.toFixed(2)} s of ${(ms / 1000).toFixed(1)} s (CDP TaskDuration)`,
      }),
    ];
  } finally {
    await cdp.detach().catch(() => {});
    await page.close().catch(() => {});
  }
}
