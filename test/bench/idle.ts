/**
 * 6. Idle cost: the bridge process's CPU and RSS over a quiet window with running containers and the
 * Containers view open in Chromium, beside a plain 1-second poller of GET /containers/json?all=1 running
 * in the same window (what a polling app's main process would spend at the least). The verdict is the
 * issue's: Berth's bridge costs no more than that poller (the absolute figure is in the note), and the
 * renderer's main thread at most 0.5 % of a core. The window starts once every container's times in the
 * table are a minute old: younger ones ("Up 5 seconds", "5s ago") repaint each second, which is no idle.
 */
import { spawn } from 'node:child_process';
import type { Page } from 'playwright-core';
import type { BenchContext } from './context';
import { openView } from './browser';
import { DOCKER_SOCKET, engineJson } from './engine';
import { benchContainers, createContainers } from './load';
import { cpuSeconds, rssMiB } from './procStat';
import { row, type ResultRow } from './result';
import { sleep } from './stats';
import { watchRawEvents } from './rawEvents';

const POLLER = `
const http = require('node:http');
setInterval(() => {
  http.get({ socketPath: ${JSON.stringify(DOCKER_SOCKET)}, path: '/containers/json?all=1' }, (res) => {
    let body = '';
    res.on('data', (c) => (body += c));
    res.on('end', () => JSON.parse(body));
  });
}, 1000);
`;

/** Docker's words for a running container's start under a minute ago ("Up 5 seconds"). */
const UP_SECONDS = /^Up (?:Less than a second|(\d+) seconds?)/;

/**
 * Seconds until every container's times shown in the table — created ("5s ago") and, when running,
 * started ("Up 5 seconds") — are a minute old, so their clocks repaint every 15 s instead of every second
 * (renderer/common/format.ts refreshEvery).
 */
async function secondsUntilClocksSlow(): Promise<number> {
  const list = await engineJson<Array<{ Created: number; State: string; Status: string }>>(
    'GET',
    '/containers/json?all=1',
  );
  const now = Date.now() / 1000;
  let youngest = Infinity;
  for (const c of list) {
    youngest = Math.min(youngest, now - c.Created);
    const up = c.State === 'running' ? UP_SECONDS.exec(c.Status) : null;
    if (up) youngest = Math.min(youngest, Number(up[1] ?? 0));
  }
  return Math.max(0, 60 - youngest);
}

interface CdpMetrics {
  metrics: Array<{ name: string; value: number }>;
}

export async function measureIdle(ctx: BenchContext, openPage?: Page): Promise<ResultRow[]> {
  const running = (await benchContainers()).filter((c) => c.State === 'running').length;
  const missing = Math.max(0, ctx.config.idleRunning - running);
  if (missing) await createContainers('idle', missing, ctx.config.parallel, { start: true });
  const page = openPage ?? (await openView(ctx.browser, ctx.bridge, 'containers'));
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const poller = spawn(process.execPath, ['-e', POLLER], { stdio: 'ignore' });
  try {
    // Let the start burst settle, and the young containers' clocks slow down (at least 5 s).
    const settle = Math.max(5, Math.ceil((await secondsUntilClocksSlow()) + 2));
    ctx.log(`idle: settling ${settle} s (until every container's shown times are a minute old)`);
    await sleep(settle * 1000);
    const seconds = ctx.config.idleSeconds;
    ctx.log(`idle window: ${seconds} s with ${ctx.config.idleRunning} running containers, Containers view open`);
    const pid = ctx.bridge.pid;
    const pollerPid = poller.pid ?? 0;
    const task = async () =>
      ((await cdp.send('Performance.getMetrics')) as CdpMetrics).metrics.find((m) => m.name === 'TaskDuration')
        ?.value ?? 0;
    const events = await watchRawEvents();
    const c0 = cpuSeconds(pid);
    const p0 = cpuSeconds(pollerPid);
    const r0 = await task();
    const rss: number[] = [];
    const pollerRss: number[] = [];
    const end = Date.now() + seconds * 1000;
    while (Date.now() < end) {
      rss.push(rssMiB(pid));
      pollerRss.push(rssMiB(pollerPid));
      await sleep(Math.min(5000, Math.max(0, end - Date.now())));
    }
    const cpu = ((cpuSeconds(pid) - c0) / seconds) * 100;
    const pollerCpu = ((cpuSeconds(pollerPid) - p0) / seconds) * 100;
    const rendererCpu = (((await task()) - r0) / seconds) * 100;
    const engineEvents = events.count();
    events.close();
    const max = (xs: number[]) => Math.max(...xs);
    const common = { section: '6 idle', baselineLabel: '1 s poller (node)', samples: rss.length };
    return [
      row({
        ...common,
        measurement: `bridge CPU, ${seconds} s idle, ${ctx.config.idleRunning} running`,
        unit: '% core',
        berth: cpu,
        baseline: pollerCpu,
        goal: '≤ the 1 s poller',
        check: (b, base) => base !== null && b <= base,
        note:
          `absolute: ${cpu.toFixed(2)} % core (poller ${pollerCpu.toFixed(2)} %); settled ${settle} s first; ` +
          `${engineEvents} container events from the engine during the window (other users of the engine count too)`,
      }),
      row({
        ...common,
        measurement: 'bridge RSS, max over the window',
        unit: 'MiB',
        berth: max(rss),
        baseline: max(pollerRss),
      }),
      row({
        ...common,
        measurement: 'renderer main thread busy (CDP TaskDuration)',
        unit: '% core',
        berth: rendererCpu,
        baseline: null,
        baselineLabel: '',
        goal: '≤ 0.5 % core',
        check: (b) => b <= 0.5,
      }),
    ];
  } finally {
    poller.kill();
    await cdp.detach().catch(() => {});
  }
}
